// What a profile expects where profiles differ (model/profiles.ts): its choices, and the outcomes its open ties allow.
import { PROFILE_CHOICES, isModelledProfile, type ProfileChoices } from '../../model/profiles.ts';
import { allowedOutcomes, hasOpenOrder, type AllowedOutcomes } from '../../model/allowed-outcomes.ts';
import type { Scenario } from '../../model/scenario-types.ts';
import type { Outcome } from '../../model/outcome.ts';
import { firstDifference } from '../format/first-difference.ts';

export const MODELLED_PROFILES = Object.keys(PROFILE_CHOICES) as Array<keyof typeof PROFILE_CHOICES>;

/** The choices of the scenario's profile (seed's for an unknown one). */
export function choicesOf(scenario: Scenario): ProfileChoices {
  return isModelledProfile(scenario.profile) ? PROFILE_CHOICES[scenario.profile] : PROFILE_CHOICES.seed;
}

const withoutTrace = (o: Outcome): Outcome => ({ ...o, trace: [] });

/** Statuses, values, `at` and `end` equal (traces not compared). */
function sameOutcome(a: Outcome, b: Outcome): boolean {
  return firstDifference(withoutTrace(a), withoutTrace(b)) === null;
}

// conformance asks hasOpenTie and then the property for the same case: the enumeration is made once
let last: { scenario: Scenario; observed: Outcome; allowed: AllowedOutcomes } | undefined;

/** The outcomes the scenario's profile allows (TIE, rules.md §7), enumerated until one equals `observed`. */
function allowedFor(scenario: Scenario, observed: Outcome): AllowedOutcomes {
  if (last?.scenario === scenario && last.observed === observed) return last.allowed;
  const allowed = allowedOutcomes(scenario, { stop: (o) => sameOutcome(o, observed) });
  last = { scenario, observed, allowed };
  return allowed;
}

/**
 * True when the target's outcome cannot be judged against the model: the profile leaves the order among equal
 * deadlines open (MicroPython), the outcome equals none of the allowed ones found, and there were more orders
 * than MAX_TIE_ORDERS, so an allowed outcome equal to it may be among the ones not tried. Such a case is counted
 * as uncompared, not failed. (`reference` is the model's FIFO-order outcome.)
 */
export function hasOpenTie(scenario: Scenario, reference: Outcome, observed: Outcome = reference): boolean {
  if (!hasOpenOrder(scenario) || sameOutcome(reference, observed)) return false;
  const allowed = allowedFor(scenario, observed);
  return !allowed.complete && !allowed.outcomes.some((o) => sameOutcome(o, observed));
}

/**
 * How a target's outcome differs from every outcome the model allows under the scenario's profile (statuses,
 * values, `at`, `end`; traces not compared), or null when it equals one of them. With ordered deadlines that is
 * the model's one outcome (`expected`); where the profile leaves equal deadlines open, any order's outcome.
 */
export function modelOutcomeDifference(
  scenario: Scenario,
  expected: Outcome,
  observed: Outcome,
  labels: [string, string] = [`model(${scenario.profile})`, 'target'],
): string | null {
  const difference = firstDifference(withoutTrace(expected), withoutTrace(observed), labels[0], labels[1]);
  if (difference === null || !hasOpenOrder(scenario)) return difference;
  const allowed = allowedFor(scenario, observed);
  if (allowed.outcomes.some((o) => sameOutcome(o, observed))) return null;
  const others = allowed.outcomes.length - 1;
  const scope = `${allowed.complete ? 'every' : 'each tried'} order of equal deadlines (${allowed.orders} orders, ${allowed.outcomes.length} outcome${allowed.outcomes.length === 1 ? '' : 's'})`;
  return `${difference}${others > 0 ? ` (FIFO order; no other outcome of ${scope} matches either)` : ` (the same in ${scope})`}`;
}

/**
 * The outcome-only comparison of two targets where one is a real runtime: against the model it allows every
 * outcome of the profile's open ties (modelOutcomeDifference); between two other targets, plain equality.
 */
export function runtimeOutcomeDifference(
  scenario: Scenario,
  a: { target: string; outcome: Outcome },
  b: { target: string; outcome: Outcome },
): string | null {
  if (a.target === 'model') return modelOutcomeDifference(scenario, a.outcome, b.outcome, [a.target, b.target]);
  if (b.target === 'model') return modelOutcomeDifference(scenario, b.outcome, a.outcome, [b.target, a.target]);
  return firstDifference(withoutTrace(a.outcome), withoutTrace(b.outcome), a.target, b.target);
}
