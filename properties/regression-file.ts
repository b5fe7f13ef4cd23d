// Regression files (regressions/*.json): a scenario with the model's expected outcome under every modelled profile.
import type { Profile, Scenario } from '../model/scenario-types.ts';
import type { Outcome } from '../model/outcome.ts';
import { simulate } from '../model/index.ts';
import { PROFILES } from '../model/scenario.ts';
import { isModelledProfile } from '../model/profiles.ts';
import { firstDifference } from './format/first-difference.ts';

/**
 * What a regression pins of a run: statuses, values, errors, times and `end` (the Outcome without its trace).
 * Traces are left out: on the seed profile the model's trace is compared event for event with the loop's on every
 * regression (which pins it), and a recorded trace would be most of the file.
 */
export type ExpectedOutcome = Omit<Outcome, 'trace'>;

/** A regression file: `loopcheck replay --record-expectation` writes it from the model, never from the loop. */
export interface RegressionRecord {
  loopcheck: 1;
  kind: 'regression';
  scenario: Scenario;
  /** The model's outcome of the scenario under each modelled profile (the scenario's own `profile` among them). */
  expected: Partial<Record<Profile, ExpectedOutcome>>;
}

/**
 * The profiles a regression is recorded under: every profile the model implements — for a format 2 scenario only
 * `seed` so far (docs/rules.md §4b: the model refuses the other profiles there until they are measured).
 */
export function regressionProfiles(scenario?: Scenario): Profile[] {
  if ((scenario as { loopcheck?: number } | undefined)?.loopcheck === 2) return ['seed'];
  return PROFILES.filter((p) => isModelledProfile(p));
}

export function withProfile(scenario: Scenario, profile: Profile): Scenario {
  return { ...scenario, profile };
}

export function withoutTrace(outcome: Outcome): ExpectedOutcome {
  const { trace: _trace, ...rest } = outcome;
  return rest;
}

/** Runs the model under every modelled profile and returns the regression record to save. */
export function recordExpectation(scenario: Scenario): RegressionRecord {
  const expected: Partial<Record<Profile, ExpectedOutcome>> = {};
  for (const profile of regressionProfiles(scenario))
    expected[profile] = withoutTrace(simulate(withProfile(scenario, profile)));
  return { loopcheck: 1, kind: 'regression', scenario, expected };
}

/**
 * Where the model no longer gives the recorded outcome: one line per profile that changed (the first differing
 * field) or that has no recorded expectation. Empty when the model still gives every recorded outcome.
 */
export function expectationDifferences(record: RegressionRecord): string[] {
  const out: string[] = [];
  for (const profile of regressionProfiles(record.scenario)) {
    const want = record.expected[profile];
    if (want === undefined) {
      out.push(`${profile}: no recorded expectation`);
      continue;
    }
    const got = withoutTrace(simulate(withProfile(record.scenario, profile)));
    const difference = firstDifference({ ...want, trace: [] }, { ...got, trace: [] }, 'recorded', 'model');
    if (difference !== null) out.push(`${profile}: ${difference}`);
  }
  return out;
}

const LINE_WIDTH = 110;

/** JSON with two-space indentation, except that a value fitting on its line stays on one line. */
function compactJson(value: unknown, indent = ''): string {
  const flat = JSON.stringify(value);
  if (flat === undefined || indent.length + flat.length <= LINE_WIDTH || typeof value !== 'object' || value === null)
    return flat ?? 'null';
  const inner = `${indent}  `;
  if (Array.isArray(value)) return `[\n${value.map((v) => `${inner}${compactJson(v, inner)}`).join(',\n')}\n${indent}]`;
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${compactJson(v, inner)}`).join(',\n')}\n${indent}}`;
}

/** The file's text, as `--record-expectation` writes it: indented JSON, short values on one line. */
export function regressionText(record: RegressionRecord): string {
  return `${compactJson(record)}\n`;
}
