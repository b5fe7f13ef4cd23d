// Enumeration: counts derived by hand from the enumeration rules, the new shapes, laziness, validity, no duplicates.
import { describe, expect, it } from 'vitest';
import { parseAnyScenario, parseScenario } from '../model/scenario.ts';
import type { Scenario, ScenarioV2 } from '../model/scenario-types.ts';
import {
  cancelPlans,
  cancelPoints,
  describeEnumeration,
  EXTRA_CANCEL_POINTS,
  enumerateScenarios,
  FAMILIES,
  familyScenarios,
  flatScenarios,
  format2Extras,
  gatherAfterScenarios,
  nestedScenarios,
  scenariosWithChildren,
  twoSleepScenarios,
  wakeOrders,
  weakOrders,
} from './enumerate.ts';
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

  it('counts the flat family with 0 and 1 child as derived by hand', () => {
    // n = 0: returnExceptions (2) × awaiter cancel ∈ {never, 0} (2) = 4.
    // n = 1, one child c0, onCancel ∈ {propagate, cleanup, swallow} (3), returnExceptions (2):
    //   finishing (return | raise: 2 ends), one finish rank → points {0, 10, 15} (3), awaiter cancel 1 + 3 = 4:
    //     coroutine: 2 · 3 · 2 · 4 = 48;
    //     task: awaiter (4) × own cancel of c0 (4) = 16, + 3 ties (both at the same point, second file order) = 19:
    //       2 · 3 · 2 · 19 = 228;
    //   hang: no finish → points {0}, awaiter cancel 2:
    //     coroutine: 3 · 2 · 2 = 12;  task: (2 · 2 + 1 tie) = 5 → 3 · 2 · 5 = 30.
    //   n = 1 total: 48 + 228 + 12 + 30 = 318.
    expect(count(flatScenarios(0))).toBe(4);
    expect(count(flatScenarios(1))).toBe(318);
  });

  it('counts the other families with 1 child as derived by hand', () => {
    // Cancel plans with p points: a coroutine child 1 + p (awaiter only); a task child (1 + p)² + p (ties in both
    // file orders). One finish rank: p = 3 (plans 4 | 19); two ranks: p = 5 (6 | 41); none: p = 1 (2 | 5).
    // Two sleeps: return | raise (2), wakes at ranks 1 < 2 (p = 5), onCancel 3, returnExceptions 2:
    //   2 · 3 · 2 · (6 + 41) = 564.
    expect(count(twoSleepScenarios(1))).toBe(564);
    // gatherAfter ∈ the cancel points: finishing (2 ends): 3 values · 2 · (4 + 19) = 138 each; hang: 1 · 2 · (2 + 5) = 14.
    expect(count(gatherAfterScenarios(1))).toBe(2 * 138 + 14);
    // Nested: the gather child coroutine | task, propagate | swallow (2), inner and outer returnExceptions (2 · 2): 8 ×
    //   1 inner child: finishing 2 · (4 + 19) + hang (2 + 5) = 53;
    //   2 inner children: both finish (4 end pairs) · [1 tied order (4 + 19) + 2 strict orders (6 + 41)] = 4 · 117,
    //     one finishes (4) · 23, none (1) · 7 → 468 + 92 + 7 = 567.
    expect(count(nestedScenarios(1))).toBe(8 * (53 + 567));
    // With no children only gatherAfter 0 is added: 2 returnExceptions · 2 awaiter plans.
    expect(count(familyScenarios('gather-after', 0))).toBe(4);
    expect(count(enumerateScenarios(1))).toBe(4 + 4 + 318 + 564 + 290 + 8 * 620);
  });

  it("wake orders keep a leaf's own wake-ups strictly increasing", () => {
    // 3 events, the first two one leaf's: of the 13 weak orders, 3 tie them (all tied; both before or after the
    // third); the other 10 split evenly between rank[0] < rank[1] and rank[0] > rank[1]: 5.
    const orders = [...wakeOrders([2, 1])];
    expect(orders).toHaveLength(5);
    for (const { ranks, distinct } of orders) {
      expect(ranks[0]![0]!).toBeLessThan(ranks[0]![1]!);
      expect(distinct).toBe(Math.max(...ranks.flat()));
    }
  });

  it('has the new shapes: nested gathers (depth 2), gatherAfter, a child with two sleeps; only up to 2 children', () => {
    let deeper = 0;
    let notAfterOther = 0;
    const seen = {
      nested: 0,
      nestedTask: 0,
      nestedSwallow: 0,
      nestedTwo: 0,
      gatherAfter: 0,
      twoSleeps: 0,
      twoSleepsCleanup: 0,
    };
    const visit = (s: Scenario): void => {
      if (s.gatherAfter !== undefined) seen.gatherAfter++;
      for (const c of s.children) {
        if ('gather' in c) {
          seen.nested++;
          if (c.task === true) seen.nestedTask++;
          if (c.onCancel !== undefined && typeof c.onCancel === 'object' && 'swallow' in c.onCancel)
            seen.nestedSwallow++;
          if (c.gather.children.length === 2) seen.nestedTwo++;
          for (const inner of c.gather.children) if ('gather' in inner) deeper++;
        } else if (c.sleeps.length === 2) {
          seen.twoSleeps++;
          if (!(c.sleeps[0]! > 0 && c.sleeps[1]! > 0)) notAfterOther++;
          if (c.onCancel !== undefined && typeof c.onCancel === 'object' && 'cleanupMs' in c.onCancel)
            seen.twoSleepsCleanup++;
        }
      }
    };
    for (const s of enumerateScenarios(1)) visit(s);
    for (const family of FAMILIES)
      for (const s of familyScenarios(family, 2)) if (family !== 'flat' && !family.startsWith('format2')) visit(s);
    for (const v of Object.values(seen)) expect(v).toBeGreaterThan(0);
    // Depth 2 at most; the second sleep ends strictly after the first.
    expect(deeper).toBe(0);
    expect(notAfterOther).toBe(0);
    // A nested gather among 2 children sits at either position.
    const positions = new Set([...nestedScenarios(2)].map((s) => s.children.findIndex((c) => 'gather' in c)));
    expect([...positions].sort()).toEqual([0, 1]);
    for (const family of FAMILIES) if (family !== 'flat') expect(count(familyScenarios(family, 3))).toBe(0);
    expect(count(scenariosWithChildren(3))).toBe(count(flatScenarios(3)));
  });

  it('counts 3 flat children (plain: no onCancel, no own cancels) from the weak orders', () => {
    // Per end pattern: Σ over weak orders of the finishing children of (2 + 2m) awaiter options (m distinct ranks),
    // × 2^3 task flags × 2 returnExceptions.
    // 3 finishing (2^3 = 8 end choices): m=1 ×1, m=2 ×6, m=3 ×6 → 4 + 6·6 + 6·8 = 88.
    // 2 finishing (3 hang positions × 4 = 12): m=1 ×1, m=2 ×2 → 4 + 2·6 = 16.
    // 1 finishing (3 × 2 = 6): 4.   None (1): 2.
    const expected = (8 * 88 + 12 * 16 + 6 * 4 + 1 * 2) * 8 * 2;
    expect(count(flatScenarios(3))).toBe(expected);
  });

  it('is lazy: the first scenarios of a huge bound come at once', () => {
    const gen = enumerateScenarios(50);
    const first = gen.next();
    expect(first.done).toBe(false);
    expect((first.value as { children: unknown[] }).children).toEqual([]);
  });

  it('yields valid scenarios, none twice after canonicalisation (N = 1, and every family with 2 children)', () => {
    const keys = new Set<string>();
    let n = 0;
    const stream = function* (): Generator<Scenario> {
      yield* enumerateScenarios(1);
      for (const family of FAMILIES) if (!family.startsWith('format2')) yield* familyScenarios(family, 2);
    };
    const twice: Scenario[] = [];
    for (const s of stream()) {
      n++;
      const key = scenarioKey(s);
      if (keys.has(key)) twice.push(s);
      keys.add(key);
      if (n % 97 === 0) expect(parseScenario(JSON.parse(JSON.stringify(s)))).toEqual(s);
    }
    expect(twice).toEqual([]);
    expect(keys.size).toBe(n);
  });

  it('format 2: 2 × 56² scenarios of two steps children (1 or 2 of 7 steps each), all valid, all distinct, only at 2 children', () => {
    const all = [...familyScenarios('format2', 2)];
    expect(all).toHaveLength(2 * (7 + 7 * 7) ** 2);
    expect([...familyScenarios('format2', 1)]).toEqual([]);
    expect([...familyScenarios('format2', 3)]).toEqual([]);
    expect(new Set(all.map((s) => JSON.stringify(s))).size).toBe(all.length);
    for (const [i, s] of all.entries())
      if (i % 13 === 0) expect(parseAnyScenario(JSON.parse(JSON.stringify(s)))).toEqual(s);
    const kinds = new Set(
      all.flatMap((s) =>
        (s as unknown as ScenarioV2).children.flatMap((c) =>
          'steps' in c ? c.steps.map((step) => Object.keys(step as object).join()) : [],
        ),
      ),
    );
    expect([...kinds].sort()).toEqual(['await', 'cancel', 'shield', 'sleep', 'timeout,steps']);
    expect(new Set(all.map((s) => (s as unknown as ScenarioV2).shutdown))).toEqual(new Set([false, true]));
    expect(describeEnumeration(2)).toContain('Format 2 (steps) at a small bound: 2 coroutine children');
    expect(describeEnumeration(1)).not.toContain('Format 2');
  });

  it('format 2 extras: 7 gathers × each extra × 3 zz × shutdown off/on, all valid and distinct, only at 2 children', () => {
    const extras = [...format2Extras()];
    const all = [...familyScenarios('format2-extras', 2)] as unknown as ScenarioV2[];
    expect(all).toHaveLength(7 * extras.length * 3 * 2);
    expect([...familyScenarios('format2-extras', 1)]).toEqual([]);
    expect([...familyScenarios('format2-extras', 3)]).toEqual([]);
    expect(new Set(all.map((s) => JSON.stringify(s))).size).toBe(all.length);
    for (const [i, s] of all.entries())
      if (i % 7 === 0) expect(parseAnyScenario(JSON.parse(JSON.stringify(s)))).toEqual(s);
    // zz is never an argument of the gather; every extra's cancel falls on an extra, at a listed point
    for (const s of all) {
      expect(s.args).not.toContain('zz');
      for (const c of s.cancels) {
        expect(EXTRA_CANCEL_POINTS).toContain(c.at);
        expect(s.args).not.toContain(c.target);
      }
    }
    expect(new Set(extras.map((e) => e.kind))).toEqual(
      new Set(['lasting', 'shield', 'await', 'timeout', 'timeout-cancel', 'chain']),
    );
    expect(describeEnumeration(2)).toContain('Format 2 extras: a gather of no child or of one');
    expect(describeEnumeration(1)).not.toContain('extras');
  });

  it('ties: finishing children sharing a rank share a delay; distinct ranks have distinct delays', () => {
    const delays = new Set<string>();
    for (const s of flatScenarios(2)) {
      const sleeps = s.children.map((c) => ('sleeps' in c ? c.sleeps.join() : ''));
      delays.add(sleeps.join('|'));
    }
    // Both hang; one finishes (either position); both finish tied, c0 first, c1 first.
    expect([...delays].sort()).toEqual(['|', '10|', '|10', '10|10', '10|20', '20|10'].sort());
  });
});
