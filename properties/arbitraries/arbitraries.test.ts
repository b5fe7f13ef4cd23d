// The generators: every scenario is valid, names are unique, features the properties need all occur, shrinking is readable.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseScenario } from '../../model/index.ts';
import { isGatherChild, type Child, type GatherNode, type Scenario } from '../../model/scenario-types.ts';
import { scenarioArb, undisturbedFinishTimes } from './index.ts';
import { TEST_SEED } from '../config.ts';
import { simulate } from '../../model/simulate.ts';

const samples = fc.sample(scenarioArb(), { numRuns: 1500, seed: TEST_SEED });

function leaves(node: GatherNode): Child[] {
  return node.children.flatMap((c) => (isGatherChild(c) ? [c, ...leaves(c.gather)] : [c]));
}
function depth(node: GatherNode): number {
  return 1 + Math.max(0, ...node.children.map((c) => (isGatherChild(c) ? depth(c.gather) : 0)));
}
const share = (pred: (s: Scenario) => boolean): number => samples.filter(pred).length / samples.length;

describe('scenarioArb', () => {
  it('generates only scenarios that parseScenario accepts unchanged', () => {
    for (const s of samples) expect(parseScenario(JSON.parse(JSON.stringify(s)))).toEqual(s);
  });

  it('keeps names unique per gather, 0–8 children and depth ≤ 2', () => {
    for (const s of samples) {
      expect(s.children.length).toBeLessThanOrEqual(8);
      expect(depth(s)).toBeLessThanOrEqual(2);
      const check = (n: GatherNode): void => {
        expect(new Set(n.children.map((c) => c.name)).size).toBe(n.children.length);
        for (const c of n.children) if (isGatherChild(c)) check(c.gather);
      };
      check(s);
    }
  });

  it('is biased to small gathers but reaches 8 children', () => {
    expect(share((s) => s.children.length <= 3)).toBeGreaterThan(0.6);
    expect(samples.some((s) => s.children.length === 8)).toBe(true);
  });

  it('produces every feature the properties rely on', () => {
    const all = samples.flatMap((s) => leaves(s));
    const leafs = all.filter((c) => !isGatherChild(c)) as Array<Extract<Child, { sleeps: number[] }>>;
    expect(leafs.some((c) => c.end === 'hang')).toBe(true);
    expect(leafs.some((c) => typeof c.end === 'object' && 'raise' in c.end)).toBe(true);
    expect(leafs.some((c) => typeof c.end === 'object' && 'return' in c.end)).toBe(true);
    expect(leafs.some((c) => c.sleeps.length >= 2)).toBe(true);
    expect(leafs.some((c) => c.sleeps.includes(0))).toBe(true);
    expect(all.some((c) => c.task === true) && all.some((c) => c.task !== true)).toBe(true);
    expect(all.some((c) => c.onCancel === 'propagate')).toBe(true);
    expect(all.some((c) => typeof c.onCancel === 'object' && 'cleanupMs' in c.onCancel)).toBe(true);
    expect(all.some((c) => typeof c.onCancel === 'object' && 'swallow' in c.onCancel)).toBe(true);
    expect(samples.some((s) => s.children.some(isGatherChild))).toBe(true);
    expect(samples.some((s) => s.gatherAfter !== undefined)).toBe(true);
    expect(samples.some((s) => s.returnExceptions) && samples.some((s) => !s.returnExceptions)).toBe(true);
    expect(samples.some((s) => s.cancels.some((c) => c.target === 'awaiter'))).toBe(true);
    expect(samples.some((s) => s.cancels.some((c) => c.target !== 'awaiter'))).toBe(true);
  });

  it('makes ties common and aims cancels exactly at a finish time', () => {
    const tied = (s: Scenario): boolean => {
      const sums = leaves(s)
        .filter((c) => !isGatherChild(c))
        .map((c) => (c as { sleeps: number[] }).sleeps.reduce((a, b) => a + b, 0));
      return new Set(sums).size < sums.length;
    };
    expect(share(tied)).toBeGreaterThan(0.2);
    // Aimed cancels come from the random family and the families' occasional random cancel (the others aim inside runs).
    const aimed = (s: Scenario): boolean => s.cancels.some((c) => c.at > 0 && undisturbedFinishTimes(s).includes(c.at));
    expect(share(aimed)).toBeGreaterThan(0.06);
  });

  it('often cancels a task again while it cleans up after a first cancel', () => {
    const cancelledInCleanup = (s: Scenario): boolean => {
      const trace = simulate(s).trace;
      return s.cancels.some((c) => {
        const own = trace.filter((e) => e.task === c.target);
        const requests = own.filter((e) => e.event === 'cancel-requested');
        const resumedAfterFirst = own.some(
          (e) => e.event === 'resumed' && requests.length > 0 && e.at >= requests[0]!.at,
        );
        return requests.length >= 2 && resumedAfterFirst;
      });
    };
    expect(share(cancelledInCleanup)).toBeGreaterThan(0.02);
  });

  it('shrinks to a readable counterexample: fewest children, no sleeps, smallest values', () => {
    const details = fc.check(
      fc.property(scenarioArb(), (s) => s.children.length < 2),
      { seed: TEST_SEED },
    );
    expect(details.failed).toBe(true);
    const [s] = details.counterexample!;
    expect(s.children).toHaveLength(2);
    expect(s.cancels).toEqual([]);
    for (const c of s.children) expect(c).toEqual({ name: c.name, sleeps: [], end: { return: 0 } });
  });
});
