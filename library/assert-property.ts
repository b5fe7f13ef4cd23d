// Checks one property on one target and throws a replay recipe when it fails: the body of `loopcheckTest`, for any test runner.
import { checkProperty, describeFailure, type CheckOptions, type CheckResult } from '../properties/checker.ts';
import { findProperty, PROPERTIES } from '../properties/rules/index.ts';
import type { PropertySpec } from '../properties/rules/property-types.ts';
import { runnerFromTarget, type Runner } from '../properties/runners.ts';
import type { Target } from '../properties/target.ts';

/** What `assertProperty` and `loopcheckTest` accept besides `checkProperty`'s options (`onRun` aside). */
export type AssertPropertyOptions = Omit<CheckOptions, 'onRun'>;

/**
 * A property that failed: the message is the replay recipe (what failed, seed, path, shrunk scenario, and
 * numbered ways to reproduce it); `result` holds the whole check result with the failure record.
 *
 * @public
 */
export class PropertyFailure extends Error {
  override readonly name = 'PropertyFailure';
  constructor(
    readonly result: CheckResult,
    rerun?: RerunHint,
  ) {
    super(failureRecipe(result, rerun));
  }
}

/** Where the failing check was registered, so that the recipe names the command that reruns it. */
export interface RerunHint {
  /** The test file, relative to the current directory. */
  file: string;
  /** The test's title. */
  title: string;
}

/** A property by name (one line listing the known names when there is none), or the spec itself. */
export function resolveProperty(property: string | PropertySpec): PropertySpec {
  if (typeof property !== 'string') return property;
  const found = findProperty(property);
  if (found === undefined)
    throw new Error(
      `loopcheck: unknown property ${JSON.stringify(property)} (known: ${PROPERTIES.map((p) => p.name).join(', ')})`,
    );
  return found;
}

/** A runner as is; a batch `Target` (a real runtime, a user's adapter) adapted to one scenario at a time. */
export function asRunner(target: Runner | Target): Runner {
  return 'sync' in target ? target : runnerFromTarget(target);
}

/**
 * The failure text: `describeFailure`'s report, then how to reproduce it, numbered (as fast-check's
 * RunDetailsFormatter does): the same seed finds the same counterexample; seed and path replay it alone.
 */
export function failureRecipe(result: CheckResult, rerun?: RerunHint): string {
  const f = result.failure;
  if (f === undefined) return describeFailure(result);
  const lines = [describeFailure(result), 'Reproduce:'];
  const command =
    rerun === undefined
      ? `LOOPCHECK_SEED=${f.seed}`
      : `LOOPCHECK_SEED=${f.seed} npx vitest run ${rerun.file} -t ${JSON.stringify(rerun.title)}`;
  lines.push(`  1. ${command} reruns the same runs and finds this counterexample again`);
  lines.push(
    `  2. { seed: ${f.seed}, path: ${JSON.stringify(f.path)} } in the check's options runs the shrunk counterexample alone`,
  );
  if (result.failureFile !== undefined) {
    lines.push(
      `  3. npx loopcheck replay ${result.failureFile} --target model shows what the model does on it (trace, timeline)`,
    );
  }
  return lines.join('\n');
}

/**
 * Checks `property` on `target` with fast-check (LOOPCHECK_RUNS runs, default 100; seed LOOPCHECK_SEED or fresh);
 * resolves to the result when it holds or does not apply (`status: 'skipped'`), throws a `PropertyFailure`
 * whose message is the replay recipe when it fails. A run of a scenario format the property does not read (its
 * declared `formats`, default format 1 only) is not judged: the result's `judged` and `unjudged` count them, and
 * `describeFailure(result)` and the recipe say so ("… judged; 40 format 2 cases not judged …"). The failure file goes to `./reports/out/failures/`
 * (`failuresDir` to change, null for none).
 *
 * @public
 * @example
 * ```ts
 * import { test } from 'node:test';
 * import { assertProperty, gatherRunner } from 'loopcheck';
 * import { myGather } from './my-gather.ts';
 *
 * test('my gather cancels the siblings', () => assertProperty('sibling-cancellation', gatherRunner('my-gather', myGather())));
 * ```
 */
export async function assertProperty(
  property: string | PropertySpec,
  target: Runner | Target,
  options: AssertPropertyOptions = {},
): Promise<CheckResult> {
  const result = await checkProperty(resolveProperty(property), asRunner(target), options);
  if (result.status === 'failed') throw new PropertyFailure(result);
  return result;
}
