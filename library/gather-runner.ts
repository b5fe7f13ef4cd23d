// A user's gather, written on loopcheck's loop, as a target the properties can run on (what the mutant zoo does).
import { runOnLoop, type GatherLike } from '../properties/run-on-loop.ts';
import type { SyncRunner } from '../properties/runners.ts';

export interface GatherRunnerOptions {
  /** Loop steps per scenario before the run stops with StepLimitError (default 100 000): a gather that never
   *  wakes its caller fails the property instead of hanging the test. */
  maxSteps?: number;
}

/**
 * Runs every scenario on loopcheck's loop with `gather` in place of the loop's own, as the target `name`
 * (profile `seed`): pass it to `checkProperty` or `loopcheckTest` to judge the gather by the properties.
 *
 * @public
 * @example
 * ```ts
 * import { checkProperty, findProperty, gatherRunner, describeFailure } from 'loopcheck';
 * import { myGather } from './my-gather.ts';
 *
 * const result = await checkProperty(findProperty('order-preservation')!, gatherRunner('my-gather', myGather()));
 * if (result.status === 'failed') console.log(describeFailure(result));
 * ```
 */
export function gatherRunner(name: string, gather: GatherLike, options: GatherRunnerOptions = {}): SyncRunner {
  const runOptions = { gather, maxSteps: options.maxSteps ?? 100_000 };
  return { sync: true, name, profile: 'seed', run: (scenario) => runOnLoop(scenario, runOptions) };
}
