// Shared by the vitest suites: checks one property on one target at LOOPCHECK_RUNS / LOOPCHECK_SEED (else TEST_SEED).
import { expect } from 'vitest';
import type fc from 'fast-check';
import type { PropertySpec } from '../properties/rules/property-types.ts';
import type { SyncRunner } from '../properties/runners.ts';
import { modelRunner } from '../properties/runners.ts';
import { checkPropertySync, describeFailure, type CheckOptions, type CheckResult } from '../properties/checker.ts';
import { envRuns, envSeed, TEST_SEED } from '../properties/config.ts';
import { checkArb } from '../properties/arbitraries/scenario.ts';
import { sharedDraws } from '../properties/arbitraries/shared-draws.ts';
import { runOncePerScenario } from '../properties/shared-runs.ts';
import type { Profile, Scenario } from '../model/scenario-types.ts';

interface Group {
  arbitrary: fc.Arbitrary<Scenario>;
  once: SyncRunner;
  reference: SyncRunner;
}

/**
 * Under Stryker (`npm run mutation`) every check draws and runs its own cases: Stryker runs, for each mutant, only
 * the tests that executed the mutated code, and a test reading outcomes another test computed would execute none.
 * Above SHARED_RUNS too: a group keeps every case and outcome it made for the rest of the run.
 */
const SHARE = process.env.STRYKER_MUTATOR_WORKER === undefined;
const SHARED_RUNS = 1_000;

/**
 * The checks of one target on `check`'s scenarios of its profile at one size and seed draw the same cases: drawn
 * once for all of them (sharedDraws), and the target (deterministic: the model, the loop) and the model as reference
 * run once per case for every property but determinism, which runs the target twice afresh — as the mutant matrix
 * does (properties/mutants/matrix.ts). Same cases, verdicts and shrinks as each check alone.
 */
const groups = new Map<SyncRunner, Map<string, Group>>();
function group(runner: SyncRunner, runs: number, seed: number): Group {
  let byRun = groups.get(runner);
  if (byRun === undefined) {
    byRun = new Map();
    groups.set(runner, byRun);
  }
  const key = `${runs} ${seed}`;
  let g = byRun.get(key);
  if (g === undefined) {
    g = {
      arbitrary: sharedDraws(checkArb(runner.profile as Profile)),
      once: runOncePerScenario(runner),
      reference: runOncePerScenario(modelRunner),
    };
    byRun.set(key, g);
  }
  return g;
}

/**
 * `property` on `runner` (the same object for every check of a group) at LOOPCHECK_RUNS and `seed` (default
 * LOOPCHECK_SEED, else TEST_SEED), on `loopcheck check`'s scenarios of the runner's profile (format 2 too under seed:
 * properties/arbitraries/format2-lift.ts), with the model as reference.
 */
export function checkOnCheckCases(
  property: PropertySpec,
  runner: SyncRunner,
  options: Pick<CheckOptions, 'failuresDir' | 'seed'> = {},
): CheckResult {
  const runs = envRuns();
  const seed = options.seed ?? envSeed() ?? TEST_SEED;
  if (!SHARE || runs > SHARED_RUNS)
    return checkPropertySync(property, runner, {
      ...options,
      runs,
      seed,
      arbitrary: checkArb(runner.profile as Profile),
    });
  const g = group(runner, runs, seed);
  return checkPropertySync(property, property.kind === 'determinism' ? runner : g.once, {
    ...options,
    runs,
    seed,
    arbitrary: g.arbitrary,
    reference: g.reference,
  });
}

export function expectPropertyHolds(property: PropertySpec, runner: SyncRunner): void {
  const result = checkOnCheckCases(property, runner);
  if (result.status === 'failed') expect.fail(describeFailure(result));
  expect(result.status).toBe('passed');
  expect(result.runs).toBe(envRuns());
}
