// A target is anything that can run scenarios and report Outcomes: the model, the loop, a real runtime.
import type { Scenario } from '../model/scenario-types.ts';
import type { Outcome } from '../model/outcome.ts';

/** One scenario's result on a target: an Outcome, or why the target could not produce one. */
export type TargetResult =
  | { ok: true; outcome: Outcome }
  | { ok: false; error: string; kind: 'crash' | 'timeout' | 'unsupported' };

export interface Target {
  /** Short name used on the command line: `model`, `impl`, `cpython`, … */
  name: string;
  description: string;
  /** The model profile this target is expected to conform to (`seed` for model and impl). */
  profile: string;
  /** Runs a batch (in order); a case that hangs or crashes gives `ok: false` and the batch goes on. */
  run(scenarios: Scenario[], options?: { timeoutMs?: number }): Promise<TargetResult[]>;
  /** Why the target cannot run here (its runtime is not installed), one line; undefined when it can. Conformance skips it. */
  unavailable?(): Promise<string | undefined>;
  /** Releases processes or instances the target keeps between batches. */
  close?(): Promise<void>;
}
