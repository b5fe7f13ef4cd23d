// Reads a saved failure file (reports/out/failures/<property>-<target>.json) into a timeline's input.
import type { Outcome } from '../../model/outcome.ts';
import type { Scenario } from '../../model/scenario-types.ts';
import type { LabelledOutcome, TimelineInput } from './types.ts';

/** The failure file written by the checker (the shape in the reports brief). */
export interface FailureFile {
  loopcheck: 1;
  kind: 'failure';
  property: string;
  target: string;
  profile: string;
  seed: number;
  path: string;
  scenario: Scenario;
  /** The violation message. */
  message?: string;
  /** What the model says (differential properties). */
  expected?: Outcome;
  /** What the target did: an Outcome, or a note that it could not produce one. */
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

/** The model's and the target's outcomes as a timeline (only the target's when there is no expected outcome). */
export function timelineInputFromFailure(failure: FailureFile): TimelineInput {
  const outcomes: LabelledOutcome[] = [];
  const expected = asOutcome(failure.expected);
  const observed = asOutcome(failure.observed);
  if (expected !== undefined) outcomes.push({ label: 'model', outcome: expected });
  if (observed !== undefined) outcomes.push({ label: targetLabel(failure.target), outcome: observed });
  if (outcomes.length === 0) {
    throw new Error(`failure ${failure.property}-${failure.target}: neither "expected" nor "observed" holds an Outcome`);
  }
  return {
    scenario: failure.scenario,
    outcomes,
    title: `${failure.property} on ${failure.target} (profile ${failure.profile}, seed ${failure.seed}, path ${failure.path})`,
  };
}
