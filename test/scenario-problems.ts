// Test helper: the problems a scenario parser lists for a value ([] when it parses), for the validator tests.
import { expect } from 'vitest';
import { ScenarioError } from '../model/scenario.ts';

/** What `parse(json)` reports: its ScenarioError's problems, or [] when the value is valid. */
export function problemsOf(parse: (json: unknown) => unknown, json: unknown): string[] {
  try {
    parse(json);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return (e as ScenarioError).problems;
  }
  return [];
}
