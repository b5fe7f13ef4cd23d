// The JavaScript harness: lazy children (rules.md §4), combine's options and handles, the fake clock's idleness, the docs' seed adapter.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../model/scenario.ts';
import type { Json, Scenario } from '../../model/scenario-types.ts';
import type { Outcome } from '../../model/outcome.ts';
import { simulate } from '../../model/simulate.ts';
import { scenarioArb } from '../../properties/arbitraries/index.ts';
import { target as seedAdapter } from '../../examples/adapters/seed-gather-adapter.ts';
import { runJsScenario, type ChildHandle, type Combine, type CombineOptions } from './js-program.ts';

const scenario = (json: object): Scenario => parseScenario({ loopcheck: 1, profile: 'seed', cancels: [], ...json });
const events = (o: Outcome) => o.trace.map((e) => `${e.at} ${e.task} ${e.event}`);
/** Captured at load, before any run installs the fake clock (as bluebird captures it). */
const realSetImmediate = globalThis.setImmediate;
const all: Combine = (children) => Promise.all(children.map((c) => c.promise));

describe('runJsScenario', () => {
  it('creates task children first, the others at the gather call, and starts them only after the caller suspended, FIFO', async () => {
    const s = scenario({
      gatherAfter: 5,
      children: [
        { name: 'a', sleeps: [], end: { return: 1 } },
        { name: 't', sleeps: [], end: { return: 2 }, task: true },
        { name: 'b', sleeps: [], end: { return: 3 } },
      ],
    });
    const outcome = await runJsScenario(s, all);
    const e = events(outcome);
    expect(e.slice(0, 4)).toEqual(['0 awaiter created', '0 awaiter started', '0 t created', '0 awaiter suspended']);
    expect(e.indexOf('0 t started')).toBeLessThan(e.indexOf('5 a created')); // the task child runs during the sleep
    expect(e.slice(e.indexOf('5 awaiter resumed'))).toEqual([
      '5 awaiter resumed',
      '5 a created',
      '5 b created',
      '5 awaiter gather-started',
      '5 awaiter suspended',
      '5 a started',
      '5 a returned',
      '5 b started',
      '5 b returned',
      '5 awaiter gather-returned',
      '5 awaiter resumed',
      '5 awaiter returned',
    ]);
    expect(outcome.awaiter).toEqual({ status: 'returned', value: [1, 2, 3], at: 5 });
  });

  it('gives combine the options and handles whose promises are unsettled at the call; cancel() comes after the gather event (G7)', async () => {
    const calls: Array<{ names: string[]; options: CombineOptions; settledAtCall: boolean }> = [];
    const s = scenario({
      returnExceptions: true,
      cancels: [{ at: 3, target: 'awaiter' }],
      children: [
        { name: 'a', sleeps: [10], end: { return: 1 } },
        { name: 'b', sleeps: [], end: 'hang' },
      ],
    });
    const cancelling: Combine = (children, options) => {
      let settled = false;
      for (const c of children)
        void c.promise.then(
          () => (settled = true),
          () => (settled = true),
        );
      calls.push({ names: children.map((c) => c.name), options, settledAtCall: settled });
      return new Promise((_, reject) => {
        options.signal.addEventListener('abort', () => {
          reject(new Error('aborted'));
          for (const c of children as ChildHandle[]) c.cancel();
        });
      });
    };
    const outcome = await runJsScenario(s, cancelling);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.names).toEqual(['a', 'b']);
    expect(calls[0]!.options.returnExceptions).toBe(true);
    expect(calls[0]!.settledAtCall).toBe(false);
    expect(calls[0]!.options.signal.aborted).toBe(true);
    const e = events(outcome);
    expect(e.slice(e.indexOf('3 awaiter cancel-requested'), e.indexOf('3 awaiter cancel-requested') + 4)).toEqual([
      '3 awaiter cancel-requested',
      '3 awaiter gather-raised',
      '3 a cancel-requested',
      '3 b cancel-requested',
    ]);
    // the cancel was pending: the awaiter receives CancelledError whatever the combinator rejected with (T4d)
    expect(outcome.awaiter).toEqual({ status: 'cancelled', at: 3 });
    expect(outcome.children).toEqual({ a: { status: 'cancelled', at: 3 }, b: { status: 'cancelled', at: 3 } });
  });

  it('lets the adapter use setTimeout, setImmediate and Date on the fake clock; a chain of immediates is not idleness', async () => {
    const s = scenario({ children: [{ name: 'a', sleeps: [2], end: { return: 'x' } }] });
    const slow: Combine = async (children) => {
      const values = await Promise.all(children.map((c) => c.promise));
      await new Promise((resolve) => setTimeout(resolve, 5)); // a virtual 5 ms
      for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve)); // a scheduler's hops
      return [...values, Date.now()] as Json[];
    };
    const outcome = await runJsScenario(s, slow);
    expect(outcome.awaiter).toEqual({ status: 'returned', value: ['x', 7], at: 7 });
    expect(outcome.end).toBe(7);
  });

  it('waits a few real macrotask turns for a library on the real setImmediate before calling the run idle', async () => {
    const s = scenario({ children: [{ name: 'a', sleeps: [2], end: { return: 'x' } }] });
    const late: Combine = (children) =>
      Promise.all(children.map((c) => c.promise)).then(
        (values) => new Promise((resolve) => realSetImmediate(() => resolve(values))),
      );
    const outcome = await runJsScenario(s, late);
    expect(outcome.awaiter).toEqual({ status: 'returned', value: ['x'], at: 2 });
  });

  it("ends a run that never goes idle (an adapter's interval) with an error, and the next run works", async () => {
    const s = scenario({ children: [{ name: 'a', sleeps: [1], end: { return: 1 } }] });
    const ticking: Combine = (children) => {
      setInterval(() => {}, 1);
      return Promise.all(children.map((c) => c.promise));
    };
    await expect(runJsScenario(s, ticking)).rejects.toThrow(/did not go idle/);
    expect((await runJsScenario(s, all)).awaiter).toEqual({ status: 'returned', value: [1], at: 1 });
  });
});

describe("the docs' seed adapter (examples/adapters/seed-gather-adapter.ts)", () => {
  it('is at most 20 lines', async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(new URL('../../examples/adapters/seed-gather-adapter.ts', import.meta.url), 'utf8');
    expect(text.trimEnd().split('\n').length).toBeLessThanOrEqual(20);
  });

  it("gives exactly the seed model's outcome and trace on random scenarios", async () => {
    const scenarios = fc.sample(scenarioArb({ profile: 'seed' }), { seed: 7, numRuns: 60 });
    const results = await seedAdapter.run(scenarios);
    results.forEach((r, i) => {
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.outcome).toEqual(simulate(scenarios[i]!));
    });
  });
});
