// Engagement, counted in one place: how many judged cases reached a property's comparison, and the vacuity rule.
import type { PropertySpec } from './rules/property-types.ts';
import type { Judgement } from './evaluate.ts';

/** A property × target engaged on fewer than this share of its cases fails the run as vacuous (unless `rare`). */
export const VACUITY_THRESHOLD = 0.25;
/**
 * The rule judges runs of at least this many cases: below, a share is mostly noise (20 cases of a property engaged
 * on 36% give fewer than 5 engaged one time in ten); the count is still reported.
 */
export const VACUITY_MIN_CASES = 50;

/** Cases judged and cases that engaged, for one property × target (check, conformance cell, explore tally). */
export class EngagementTally {
  cases = 0;
  engaged = 0;

  /** Counts one judged case. */
  record(j: Judgement): void {
    this.cases++;
    if (j.engaged) this.engaged++;
  }
}

/** What the vacuity rule says about a property that held on `cases` cases, `engaged` of which reached its comparison. */
export interface Vacuity {
  /** True when the run fails for it: below the threshold and the property does not declare itself rare. */
  vacuous: boolean;
  /** "engaged 6 of 300 (2%)…" when below the threshold (vacuous, or rare with its reason); undefined otherwise. */
  note?: string;
}

export function engagedText(engaged: number, cases: number): string {
  return `engaged ${engaged} of ${cases}${cases > 0 ? ` (${Math.round((100 * engaged) / cases)}%)` : ''}`;
}

/** The vacuity rule (README, "Engagement"): below VACUITY_THRESHOLD fails, unless the property is declared rare. */
export function vacuity(property: Pick<PropertySpec, 'rare'>, cases: number, engaged: number): Vacuity {
  if (cases < VACUITY_MIN_CASES || engaged >= VACUITY_THRESHOLD * cases) return { vacuous: false };
  const share = engagedText(engaged, cases);
  if (property.rare !== undefined) return { vacuous: false, note: `${share}, rare by declaration: ${property.rare}` };
  return { vacuous: true, note: `vacuous: ${share}, below ${VACUITY_THRESHOLD * 100}%` };
}
