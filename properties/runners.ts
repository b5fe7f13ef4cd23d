// The targets properties run on: the model and the loop (synchronous), and any async `Target` (conformance).
import type { Scenario } from '../model/scenario-types.ts';
import type { Outcome } from '../model/outcome.ts';
import type { Target } from './target.ts';
import { simulate } from '../model/index.ts';
import { runOnLoop } from './run-on-loop.ts';

/** Runs one scenario synchronously (model, loop, a mutant of the loop). */
export interface SyncRunner {
  sync: true;
  name: string;
  /** How `resolveRunner` finds this runner again when its name does not say (an adapter's absolute path). */
  spec?: string;
  profile: string;
  run(scenario: Scenario): Outcome;
}

/** Runs one scenario asynchronously (a real runtime behind a `Target`). */
export interface AsyncRunner {
  sync: false;
  name: string;
  /** How `resolveRunner` finds this runner again when its name does not say (an adapter's absolute path). */
  spec?: string;
  profile: string;
  run(scenario: Scenario): Promise<Outcome>;
}

export type Runner = SyncRunner | AsyncRunner;

export const modelRunner: SyncRunner = { sync: true, name: 'model', profile: 'seed', run: (s) => simulate(s) };
export const implRunner: SyncRunner = { sync: true, name: 'impl', profile: 'seed', run: (s) => runOnLoop(s) };

/** The sync runners the CLI knows by name. */
export const BUILTIN_RUNNERS: ReadonlyMap<string, SyncRunner> = new Map([
  ['model', modelRunner],
  ['impl', implRunner],
]);

/** Adapts a batch `Target` to a one-scenario runner; a target's `ok: false` becomes a thrown error (a crash). */
/** A case the target answered `unsupported` (e.g. format 2 on a target that cannot run it): not a failure; a check skips it. */
export class UnsupportedCase extends Error {}

export function runnerFromTarget(target: Target, options: { timeoutMs?: number } = {}): AsyncRunner {
  return {
    sync: false,
    name: target.name,
    profile: target.profile,
    async run(scenario) {
      const [result] = await target.run([scenario], options);
      if (result === undefined) throw new Error(`${target.name} returned no result`);
      if (!result.ok && result.kind === 'unsupported')
        throw new UnsupportedCase(`${target.name} unsupported: ${result.error}`);
      if (!result.ok) throw new Error(`${target.name} ${result.kind}: ${result.error}`);
      return result.outcome;
    },
  };
}
