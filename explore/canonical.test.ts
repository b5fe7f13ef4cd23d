// Canonical forms: renaming by position, stable keys, and the trace hash that ignores names only.
import { describe, expect, it } from 'vitest';
import type { Outcome } from '../model/outcome.ts';
import type { Scenario } from '../model/scenario-types.ts';
import { canonicalScenario, scenarioKey, traceHash, TraceDeduper } from './canonical.ts';

const named: Scenario = {
  loopcheck: 1,
  profile: 'seed',
  returnExceptions: false,
  children: [
    { name: 'slow', sleeps: [20], end: { return: 1 }, task: true },
    { name: 'inner', gather: { returnExceptions: true, children: [{ name: 'x', sleeps: [], end: 'hang' }] } },
  ],
  cancels: [{ at: 5, target: 'slow' }],
};

function outcomeFor(names: [string, string, string]): Outcome {
  const [a, b, c] = names;
  return {
    awaiter: { status: 'returned', value: [1, [{ error: 'E' }]], at: 20 },
    children: {
      [a]: { status: 'returned', value: 1, at: 20 },
      [b]: { status: 'returned', value: [], at: 0 },
      [c]: { status: 'pending', at: 20 },
    },
    end: 20,
    trace: [
      { at: 0, task: 'awaiter', event: 'created' },
      { at: 0, task: a, event: 'created' },
      { at: 0, task: b, event: 'created' },
      { at: 0, task: c, event: 'created' },
    ],
  };
}

describe('canonical', () => {
  it('renames children by position, nested ones by path, and cancel targets to match', () => {
    const c = canonicalScenario(named);
    expect(c.children.map((x) => x.name)).toEqual(['c0', 'c1']);
    const inner = c.children[1]!;
    expect('gather' in inner && inner.gather.children[0]!.name).toBe('c0');
    expect(c.cancels).toEqual([{ at: 5, target: 'c0' }]);
  });

  it('gives scenarios that differ only by names the same key, and different behaviour a different key', () => {
    const renamed: Scenario = JSON.parse(JSON.stringify(named).replaceAll('"slow"', '"quick"'));
    expect(scenarioKey(renamed)).toBe(scenarioKey(named));
    const swapped: Scenario = { ...named, children: [named.children[1]!, named.children[0]!] };
    expect(scenarioKey(swapped)).not.toBe(scenarioKey(named));
    const later: Scenario = { ...named, cancels: [{ at: 6, target: 'slow' }] };
    expect(scenarioKey(later)).not.toBe(scenarioKey(named));
  });

  it('hashes outcomes with task names normalised, but not values or times', () => {
    const renamed: Scenario = JSON.parse(
      JSON.stringify(named).replaceAll('"slow"', '"quick"').replaceAll('"x"', '"y"'),
    );
    const h = traceHash(named, outcomeFor(['slow', 'inner', 'inner/x']));
    expect(traceHash(renamed, outcomeFor(['quick', 'inner', 'inner/y']))).toBe(h);
    const otherValue = outcomeFor(['slow', 'inner', 'inner/x']);
    otherValue.children.slow = { status: 'returned', value: 2, at: 20 };
    expect(traceHash(named, otherValue)).not.toBe(h);
    const otherEnd = { ...outcomeFor(['slow', 'inner', 'inner/x']), end: 25 };
    expect(traceHash(named, otherEnd)).not.toBe(h);
  });

  it('the deduper reports each normalised trace once', () => {
    const d = new TraceDeduper();
    expect(d.add(named, outcomeFor(['slow', 'inner', 'inner/x']))).toBe(true);
    expect(d.add(named, outcomeFor(['slow', 'inner', 'inner/x']))).toBe(false);
    expect(d.add(named, { ...outcomeFor(['slow', 'inner', 'inner/x']), end: 30 })).toBe(true);
    expect(d.size).toBe(2);
  });
});
