// The shape of a property: a pure check over one outcome, two runs of the same target, or two targets.
import type { Profile, Scenario } from '../../model/scenario-types.ts';
import type { Outcome } from '../../model/outcome.ts';

/** A violation message, or null when the property holds. */
export type Verdict = string | null;

interface PropertyBase {
  /** Short kebab-case name, used in tables and failure-file names. */
  name: string;
  /** One line saying what the property asserts. */
  description: string;
  /** The profiles the property holds under. */
  profiles: readonly Profile[];
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
