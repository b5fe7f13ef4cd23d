// Re-judges a saved failure: its property on its target (by name, mutant:NAME or adapter path), as it was checked.
import { formatsOf, judgesFormat } from './format2/readiness.ts';
import type { Scenario } from '../model/scenario-types.ts';
import type { FailureRecord } from './failure-file.ts';
import { ReplayFileError } from './failure-file.ts';
import { findProperty } from './rules/index.ts';
import { evaluateAsync, type Evaluation } from './evaluate.ts';
import { modelRunner, type Runner } from './runners.ts';
import { resolveRunner } from './target-registry.ts';

/** Failure "properties" that are not properties: the target crashed or hung (explore, conformance issues). */
export const RUN_FAILURES: readonly string[] = ['crash', 'timeout'];

/** What a failure file names, enough to judge it again. */
export type Judgeable = Pick<FailureRecord, 'property' | 'target' | 'targetSpec' | 'profile'> & { scenario: Scenario };

export interface Rejudgement {
  property: string;
  /** The runner the property was judged on (its profile set to the recorded one). */
  runner: Runner;
  /** The verdict (`violation` null when the property holds) and the outcomes it compared. */
  evaluation: Pick<Evaluation, 'violation' | 'expected' | 'observed'>;
}

/**
 * The recorded target, resolved: `targetSpec` (or, in a file without one, the target's name). Throws a
 * ReplayFileError (one line, exit 2 on the command line) when it cannot be found or loaded.
 */
export async function recordedRunner(failure: Judgeable, file = 'failure file'): Promise<Runner> {
  const spec = failure.targetSpec ?? failure.target;
  let runner: Runner | undefined;
  try {
    runner = await resolveRunner(spec);
  } catch (e) {
    throw new ReplayFileError(
      `${file}: cannot load target ${spec}: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`,
    );
  }
  if (runner === undefined)
    throw new ReplayFileError(
      `${file}: unknown target ${JSON.stringify(spec)} (model, impl, mutant:<name>, a conformance target or an adapter path)`,
    );
  // The property was judged under the recorded profile (conformance judges cpython against seed as well).
  return { ...runner, profile: failure.profile };
}

/**
 * Judges the failure's property on the scenario again, on `runner` (default: the recorded target); a
 * differential compares with the model, as `check`, `explore` and `conformance` do. A `crash` or `timeout` file
 * is judged by running the target once: it fails again when the target still throws.
 */
export async function rejudgeFailure(
  failure: Judgeable,
  options: { runner?: Runner; file?: string } = {},
): Promise<Rejudgement> {
  const runner = options.runner ?? (await recordedRunner(failure, options.file));
  if (RUN_FAILURES.includes(failure.property)) {
    try {
      const observed = await runner.run(failure.scenario);
      return { property: failure.property, runner, evaluation: { violation: null, observed } };
    } catch (e) {
      const message = (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
      return { property: failure.property, runner, evaluation: { violation: message, observed: null } };
    }
  }
  const property = findProperty(failure.property);
  if (property === undefined)
    throw new ReplayFileError(
      `${options.file ?? 'failure file'}: unknown property ${JSON.stringify(failure.property)}`,
    );
  // a property that does not read the scenario's format would answer "not judged", never "no longer fails"
  const format = (failure.scenario as { loopcheck: number }).loopcheck;
  if (!judgesFormat(property, format))
    throw new ReplayFileError(
      `${options.file ?? 'failure file'}: ${property.name} does not judge a format ${format} scenario (it reads format ${formatsOf(property).join(' and ')}): nothing to judge again`,
    );
  const evaluation = await evaluateAsync(property, failure.scenario, runner, modelRunner);
  return { property: property.name, runner, evaluation };
}
