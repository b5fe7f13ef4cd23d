// The shape of a property: a pure check over one outcome, two runs of the same target, or two targets.
import type { Profile, Scenario } from '../../model/scenario-types.ts';
import type { Outcome } from '../../model/outcome.ts';

/**
 * "Not applicable": the check found nothing on this case to compare (no gather of the kind it speaks about, the
 * situation its clause needs never arose). It neither held nor failed. A symbol, so it is never mistaken for a
 * violation message and TypeScript flags code that treats every non-null verdict as one.
 */
export const NOT_APPLICABLE: unique symbol = Symbol('not applicable');
export type NotApplicable = typeof NOT_APPLICABLE;

/** "Held": the check reached its comparison on this case and it held. */
export const HELD = null;

/**
 * A check's verdict, tri-state:
 * - a string: violated (the message says how);
 * - `HELD` (null): the property's substantive comparison ran on this case and held — the case *engaged* it;
 * - `NOT_APPLICABLE`: nothing to check on this case (the case did not engage the property).
 * A check that makes several comparisons returns HELD when at least one of them ran (see `heldIf`).
 */
export type Verdict = string | typeof HELD | NotApplicable;

/** HELD when the check compared something, else NOT_APPLICABLE: the usual last line of a check. */
export function heldIf(engaged: boolean): Verdict {
  return engaged ? HELD : NOT_APPLICABLE;
}

/** The violation message of a verdict, or null (held or not applicable). */
export function violationOf(verdict: Verdict): string | null {
  return typeof verdict === 'string' ? verdict : null;
}

/** A scenario format: `loopcheck: 1` (a gather's tree of children) or `loopcheck: 2` (tasks, awaits, shields, timeouts). */
export type ScenarioFormat = 1 | 2;

interface PropertyBase {
  /** Short kebab-case name, used in tables and failure-file names. */
  name: string;
  /** One line saying what the property asserts. */
  description: string;
  /** The profiles the property holds under. */
  profiles: readonly Profile[];
  /**
   * Set when the property's situation is rare by nature, with the reason: the vacuity rule (a property engaged
   * on fewer than `VACUITY_THRESHOLD` of its cases fails the run) then only reports the share, and repeats this
   * reason. Unset for every property the default generators are steered to engage.
   */
  rare?: string;
  /**
   * The scenario formats the check reads (docs/rules.md §4b): 1, the tree of `children`; 2, the tasks, `args` and
   * steps of format 2. Default `[1]`: a property written for format 1 is never handed a format 2 scenario. A case of a
   * format not listed is not judged (`judge` answers `unjudged`): it is not one of the property's cases, the
   * engagement share is over the cases judged, and every verdict printed says how many cases went unjudged. List 2
   * only when the check reads format 2 itself or reads only the outcome (properties/lib/scenario-walk.ts reads both).
   * Every built-in property declares it in its own file; its name plays no part.
   */
  formats?: readonly ScenarioFormat[];
  /**
   * Set when the property speaks only about what format 2 expresses (awaits, shields, timeouts, shutdown): its check
   * reads format 1 too (`formats: [1, 2]`) and answers NOT_APPLICABLE on every format 1 scenario. Conformance leaves
   * it out where a target runs format 1 only; an exploration expects it to engage from the format 2 families on.
   * A property whose `formats` leaves out 1 is format 2 only as well (format2/readiness.ts, `isFormat2Only`).
   */
  format2Only?: true;
}

/** Checked on one target's outcome. */
export interface OutcomeProperty extends PropertyBase {
  kind: 'outcome';
  check(scenario: Scenario, outcome: Outcome): Verdict;
}

/** Checked on two runs of the same scenario on the same target. */
export interface DeterminismProperty extends PropertyBase {
  kind: 'determinism';
  check(scenario: Scenario, first: Outcome, second: Outcome): Verdict;
}

/** Checked on a reference target's outcome (`expected`, the model) against another target's (`observed`). */
export interface DifferentialProperty extends PropertyBase {
  kind: 'differential';
  check(scenario: Scenario, expected: Outcome, observed: Outcome): Verdict;
}

export type PropertySpec = OutcomeProperty | DeterminismProperty | DifferentialProperty;
