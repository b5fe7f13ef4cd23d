// run-on-loop: scenarios become programs on impl/ (docs/rules.md §4) and give Outcomes and traces (§5–6).
import { describe, expect, it } from 'vitest';
import { createTask, type GatherArg, isCoroutine, type Task } from '../impl/index.ts';
import type { Child, Scenario, ScenarioV2 } from '../model/scenario-types.ts';
import { type GatherLike, implGather, loopTarget, runOnLoop, runOnLoopDetailed } from './run-on-loop.ts';

function scenario(children: Child[], extra: Partial<Scenario> = {}): Scenario {
  return { loopcheck: 1, profile: 'seed', returnExceptions: false, cancels: [], children, ...extra };
}

const seed = scenario([
  { name: 'a', sleeps: [100], end: { return: 'a' } },
  { name: 'b', sleeps: [200], end: { return: 'b' } },
  { name: 'c', sleeps: [50], end: { return: 'c' } },
]);

const lines = (o: { trace: { at: number; task: string; event: string }[] }) =>
  o.trace.map((e) => `${e.at} ${e.task} ${e.event}`);

describe('runOnLoop', () => {
  it('runs the seed scenario: [a, b, c] at 200, trace starting with the awaiter created and started', () => {
    const o = runOnLoop(seed);
    expect(o.awaiter).toEqual({ status: 'returned', value: ['a', 'b', 'c'], at: 200 });
    expect(o.end).toBe(200);
    expect(lines(o).slice(0, 2)).toEqual(['0 awaiter created', '0 awaiter started']);
    expect(o.children).toEqual({
      a: { status: 'returned', value: 'a', at: 100 },
      b: { status: 'returned', value: 'b', at: 200 },
      c: { status: 'returned', value: 'c', at: 50 },
    });
  });

  it('creates task children with createTask before gather, and gather wraps the others afterwards', () => {
    const o = runOnLoop(
      scenario([
        { name: 'x', sleeps: [5], end: { return: 1 } },
        { name: 't', sleeps: [5], end: { return: 2 }, task: true },
      ]),
    );
    expect(lines(o).slice(0, 6)).toEqual([
      '0 awaiter created',
      '0 awaiter started',
      '0 t created',
      '0 x created',
      '0 awaiter gather-started',
      '0 awaiter suspended',
    ]);
    expect(o.awaiter.value).toEqual([1, 2]);
  });

  it('gatherAfter: sleeps before gather; already-finished task children decide without suspending', () => {
    const o = runOnLoop(
      scenario([{ name: 't', sleeps: [10], end: { return: 'done' }, task: true }], { gatherAfter: 50 }),
    );
    const awaiter = o.trace.filter((e) => e.task === 'awaiter').map((e) => `${e.at} ${e.event}`);
    expect(awaiter).toEqual([
      '0 created',
      '0 started',
      '0 suspended',
      '50 resumed',
      '50 gather-started',
      '50 gather-returned',
      '50 returned',
    ]);
  });

  it('nested gathers: children named by path, values nested, exceptions in values written { error }', () => {
    const o = runOnLoop(
      scenario([
        {
          name: 'outer',
          gather: {
            returnExceptions: true,
            children: [
              { name: 'ok', sleeps: [1], end: { return: 'fine' } },
              { name: 'bad', sleeps: [2], end: { raise: 'KeyError' } },
            ],
          },
        },
        { name: 'leaf', sleeps: [], end: { return: null } },
      ]),
    );
    expect(Object.keys(o.children)).toEqual(['outer', 'outer/ok', 'outer/bad', 'leaf']);
    expect(o.children['outer/bad']).toEqual({ status: 'raised', error: 'KeyError', at: 2 });
    expect(o.awaiter).toEqual({ status: 'returned', value: [['fine', { error: 'KeyError' }], null], at: 2 });
    expect(o.trace.some((e) => e.task === 'outer' && e.event === 'gather-started')).toBe(true);
  });

  it('raises an error named by the scenario; the awaiter raises it; siblings are cancelled', () => {
    const o = runOnLoop(
      scenario([
        { name: 'boom', sleeps: [10], end: { raise: 'ValueError' } },
        { name: 'slow', sleeps: [100], end: { return: 1 } },
      ]),
    );
    expect(o.awaiter).toEqual({ status: 'raised', error: 'ValueError', at: 10 });
    expect(o.children.slow).toEqual({ status: 'cancelled', at: 10 });
  });

  it('onCancel kinds: propagate, cleanupMs, swallow (cancelling the awaiter at 20)', () => {
    const o = runOnLoop(
      scenario(
        [
          { name: 'p', sleeps: [100], end: { return: 1 }, onCancel: 'propagate' },
          { name: 'c', sleeps: [100], end: { return: 2 }, onCancel: { cleanupMs: 30 } },
          { name: 's', sleeps: [100], end: 'hang', onCancel: { swallow: 'kept' } },
        ],
        { cancels: [{ at: 20, target: 'awaiter' }] },
      ),
    );
    expect(o.awaiter).toEqual({ status: 'cancelled', at: 20 });
    expect(o.children).toEqual({
      p: { status: 'cancelled', at: 20 },
      c: { status: 'cancelled', at: 50 },
      s: { status: 'returned', value: 'kept', at: 20 },
    });
    expect(o.end).toBe(50);
  });

  it('cancels hit task children by path; missing or finished targets are left alone (no event)', () => {
    const o = runOnLoop(
      scenario(
        [
          { name: 'early', sleeps: [5], end: { return: 'e' }, task: true },
          {
            name: 'outer',
            task: true,
            gather: { returnExceptions: true, children: [{ name: 'in', sleeps: [100], end: 'hang', task: true }] },
          },
        ],
        {
          returnExceptions: true,
          cancels: [
            { at: 10, target: 'early' }, // finished at 5
            { at: 1, target: 'nobody' },
            { at: 30, target: 'outer/in' },
          ],
        },
      ),
    );
    expect(o.trace.filter((e) => e.event === 'cancel-requested').map((e) => `${e.at} ${e.task}`)).toEqual([
      '30 outer/in',
    ]);
    expect(o.children['outer/in']).toEqual({ status: 'cancelled', at: 30 });
    expect(o.awaiter.value).toEqual(['e', [{ error: 'CancelledError' }]]);
  });

  it('a hanging child leaves it and the awaiter pending at end', () => {
    const o = runOnLoop(
      scenario([
        { name: 'h', sleeps: [7], end: 'hang' },
        { name: 'r', sleeps: [3], end: { return: 1 } },
      ]),
    );
    expect(o.end).toBe(7);
    expect(o.awaiter).toEqual({ status: 'pending', at: 7 });
    expect(o.children.h).toEqual({ status: 'pending', at: 7 });
  });

  it('children never created (awaiter cancelled during gatherAfter) are pending', () => {
    const o = runOnLoop(
      scenario([{ name: 'never', sleeps: [], end: { return: 1 } }], {
        gatherAfter: 100,
        cancels: [{ at: 10, target: 'awaiter' }],
      }),
    );
    expect(o.awaiter).toEqual({ status: 'cancelled', at: 10 });
    expect(o.children.never).toEqual({ status: 'pending', at: 10 });
    expect(o.trace.some((e) => e.task === 'never')).toBe(false);
  });

  it('records unhandled exceptions instead of printing them', () => {
    const { unhandled, outcome } = runOnLoopDetailed(
      scenario(
        [
          { name: 'second', sleeps: [20], end: { raise: 'KeyError' }, task: true },
          { name: 'first', sleeps: [10], end: { raise: 'ValueError' }, task: true },
        ],
        { gatherAfter: 30 },
      ),
    );
    expect(outcome.awaiter.error).toBe('ValueError');
    expect(unhandled).toEqual([{ task: 'second', error: 'KeyError' }]);
  });

  it('accepts a gather written outside impl/ on its public API (a mutant whose siblings keep running)', () => {
    // Waits for the children one by one: no first-exception decision, no sibling cancellation.
    const oneByOne: GatherLike = (aws, { returnExceptions }) =>
      (function* () {
        const tasks: Task<unknown>[] = aws.map((a: GatherArg) =>
          isCoroutine(a) ? createTask(a) : (a as Task<unknown>),
        );
        const results: unknown[] = [];
        for (const t of tasks) {
          try {
            results.push(yield* t);
          } catch (e) {
            if (!returnExceptions) throw e;
            results.push(e);
          }
        }
        return results;
      })();
    const s = scenario([
      { name: 'slow', sleeps: [100], end: { return: 1 } },
      { name: 'boom', sleeps: [10], end: { raise: 'ValueError' } },
    ]);
    const seedOutcome = runOnLoop(s);
    const mutant = runOnLoop(s, { gather: oneByOne });
    expect(seedOutcome.children.slow?.status).toBe('cancelled');
    expect(mutant.children.slow).toEqual({ status: 'returned', value: 1, at: 100 });
    expect(mutant.awaiter).toEqual({ status: 'raised', error: 'ValueError', at: 100 });
  });

  it('loopTarget runs a batch as `impl`, profile seed', async () => {
    expect(loopTarget.name).toBe('impl');
    expect(loopTarget.profile).toBe('seed');
    const [result] = await loopTarget.run([seed]);
    expect(result).toEqual({ ok: true, outcome: runOnLoop(seed) });
  });

  it('builds every run from the same generator functions (a per-run one would keep each run alive in old space)', () => {
    // RunBodies in run-on-loop.ts: V8 keeps a called generator function's initial map, which points back to the
    // function and its scope, in old space. A generator's prototype is its function's `prototype`: one per function.
    const protos: object[][] = [];
    const recording: GatherLike = (aws, options) => {
      protos.at(-1)!.push(...aws.filter(isCoroutine).map((a) => Object.getPrototypeOf(a) as object));
      return implGather(aws, options);
    };
    const twoKinds: ScenarioV2 = {
      loopcheck: 2,
      profile: 'seed',
      shutdown: false,
      returnExceptions: false,
      cancels: [],
      children: [
        { name: 'g', gather: { returnExceptions: false, children: [{ name: 'x', sleeps: [1], end: { return: 1 } }] } },
        { name: 's', steps: [{ sleep: 1 }, { return: 2 }] },
      ],
    };
    for (let run = 0; run < 2; run++) {
      protos.push([]);
      expect(runOnLoopDetailed(twoKinds, { gather: recording }).outcome.awaiter.value).toEqual([[1], 2]);
    }
    const [first, second] = protos as [object[], object[]];
    // the awaiter's gather gets g's gather body and s's steps body, g's gather x's leaf body: three functions
    expect(first).toHaveLength(3);
    expect(new Set(first).size).toBe(3);
    expect(second.every((proto, i) => proto === first[i])).toBe(true);
  });

  it('a runaway gather is stopped by the step budget (StepLimitError) instead of hanging', () => {
    const spin: GatherLike = () =>
      (function* () {
        for (;;) yield 0;
      })();
    expect(() => runOnLoop(seed, { gather: spin, maxSteps: 1000 })).toThrow(/more than 1000 steps/);
  });
});
