// Enumeration: counts derived by hand from the enumeration rules, laziness, validity, and no duplicates.
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../model/scenario.ts';
import { cancelPlans, cancelPoints, enumerateScenarios, scenariosWithChildren, weakOrders } from './enumerate.ts';
import { scenarioKey } from './canonical.ts';

function count(it: Iterable<unknown>): number {
  let n = 0;
  for (const _ of it) n++;
  return n;
}

describe('enumerate', () => {
  it('weak orders number Fubini(k): 1, 1, 3, 13, 75', () => {
    expect([0, 1, 2, 3, 4].map((k) => count(weakOrders(k)))).toEqual([1, 1, 3, 13, 75]);
  });

  it('cancel points: 0, then at and just after each distinct finish time', () => {
    expect(cancelPoints(0)).toEqual([0]);
    expect(cancelPoints(2)).toEqual([0, 10, 15, 20, 25]);
  });

  it('cancel plans put two cancels at the same time in both file orders', () => {
    const plans = [...cancelPlans([0], ['c0'])];
    // awaiter ∈ {never, 0} × own ∈ {never, c0@0}, and the tie (both at 0) in both orders: 2·2 + 1.
    expect(plans).toHaveLength(5);
    expect(plans.filter((p) => p.length === 2).map((p) => p.map((c) => c.target))).toEqual([
      ['awaiter', 'c0'],
      ['c0', 'awaiter'],
    ]);
  });

  it('counts N = 1 as derived by hand', () => {
    // n = 0: returnExceptions (2) × awaiter cancel ∈ {never, 0} (2) = 4.
    // n = 1, one child c0, onCancel ∈ {propagate, cleanup, swallow} (3), returnExceptions (2):
    //   finishing (return | raise: 2 ends), one finish rank → points {0, 10, 15} (3), awaiter cancel 1 + 3 = 4:
    //     coroutine: 2 · 3 · 2 · 4 = 48;
    //     task: awaiter (4) × own cancel of c0 (4) = 16, + 3 ties (both at the same point, second file order) = 19:
    //       2 · 3 · 2 · 19 = 228;
    //   hang: no finish → points {0}, awaiter cancel 2:
    //     coroutine: 3 · 2 · 2 = 12;  task: (2 · 2 + 1 tie) = 5 → 3 · 2 · 5 = 30.
    //   n = 1 total: 48 + 228 + 12 + 30 = 318.
    expect(count(scenariosWithChildren(0))).toBe(4);
    expect(count(scenariosWithChildren(1))).toBe(318);
    expect(count(enumerateScenarios(1))).toBe(4 + 318);
  });

  it('counts 3 children (plain: no onCancel, no own cancels) from the weak orders', () => {
    // Per end pattern: Σ over weak orders of the finishing children of (2 + 2m) awaiter options (m distinct ranks),
    // × 2^3 task flags × 2 returnExceptions.
    // 3 finishing (2^3 = 8 end choices): m=1 ×1, m=2 ×6, m=3 ×6 → 4 + 6·6 + 6·8 = 88.
    // 2 finishing (3 hang positions × 4 = 12): m=1 ×1, m=2 ×2 → 4 + 2·6 = 16.
    // 1 finishing (3 × 2 = 6): 4.   None (1): 2.
    const expected = (8 * 88 + 12 * 16 + 6 * 4 + 1 * 2) * 8 * 2;
    expect(count(scenariosWithChildren(3))).toBe(expected);
  });

  it('is lazy: the first scenarios of a huge bound come at once', () => {
    const gen = enumerateScenarios(50);
    const first = gen.next();
    expect(first.done).toBe(false);
    expect((first.value as { children: unknown[] }).children).toEqual([]);
  });

  it('yields valid scenarios, none twice after canonicalisation (N = 2)', () => {
    const keys = new Set<string>();
    let n = 0;
    for (const s of enumerateScenarios(2)) {
      n++;
      const key = scenarioKey(s);
      expect(keys.has(key)).toBe(false);
      keys.add(key);
      if (n % 97 === 0) expect(parseScenario(JSON.parse(JSON.stringify(s)))).toEqual(s);
    }
    expect(keys.size).toBe(n);
  });

  it('ties: finishing children sharing a rank share a delay; distinct ranks have distinct delays', () => {
    const delays = new Set<string>();
    for (const s of scenariosWithChildren(2)) {
      const sleeps = s.children.map((c) => ('sleeps' in c ? c.sleeps.join() : ''));
      delays.add(sleeps.join('|'));
    }
    // Both hang; one finishes (either position); both finish tied, c0 first, c1 first.
    expect([...delays].sort()).toEqual(['|', '10|', '|10', '10|10', '10|20', '20|10'].sort());
  });
});
