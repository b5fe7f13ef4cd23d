// Shared by the vitest suites: checks one property on one target at LOOPCHECK_RUNS / LOOPCHECK_SEED (else TEST_SEED).
import { expect } from 'vitest';
import type { PropertySpec } from './rules/property-types.ts';
import type { SyncRunner } from './runners.ts';
import { checkPropertySync, describeFailure } from './checker.ts';
import { envRuns, envSeed, TEST_SEED } from './config.ts';

export function expectPropertyHolds(property: PropertySpec, runner: SyncRunner): void {
  const result = checkPropertySync(property, runner, { runs: envRuns(), seed: envSeed() ?? TEST_SEED });
  if (result.status === 'failed') expect.fail(describeFailure(result));
  expect(result.status).toBe('passed');
  expect(result.runs).toBe(envRuns());
}
