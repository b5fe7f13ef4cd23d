// The messages between loopcheck and an adapter's process (adapter-host.ts), over Node's IPC channel as JSON.
import type { Scenario } from '../../model/scenario-types.ts';
import type { TargetResult } from '../../properties/target.ts';

export type HostRequest = { type: 'run'; scenario: Scenario; timeoutMs: number } | { type: 'close' };

export type HostReply =
  | { type: 'ready'; name: string; description: string; profile: string }
  | { type: 'load-error'; message: string }
  | { type: 'result'; result: TargetResult };
