// TIE enumeration details (rules.md §7): which run's outcome is kept for each distinct outcome, what a bound or a
// `stop` leaves, and that an ordered profile is one plain simulation whatever the options.
import { describe, expect, it } from 'vitest';
import { parseScenario, simulate, type Outcome, type Profile } from './index.ts';
import { allowedOutcomes, outcomeKey } from './allowed-outcomes.ts';

const threeRaise = (profile: Profile) =>
  parseScenario({
    loopcheck: 1,
    profile,
    children: ['a', 'b', 'c'].map((name, i) => ({ name, sleeps: [5], end: { raise: `E${i}` } })),
    cancels: [{ at: 5, target: 'awaiter' }],
  });

/** Every run's outcome, in the order allowedOutcomes made them (a `stop` that never stops records them). */
function runsOf(profile: Profile, maxOrders?: number): { runs: Outcome[]; result: ReturnType<typeof allowedOutcomes> } {
  const runs: Outcome[] = [];
  const result = allowedOutcomes(threeRaise(profile), {
    maxOrders,
    stop: (o) => {
      runs.push(o);
      return false;
    },
  });
  return { runs, result };
}

function firstOfEachKey(runs: Outcome[]): Outcome[] {
  const first = new Map<string, Outcome>();
  for (const o of runs) if (!first.has(outcomeKey(o))) first.set(outcomeKey(o), o);
  return [...first.values()];
}

describe('allowedOutcomes keeps the first run of each distinct outcome', () => {
  it('over every order: one entry per key, the earliest run’s (its trace included), in order of discovery', () => {
    const { runs, result } = runsOf('micropython');
    expect(result.complete).toBe(true);
    expect(runs.length).toBe(result.orders);
    expect(new Set(runs.map(outcomeKey)).size).toBeLessThan(runs.length); // some outcomes repeat
    expect(result.outcomes).toEqual(firstOfEachKey(runs));
    expect(result.outcomes[0]).toEqual(simulate(threeRaise('micropython'))); // the FIFO order's, trace and all
  });

  it('at the bound: the outcomes of the runs made so far', () => {
    const { runs, result } = runsOf('micropython', 4);
    expect(result).toMatchObject({ orders: 4, complete: false });
    expect(runs.length).toBe(4);
    expect(result.outcomes.length).toBeGreaterThan(0);
    expect(result.outcomes).toEqual(firstOfEachKey(runs));
  });

  it('an ordered profile is one simulation: `stop` and `maxOrders` change nothing', () => {
    for (const profile of ['seed', 'cpython'] as const) {
      const s = threeRaise(profile);
      const plain = { outcomes: [simulate(s)], orders: 1, complete: true };
      expect(allowedOutcomes(s, { stop: () => true })).toEqual(plain);
      expect(allowedOutcomes(s, { maxOrders: 1 })).toEqual(plain);
    }
  });

  it('the key of an outcome ignores its trace only', () => {
    const o = simulate(threeRaise('seed'));
    expect(outcomeKey({ ...o, trace: [] })).toBe(outcomeKey(o));
    expect(outcomeKey({ ...o, end: o.end + 1 })).not.toBe(outcomeKey(o));
    expect(JSON.parse(outcomeKey(o))).toEqual({ ...o, trace: [] });
  });
});
