// TIE: the outcomes a profile allows over the equal-deadline orders it leaves open (rules.md §7).
import { describe, expect, it } from 'vitest';
import { parseScenario, simulate, type Profile } from './index.ts';
import { allowedOutcomes, hasOpenOrder, outcomeKey } from './allowed-outcomes.ts';

const scenario = (profile: Profile, json: object) =>
  parseScenario({ loopcheck: 1, profile, returnExceptions: false, cancels: [], ...json });

// `b`'s sleep and the awaiter's cancel are both due at 5 (docs/conformance.md, MicroPython 4).
const TIE = {
  children: [
    { name: 'a', sleeps: [], end: { return: 24 } },
    { name: 'b', sleeps: [5], end: { return: [1, 2] } },
  ],
  cancels: [{ at: 5, target: 'awaiter' }],
};

describe('allowedOutcomes', () => {
  it('seed and cpython order equal deadlines: one order, the plain simulation', () => {
    for (const profile of ['seed', 'cpython'] as const) {
      const s = scenario(profile, TIE);
      expect(hasOpenOrder(s)).toBe(false);
      const a = allowedOutcomes(s);
      expect(a).toEqual({ outcomes: [simulate(s)], orders: 1, complete: true });
    }
  });

  it('micropython: the FIFO outcome first; b may also end before the cancel runs, and the cancel may come last', () => {
    const s = scenario('micropython', TIE);
    const a = allowedOutcomes(s);
    expect(a.complete).toBe(true);
    expect(outcomeKey(a.outcomes[0]!)).toBe(outcomeKey(simulate(s)));
    expect(a.outcomes[0]!.children.b).toEqual({ status: 'cancelled', at: 5 });
    const shown = a.outcomes.map((o) => `${o.awaiter.status} / b ${o.children.b!.status}`);
    // the third: b's end wakes the awaiter, which runs before the cancel (then a no-op) is picked
    expect(shown).toEqual(['cancelled / b cancelled', 'cancelled / b returned', 'returned / b returned']);
    expect(new Set(a.outcomes.map(outcomeKey)).size).toBe(a.outcomes.length);
  });

  it('micropython without a tie has one order', () => {
    const s = scenario('micropython', { ...TIE, cancels: [{ at: 4, target: 'awaiter' }] });
    expect(allowedOutcomes(s)).toMatchObject({ orders: 1, complete: true });
  });

  it('stops at the bound (incomplete) and when `stop` finds the outcome sought', () => {
    const s = scenario('micropython', {
      children: ['a', 'b', 'c'].map((name, i) => ({ name, sleeps: [5], end: { raise: `E${i}` } })),
      cancels: [{ at: 5, target: 'awaiter' }],
    });
    const all = allowedOutcomes(s);
    expect(all.complete).toBe(true);
    expect(all.orders).toBeGreaterThan(3);
    // every child may raise first at 5 (the decision is the first in time), or the cancel may come first
    expect(
      new Set(all.outcomes.map((o) => (o.awaiter.status === 'raised' ? o.awaiter.error : o.awaiter.status))),
    ).toEqual(new Set(['E0', 'E1', 'E2', 'cancelled']));
    const bounded = allowedOutcomes(s, { maxOrders: 3 });
    expect(bounded).toMatchObject({ orders: 3, complete: false });
    const target = all.outcomes[all.outcomes.length - 1]!;
    const found = allowedOutcomes(s, { stop: (o) => outcomeKey(o) === outcomeKey(target) });
    expect(found.complete).toBe(false);
    expect(found.orders).toBeLessThanOrEqual(all.orders);
    expect(outcomeKey(found.outcomes[found.outcomes.length - 1]!)).toBe(outcomeKey(target));
  });
});
