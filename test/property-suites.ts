// Shared by the vitest suites: checks one property on one target at LOOPCHECK_RUNS / LOOPCHECK_SEED (else TEST_SEED).
import { expect } from 'vitest';
import type { PropertySpec } from '../properties/rules/property-types.ts';
import type { SyncRunner } from '../properties/runners.ts';
import { checkPropertySync, describeFailure } from '../properties/checker.ts';
import { envRuns, envSeed, TEST_SEED } from '../properties/config.ts';

export function expectPropertyHolds(property: PropertySpec, runner: SyncRunner): void {
  const result = checkPropertySync(property, runner, { runs: envRuns(), seed: envSeed() ?? TEST_SEED });
  if (result.status === 'failed') expect.fail(describeFailure(result));
  expect(result.status).toBe('passed');
  expect(result.runs).toBe(envRuns());
}
