// What a profile expects where profiles differ (model/profiles.ts): the profile's choices and the ties it leaves open.
import { PROFILE_CHOICES, isModelledProfile, type ProfileChoices } from '../../model/profiles.ts';
import type { Scenario } from '../../model/scenario-types.ts';
import type { Outcome } from '../../model/outcome.ts';

export const MODELLED_PROFILES = Object.keys(PROFILE_CHOICES) as Array<keyof typeof PROFILE_CHOICES>;

/** The choices of the scenario's profile (seed's for an unknown one). */
export function choicesOf(scenario: Scenario): ProfileChoices {
  return isModelledProfile(scenario.profile) ? PROFILE_CHOICES[scenario.profile] : PROFILE_CHOICES.seed;
}

/**
 * True when the scenario's profile leaves the order of things due at the same time open (MicroPython) and a
 * scenario cancel is due at 0 or at a time when (in the reference run) a sleep ends or a task starts: the
 * runtime may run the cancel before or after it, so its outcome cannot be compared with the model's.
 */
export function hasOpenTie(scenario: Scenario, reference: Outcome): boolean {
  if (choicesOf(scenario).equalDeadlinesOrdered) return false;
  return scenario.cancels.some((c) => c.at === 0 || reference.trace.some((e) => e.at === c.at && (e.event === 'resumed' || e.event === 'started')));
}
