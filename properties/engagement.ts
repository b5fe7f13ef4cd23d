// Engagement, counted in one place: how many judged cases reached a property's comparison, and the vacuity rule.
import type { PropertySpec, ScenarioFormat } from './rules/property-types.ts';
import type { Judgement } from './evaluate.ts';

/** A property × target engaged on fewer than this share of its cases fails the run as vacuous (unless `rare`). */
export const VACUITY_THRESHOLD = 0.25;
/**
 * How far below the threshold a count must fall, in standard deviations of a binomial at the threshold, before the
 * rule fails the run. The generators are steered to about 33–45% per property; at 100 runs a fresh seed lands a
 * 34% property under 25 about one time in forty, and `check` on model and impl judges eight pairs that close, so a
 * bare "under 25%" would fail about one run in six by luck. Two deviations: 100 cases fail under 17 engaged, 300
 * under 60, 1000 under 223; a property engaged on 2–8% fails at any size from about 30 cases.
 */
export const VACUITY_DEVIATIONS = 2;

/** Unjudged cases per format: `{ 2: 40 }` when 40 format 2 cases went to a property that reads format 1 only. */
export type UnjudgedCounts = Partial<Record<ScenarioFormat, number>>;

/** Cases judged and cases that engaged, for one property × target (check, conformance cell, explore tally). */
export class EngagementTally {
  cases = 0;
  engaged = 0;
  /** Cases of a format the property does not read (its declared `formats`), per format: not among its cases. */
  readonly unjudged: UnjudgedCounts = {};

  /** Counts one judged case (a case of a format the property does not read is not one of its cases). */
  record(j: Judgement): void {
    if (j.unjudged !== undefined) {
      this.unjudged[j.unjudged] = (this.unjudged[j.unjudged] ?? 0) + 1;
      return;
    }
    this.cases++;
    if (j.engaged) this.engaged++;
  }
}

/** The unjudged counts in words ("40 format 2 cases not judged (…)"), or undefined when every case was judged. */
export function unjudgedText(unjudged: UnjudgedCounts | undefined): string | undefined {
  const formats = ([1, 2] as const).filter((f) => (unjudged?.[f] ?? 0) > 0);
  if (formats.length === 0) return undefined;
  const counts = formats.map((f) => `${unjudged![f]} format ${f} case${unjudged![f] === 1 ? '' : 's'}`);
  return `${counts.join(' and ')} not judged (the property does not read format ${formats.join(' or ')})`;
}

/**
 * A check result's `note` once unjudged runs are counted: the vacuity rule's note (if any) followed by how many went
 * unjudged, or the engagement line saying it; nothing to add when every run was judged.
 */
export function unjudgedNote(note: string | undefined, tally: EngagementTally): { note?: string } {
  const rest = unjudgedText(tally.unjudged);
  if (rest === undefined) return {};
  return { note: note === undefined ? engagementLine(tally.engaged, tally.cases, tally.unjudged) : `${note}; ${rest}` };
}

/** The total of the unjudged counts. */
export function unjudgedTotal(unjudged: UnjudgedCounts | undefined): number {
  return (unjudged?.[1] ?? 0) + (unjudged?.[2] ?? 0);
}

/**
 * Engagement and, when some cases went unjudged, how many: "engaged 40 of 60 judged; 40 format 2 cases not judged
 * (…)", so a verdict says it rested on fewer cases than the run drew. Without unjudged cases, `engagedText`'s line.
 */
export function engagementLine(engaged: number, cases: number, unjudged: UnjudgedCounts | undefined): string {
  const rest = unjudgedText(unjudged);
  return rest === undefined ? engagedText(engaged, cases) : `${engagedText(engaged, cases)} judged; ${rest}`;
}

/** What the vacuity rule says about a property that held on `cases` cases, `engaged` of which reached its comparison. */
export interface Vacuity {
  /** True when the run fails for it: clearly below the threshold, and the property does not declare itself rare. */
  vacuous: boolean;
  /** Set when the share is below the threshold: the verdict, or the rare property's declared reason. */
  note?: string;
}

export function engagedText(engaged: number, cases: number): string {
  return `engaged ${engaged} of ${cases}${cases > 0 ? ` (${Math.round((100 * engaged) / cases)}%)` : ''}`;
}

/** The fewest engaged cases of `cases` that pass the rule (below it, the share is under the threshold beyond chance). */
export function vacuityLimit(cases: number): number {
  const t = VACUITY_THRESHOLD;
  return t * cases - VACUITY_DEVIATIONS * Math.sqrt(cases * t * (1 - t));
}

/** The vacuity rule (README, "Engagement"): clearly below VACUITY_THRESHOLD fails, unless the property is declared rare. */
export function vacuity(property: Pick<PropertySpec, 'rare'>, cases: number, engaged: number): Vacuity {
  if (cases === 0 || engaged >= VACUITY_THRESHOLD * cases) return { vacuous: false };
  const share = engagedText(engaged, cases);
  if (property.rare !== undefined) return { vacuous: false, note: `${share}, rare by declaration: ${property.rare}` };
  const limit = Math.ceil(vacuityLimit(cases));
  if (engaged < limit) return { vacuous: true, note: `vacuous: ${share}, below ${VACUITY_THRESHOLD * 100}%` };
  return {
    vacuous: false,
    note: `${share}: below ${VACUITY_THRESHOLD * 100}% but within chance (vacuous under ${limit})`,
  };
}
