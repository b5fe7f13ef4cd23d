// Profile-aware properties: the model under each profile passes that profile's properties; seed's behaviour fails cpython's.
import { describe, expect, it } from 'vitest';
import {
  propertiesFor,
  siblingsKeepRunning,
  awaiterCancelTiming,
  awaitResult,
  selfCancel,
  timeoutVsCancel,
  NOT_APPLICABLE,
} from './rules/index.ts';
import { parseAnyScenario } from '../model/scenario.ts';
import { outcomeDifferential } from './rules/outcome-differential.ts';
import { hasOpenTie } from './lib/profile-rules.ts';
import { modelRunner } from './runners.ts';
import { TEST_SEED } from './config.ts';
import { checkOnCheckCases } from '../test/property-suites.ts';
import { simulate, parseScenario, type Profile } from '../model/index.ts';
import type { Scenario } from '../model/scenario-types.ts';

// check's scenarios of the profile: format 1 and 2 (the lifted families, the random programs; micropython's F2m)
describe.each(['cpython', 'micropython'] as const)('the model under %s', (profile) => {
  // one target per profile: its checks share their cases (test/property-suites.ts)
  const target = { ...modelRunner, profile };
  for (const property of propertiesFor(profile).filter((p) => p.kind !== 'differential')) {
    it(`passes ${property.name}`, () => {
      const result = checkOnCheckCases(property, target, { seed: TEST_SEED, failuresDir: null });
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

describe('the format 2 properties read the choice of the profile (docs/rules.md §7)', () => {
  const v2 = (json: object, profile: Profile): Scenario =>
    parseAnyScenario({ loopcheck: 2, profile, ...json }) as unknown as Scenario;
  it('self-cancel: pending under seed and cpython (T4f/T4h), a RuntimeError under micropython (T4f-m)', () => {
    const json = {
      args: ['a'],
      children: [
        { name: 'a', steps: [{ sleep: 1 }] },
        { name: 'sc', task: true, steps: [{ sleep: 0 }, { cancel: 'sc' }, { sleep: 1 }] },
      ],
    };
    const seed = v2(json, 'seed');
    const cpython = v2(json, 'cpython');
    const micro = v2(json, 'micropython');
    expect(selfCancel.check(seed, simulate(seed))).toBeNull();
    expect(selfCancel.check(cpython, simulate(cpython))).toBeNull();
    expect(selfCancel.check(micro, simulate(micro))).toBeNull();
    expect(selfCancel.check(micro, simulate(seed))).toMatch(/raises RuntimeError then, without a cancel \(T4f-m\)/);
    expect(selfCancel.check(seed, simulate(micro))).toMatch(/T4f/);
  });
  it('timeout-vs-cancel: a cancelled awaiter inside its timeout ends at once under seed, after its children under cpython (G6)', () => {
    const json = {
      timeoutMs: 5,
      args: ['a'],
      children: [{ name: 'a', sleeps: [10], end: { return: 1 }, onCancel: { cleanupMs: 3 } }],
      cancels: [{ at: 2, target: 'awaiter' }],
    };
    const seed = v2(json, 'seed');
    const cpython = v2(json, 'cpython');
    expect(timeoutVsCancel.check(seed, simulate(seed))).toBeNull();
    expect(timeoutVsCancel.check(cpython, simulate(cpython))).toBeNull();
    expect(timeoutVsCancel.check(seed, simulate(cpython))).toMatch(/should end cancelled @2/);
    // the exception type is still compared under cpython
    const o = simulate(cpython);
    const timedOut = { ...o, awaiter: { status: 'raised' as const, error: 'TimeoutError', at: o.awaiter.at } };
    expect(timeoutVsCancel.check(cpython, timedOut)).toMatch(/must stay CancelledError/);
  });
  it('await-result under micropython: a task still waiting when a shutdown stops the run (R1m) is not judged', () => {
    const json = {
      shutdown: true,
      args: ['a'],
      children: [
        { name: 'a', sleeps: [1], end: { return: 0 } },
        { name: 'zz', task: true, sleeps: [4], end: { return: 'zz' } },
        { name: 'aw', task: true, steps: [{ await: 'zz' }] },
      ],
    };
    const micro = v2(json, 'micropython');
    const o = simulate(micro);
    expect(o.children.aw!.status).toBe('pending');
    expect(awaitResult.check(micro, o)).toBe(NOT_APPLICABLE);
    const seed = v2(json, 'seed');
    expect(simulate(seed).children.aw!.status).toBe('cancelled'); // R1: the shutdown cancels what is left
    expect(awaitResult.check(seed, simulate(seed))).toBeNull();
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
