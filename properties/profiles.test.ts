// Profile-aware properties: the model under each profile passes that profile's properties; seed's behaviour fails cpython's.
import { describe, expect, it } from 'vitest';
import { propertiesFor, siblingsKeepRunning, awaiterCancelTiming } from './rules/index.ts';
import { modelRunner } from './runners.ts';
import { checkPropertySync } from './checker.ts';
import { scenarioArb } from './arbitraries/index.ts';
import { TEST_SEED, envRuns } from './config.ts';
import { simulate, parseScenario, type Profile } from '../model/index.ts';

const arbitraryFor = (profile: Profile) => scenarioArb({ profile });

describe.each(['cpython', 'micropython'] as const)('the model under %s', (profile) => {
  for (const property of propertiesFor(profile).filter((p) => p.kind !== 'differential')) {
    it(`passes ${property.name}`, () => {
      const result = checkPropertySync(property, { ...modelRunner, profile }, { runs: envRuns(), seed: TEST_SEED, arbitrary: arbitraryFor(profile), failuresDir: null });
      expect(result.status, result.failure?.message).toBe('passed');
    });
  }
});

describe('the properties read their expectation from the profile', () => {
  const siblingFails = parseScenario({
    loopcheck: 1, profile: 'seed', returnExceptions: false, cancels: [],
    children: [{ name: 'a', sleeps: [10], end: { raise: 'Boom' } }, { name: 'b', sleeps: [20], end: { return: 1 } }],
  });
  it('siblings-keep-running fails on the seed run judged as cpython', () => {
    const seedRun = simulate(siblingFails);
    expect(siblingsKeepRunning.check({ ...siblingFails, profile: 'cpython' }, seedRun)).toMatch(/b should keep running/);
    expect(siblingsKeepRunning.check({ ...siblingFails, profile: 'cpython' }, simulate({ ...siblingFails, profile: 'cpython' }))).toBeNull();
  });
  it('awaiter-cancel-timing expects a cpython awaiter to wait for its children, a micropython one not', () => {
    const cancelled = parseScenario({
      loopcheck: 1, profile: 'seed', returnExceptions: true, cancels: [{ at: 5, target: 'awaiter' }],
      children: [{ name: 'a', sleeps: [10], end: { return: 1 }, onCancel: { cleanupMs: 3 } }],
    });
    const asCpython = { ...cancelled, profile: 'cpython' as const };
    const asMicro = { ...cancelled, profile: 'micropython' as const };
    expect(awaiterCancelTiming.check(asCpython, simulate(asCpython))).toBeNull();
    expect(awaiterCancelTiming.check(asMicro, simulate(asMicro))).toBeNull();
    expect(awaiterCancelTiming.check(asCpython, simulate(asMicro))).toMatch(/expected cancelled @8, got cancelled @5/);
    expect(awaiterCancelTiming.check(asMicro, simulate(asCpython))).toMatch(/expected cancelled @5, got cancelled @8/);
  });
});
