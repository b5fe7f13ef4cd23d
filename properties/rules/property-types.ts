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
