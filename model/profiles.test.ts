// The cpython and micropython profiles on the smallest scenarios that tell them from seed (rules.md, "Profiles").
import { describe, expect, it } from 'vitest';
import { parseScenario, simulate, type Profile } from './index.ts';

const run = (profile: Profile, json: object) =>
  simulate(parseScenario({ loopcheck: 1, profile, returnExceptions: false, cancels: [], ...json }));

const SIBLING_FAILS = {
  children: [
    { name: 'a', sleeps: [10], end: { raise: 'Boom' } },
    { name: 'b', sleeps: [20], end: { return: 'b' } },
  ],
};

describe('G3: siblings after a failure', () => {
  it('seed cancels the running sibling at the failure', () => {
    const o = run('seed', SIBLING_FAILS);
    expect(o.awaiter).toEqual({ status: 'raised', error: 'Boom', at: 10 });
    expect(o.children.b).toEqual({ status: 'cancelled', at: 10 });
    expect(o.end).toBe(10);
  });
  it.each(['cpython', 'micropython'] as const)('%s lets it run to its end', (profile) => {
    const o = run(profile, SIBLING_FAILS);
    expect(o.awaiter).toEqual({ status: 'raised', error: 'Boom', at: 10 });
    expect(o.children.b).toEqual({ status: 'returned', value: 'b', at: 20 });
    expect(o.end).toBe(20);
    expect(o.trace.some((e) => e.task === 'b' && e.event === 'cancel-requested')).toBe(false);
  });
});

describe('G6: when a cancelled awaiter resumes', () => {
  const twoChildren = (returnExceptions: boolean) => ({
    returnExceptions,
    cancels: [{ at: 5, target: 'awaiter' }],
    children: [
      { name: 'a', sleeps: [10], end: { return: 1 }, onCancel: { cleanupMs: 3 } },
      { name: 'b', sleeps: [10], end: { return: 2 } },
    ],
  });
  it('seed and micropython: at once, with or without return_exceptions', () => {
    for (const profile of ['seed', 'micropython'] as const) {
      for (const re of [false, true])
        expect(run(profile, twoChildren(re)).awaiter).toEqual({ status: 'cancelled', at: 5 });
    }
  });
  it('cpython: when the first child ends cancelled; with return_exceptions when the last one ends', () => {
    expect(run('cpython', twoChildren(false)).awaiter).toEqual({ status: 'cancelled', at: 5 });
    expect(run('cpython', twoChildren(true)).awaiter).toEqual({ status: 'cancelled', at: 8 });
    const one = {
      cancels: [{ at: 5, target: 'awaiter' }],
      children: [{ name: 'a', sleeps: [10], end: { return: 1 }, onCancel: { cleanupMs: 3 } }],
    };
    expect(run('cpython', one).awaiter).toEqual({ status: 'cancelled', at: 8 });
    expect(run('cpython', { ...one, returnExceptions: true }).awaiter).toEqual({ status: 'cancelled', at: 8 });
  });
  it('cpython: a child that swallows the cancel does not wake the awaiter; the last child does', () => {
    const o = run('cpython', {
      cancels: [{ at: 5, target: 'awaiter' }],
      children: [
        { name: 'a', sleeps: [10], end: { return: 1 }, onCancel: { swallow: 'x' } },
        { name: 'b', sleeps: [10], end: { return: 2 }, onCancel: { cleanupMs: 4 } },
      ],
    });
    expect(o.children.a).toEqual({ status: 'returned', value: 'x', at: 5 });
    expect(o.awaiter).toEqual({ status: 'cancelled', at: 9 });
  });
});

describe('S2: due timers join the ready queue on every turn', () => {
  const early = {
    cancels: [{ at: 0, target: 'a' }],
    children: [{ name: 'a', sleeps: [5], end: { return: 1 }, onCancel: { swallow: 's' }, task: true }],
  };
  it('seed starts the task child before the cancel due at 0 (so it can swallow it)', () => {
    const o = run('seed', early);
    expect(o.children.a).toEqual({ status: 'returned', value: 's', at: 0 });
  });
  it.each(['cpython', 'micropython'] as const)('%s cancels it before it starts', (profile) => {
    const o = run(profile, early);
    expect(o.children.a).toEqual({ status: 'cancelled', at: 0 });
    expect(o.trace.some((e) => e.task === 'a' && e.event === 'started')).toBe(false);
  });
});

describe('G3: among children ended before the call', () => {
  const ended = {
    gatherAfter: 5,
    children: [
      { name: 'a', sleeps: [2], end: { raise: 'Late' }, task: true },
      { name: 'b', sleeps: [1], end: { raise: 'Early' }, task: true },
    ],
  };
  it('seed: the first in time decides; cpython and micropython: the first in argument order', () => {
    expect(run('seed', ended).awaiter).toEqual({ status: 'raised', error: 'Early', at: 5 });
    expect(run('cpython', ended).awaiter).toEqual({ status: 'raised', error: 'Late', at: 5 });
    expect(run('micropython', ended).awaiter).toEqual({ status: 'raised', error: 'Late', at: 5 });
  });
});

describe("T5c / G2c: CPython reports a child's end to its gather through a queued callback", () => {
  // The nested gather `n` is called at 5 with its task child already raised X; its sibling `s` raises Z at 5.
  // CPython: n's gather suspends (the done callback of `n/a` is queued), `s` raises first, the awaiter gets Z.
  const nested = {
    children: [
      {
        name: 'n',
        gather: {
          returnExceptions: false,
          gatherAfter: 5,
          children: [{ name: 'a', sleeps: [], end: { raise: 'X' }, task: true }],
        },
      },
      { name: 's', sleeps: [5], end: { raise: 'Z' } },
    ],
  };
  it('cpython: a gather called after its child raised still suspends; the sibling ending at that instant decides', () => {
    const o = run('cpython', nested);
    expect(o.children.n).toEqual({ status: 'raised', error: 'X', at: 5 });
    expect(o.awaiter).toEqual({ status: 'raised', error: 'Z', at: 5 });
    expect(o.trace.filter((e) => e.task === 'n' && e.event === 'suspended')).toHaveLength(2); // the sleep, then the gather
  });
  it.each(['seed', 'micropython'] as const)('%s: the gather decides at the call (G2), so n raises first', (profile) => {
    expect(run(profile, nested).awaiter).toEqual({ status: 'raised', error: 'X', at: 5 });
  });
  it('cpython: a child ending after the call is reported one queue turn later (the gather decides after a sibling queued before)', () => {
    // At 5 the cancel of `b` ends `b/a` cancelled; the awaiter, woken at 5, then wraps `a`, which raises at once.
    // CPython: b's gather learns of `b/a` from a callback queued behind `a`'s first step, so `a` decides.
    const o = run('cpython', {
      gatherAfter: 5,
      cancels: [{ at: 5, target: 'b' }],
      children: [
        { name: 'a', sleeps: [], end: { raise: 'ValueError' } },
        {
          name: 'b',
          gather: { returnExceptions: false, children: [{ name: 'a', sleeps: [5], end: { return: 0 } }] },
          task: true,
        },
      ],
    });
    expect(o.awaiter).toEqual({ status: 'raised', error: 'ValueError', at: 5 });
    expect(o.children.b).toEqual({ status: 'cancelled', at: 5 });
  });
  it('cpython: a gather of no children still returns [] without suspending', () => {
    const o = run('cpython', { children: [] });
    expect(o.awaiter).toEqual({ status: 'returned', value: [], at: 0 });
    expect(o.trace.some((e) => e.task === 'awaiter' && e.event === 'suspended')).toBe(false);
  });
});

describe("G6m: MicroPython cancels a gather's children when its cancelled caller runs", () => {
  // The cancel at 0 runs before the children's first steps (S2 variant); the awaiter is queued behind them.
  const early = {
    cancels: [{ at: 0, target: 'awaiter' }],
    children: [
      { name: 'a', sleeps: [], end: { raise: 'ValueError' } },
      { name: 'b', sleeps: [], end: 'hang' },
    ],
  };
  it('cpython cancels the children at once: neither starts', () => {
    const o = run('cpython', early);
    expect(o.children.a).toEqual({ status: 'cancelled', at: 0 });
    expect(o.trace.some((e) => e.task === 'a' && e.event === 'started')).toBe(false);
  });
  it('micropython: the children queued before the awaiter run first; the one still running is then cancelled', () => {
    const o = run('micropython', early);
    expect(o.children.a).toEqual({ status: 'raised', error: 'ValueError', at: 0 });
    expect(o.children.b).toEqual({ status: 'cancelled', at: 0 });
    expect(o.awaiter).toEqual({ status: 'cancelled', at: 0 });
    const bCancel = o.trace.findIndex((e) => e.task === 'b' && e.event === 'cancel-requested');
    const awaiterResumed = o.trace.findIndex((e) => e.task === 'awaiter' && e.event === 'resumed');
    expect(awaiterResumed).toBeGreaterThan(-1);
    expect(bCancel).toBeGreaterThan(awaiterResumed);
  });
});
