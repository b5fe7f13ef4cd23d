// Reads a saved failure file (reports/out/failures/<property>-<target>.json) into a timeline's input.
import type { Outcome } from '../../model/outcome.ts';
import type { Scenario } from '../../model/scenario-types.ts';
import type { FailureRecord } from '../../properties/failure-file.ts';
import type { LabelledOutcome, TimelineInput } from './types.ts';

/**
 * A failure file as the checker writes it (properties/failure-file.ts), read leniently: conformance files may
 * carry no message, and `observed` may be an Outcome, a TargetResult wrapping one, or a note that there was none.
 */
export interface FailureFile extends Omit<FailureRecord, 'message' | 'observed'> {
  message?: string;
  observed: unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An Outcome, also when wrapped as a TargetResult (`{ ok: true, outcome }`). */
export function asOutcome(value: unknown): Outcome | undefined {
  if (isObject(value) && isObject(value.outcome)) return asOutcome(value.outcome);
  if (isObject(value) && Array.isArray(value.trace) && isObject(value.awaiter) && typeof value.end === 'number') {
    return value as unknown as Outcome;
  }
  return undefined;
}

/** Validates parsed JSON as a failure file; throws a one-line Error naming what is wrong. */
export function parseFailureFile(json: unknown, source = 'failure file'): FailureFile {
  if (!isObject(json)) throw new Error(`${source}: not a JSON object`);
  if (json.kind !== 'failure') throw new Error(`${source}: "kind" is not "failure"`);
  if (!isObject(json.scenario)) throw new Error(`${source}: no "scenario"`);
  if (typeof json.property !== 'string' || typeof json.target !== 'string') {
    throw new Error(`${source}: "property" and "target" must be strings`);
  }
  return json as unknown as FailureFile;
}

/** The display label of a target's row: `loop` for the in-process loop, else the target's name. */
export function targetLabel(target: string): string {
  return target === 'impl' ? 'loop' : target;
}

export interface FailureTimelineOptions {
  /** Computes the model's outcome when the failure file has none (e.g. the target crashed first). */
  model?: (scenario: Scenario) => Outcome;
}

/** The model's and the target's outcomes as a timeline (what exists of them), with the violation as a note. */
export function timelineInputFromFailure(failure: FailureFile, options: FailureTimelineOptions = {}): TimelineInput {
  const outcomes: LabelledOutcome[] = [];
  const notes: string[] = [];
  if (typeof failure.message === 'string' && failure.message !== '') notes.push(failure.message.split('\n')[0]!);
  let expected = asOutcome(failure.expected);
  const observed = asOutcome(failure.observed);
  if (expected === undefined && options.model !== undefined && failure.target !== 'model') {
    try {
      expected = options.model(failure.scenario);
      notes.push('model row computed now (the failure file holds no expected outcome)');
    } catch (error) {
      notes.push(
        `the model could not run this scenario: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      );
    }
  }
  if (expected !== undefined) outcomes.push({ label: 'model', outcome: expected });
  if (observed !== undefined) outcomes.push({ label: targetLabel(failure.target), outcome: observed });
  else notes.push(`${failure.target} produced no outcome`);
  if (outcomes.length === 0) {
    throw new Error(
      `failure ${failure.property}-${failure.target}: neither "expected" nor "observed" holds an Outcome`,
    );
  }
  const violation =
    typeof failure.message === 'string' && failure.message !== '' && observed !== undefined
      ? { violation: { property: failure.property, message: failure.message, run: targetLabel(failure.target) } }
      : {};
  return {
    scenario: failure.scenario,
    outcomes,
    ...violation,
    title: `${failure.property} on ${failure.target} (profile ${failure.profile}, seed ${failure.seed}, path ${failure.path})`,
    notes,
  };
}
