// Profile-aware properties: the model under each profile passes that profile's properties; seed's behaviour fails cpython's.
import { describe, expect, it } from 'vitest';
import { propertiesFor, siblingsKeepRunning, awaiterCancelTiming, NOT_APPLICABLE } from './rules/index.ts';
import { outcomeDifferential } from './rules/outcome-differential.ts';
import { hasOpenTie } from './lib/profile-rules.ts';
import { modelRunner } from './runners.ts';
import { checkPropertySync } from './checker.ts';
import { checkArb } from './arbitraries/index.ts';
import { TEST_SEED, envRuns } from './config.ts';
import { simulate, parseScenario, type Profile } from '../model/index.ts';

// check's scenarios of the profile: format 1 and 2 (the lifted families, the random programs; micropython's F2m)
const arbitraryFor = (profile: Profile) => checkArb(profile);

describe.each(['cpython', 'micropython'] as const)('the model under %s', (profile) => {
  for (const property of propertiesFor(profile).filter((p) => p.kind !== 'differential')) {
    it(`passes ${property.name}`, () => {
      const result = checkPropertySync(
        property,
        { ...modelRunner, profile },
        { runs: envRuns(), seed: TEST_SEED, arbitrary: arbitraryFor(profile), failuresDir: null },
      );
      expect(result.status, result.failure?.message).toBe('passed');
    });
  }
});

describe('the properties read their expectation from the profile', () => {
  const siblingFails = parseScenario({
    loopcheck: 1,
    profile: 'seed',
    returnExceptions: false,
    cancels: [],
    children: [
      { name: 'a', sleeps: [10], end: { raise: 'Boom' } },
      { name: 'b', sleeps: [20], end: { return: 1 } },
    ],
  });
  it('siblings-keep-running fails on the seed run judged as cpython', () => {
    const seedRun = simulate(siblingFails);
    expect(siblingsKeepRunning.check({ ...siblingFails, profile: 'cpython' }, seedRun)).toMatch(
      /b should keep running/,
    );
    expect(
      siblingsKeepRunning.check(
        { ...siblingFails, profile: 'cpython' },
        simulate({ ...siblingFails, profile: 'cpython' }),
      ),
    ).toBeNull();
  });
  it('awaiter-cancel-timing expects a cpython awaiter to wait for its children, a micropython one not', () => {
    const cancelled = parseScenario({
      loopcheck: 1,
      profile: 'seed',
      returnExceptions: true,
      cancels: [{ at: 5, target: 'awaiter' }],
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

describe('outcome-differential compares equal-deadline ties (TIE) instead of skipping them', () => {
  // `b`'s sleep and the awaiter's cancel are both due at 5: MicroPython may run either first.
  const tie = parseScenario({
    loopcheck: 1,
    profile: 'micropython',
    returnExceptions: false,
    cancels: [{ at: 5, target: 'awaiter' }],
    children: [
      { name: 'a', sleeps: [], end: { return: 24 } },
      { name: 'b', sleeps: [5], end: { return: [1, 2] } },
    ],
  });
  const fifo = simulate(tie);
  const bFirst = { ...fifo, children: { ...fifo.children, b: { status: 'returned' as const, value: [1, 2], at: 5 } } };
  const neither = { ...fifo, children: { ...fifo.children, b: { status: 'returned' as const, value: [1, 3], at: 5 } } };
  it('holds when the target ran the sleep first (an allowed order), not only for the FIFO order', () => {
    expect(fifo.children.b).toEqual({ status: 'cancelled', at: 5 });
    expect(outcomeDifferential.check(tie, fifo, fifo)).toBeNull();
    expect(outcomeDifferential.check(tie, fifo, bFirst)).toBeNull();
    expect(hasOpenTie(tie, fifo, bFirst)).toBe(false);
  });
  it("fails when no order gives the target's outcome, and says the orders were all tried", () => {
    expect(outcomeDifferential.check(tie, fifo, neither)).toMatch(
      /child b: .* no other outcome of every order of equal deadlines \(\d+ orders, 3 outcomes\)/,
    );
    expect(hasOpenTie(tie, fifo, neither)).toBe(false);
  });
  it('leaves a case uncompared (not failed) only when its orders run past the bound without a match', () => {
    const many = parseScenario({
      loopcheck: 1,
      profile: 'micropython',
      returnExceptions: false,
      cancels: [{ at: 5, target: 'awaiter' }],
      children: ['a', 'b', 'c', 'd'].map((name, i) => ({ name, sleeps: [5], end: { raise: `E${i}` } })),
    });
    const model = simulate(many);
    const impossible = { ...model, end: 6 };
    expect(hasOpenTie(many, model, impossible)).toBe(true);
    expect(outcomeDifferential.check(many, model, impossible)).toBe(NOT_APPLICABLE);
    expect(hasOpenTie(many, model, model)).toBe(false);
  });
  it("cpython orders equal deadlines: only the model's one outcome holds", () => {
    const asCpython = { ...tie, profile: 'cpython' as const };
    const model = simulate(asCpython);
    expect(outcomeDifferential.check(asCpython, model, model)).toBeNull();
    const other = model.children.b!.status === 'cancelled' ? bFirst : fifo;
    expect(outcomeDifferential.check(asCpython, model, { ...other, awaiter: model.awaiter, end: model.end })).toMatch(
      /child b/,
    );
  });
});
