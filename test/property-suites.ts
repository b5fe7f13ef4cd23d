// Shared by the vitest suites: checks one property on one target at LOOPCHECK_RUNS / LOOPCHECK_SEED (else TEST_SEED).
import { expect } from 'vitest';
import type { PropertySpec } from '../properties/rules/property-types.ts';
import type { SyncRunner } from '../properties/runners.ts';
import { checkPropertySync, describeFailure } from '../properties/checker.ts';
import { envRuns, envSeed, TEST_SEED } from '../properties/config.ts';
import { checkArb } from '../properties/arbitraries/scenario.ts';
import type { Profile } from '../model/scenario-types.ts';

export function expectPropertyHolds(property: PropertySpec, runner: SyncRunner): void {
  // `loopcheck check`'s scenarios: format 2 too under seed (properties/arbitraries/format2-lift.ts)
  const result = checkPropertySync(property, runner, {
    runs: envRuns(),
    seed: envSeed() ?? TEST_SEED,
    arbitrary: checkArb(runner.profile as Profile),
  });
  if (result.status === 'failed') expect.fail(describeFailure(result));
  expect(result.status).toBe('passed');
  expect(result.runs).toBe(envRuns());
}
