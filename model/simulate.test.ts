// The model's runs against docs/rules.md: every expectation below is derived by hand from the rules it names.
import { describe, expect, it } from 'vitest';
import { parseScenario } from './scenario.ts';
import { simulate } from './simulate.ts';
import type { Outcome } from './outcome.ts';

function run(json: Record<string, unknown>): Outcome {
  return simulate(parseScenario({ loopcheck: 1, ...json }));
}
/** The trace as `<at> <task> <event>` lines. */
function lines(o: Outcome): string[] {
  return o.trace.map((e) => `${e.at} ${e.task} ${e.event}`);
}
function eventsOf(o: Outcome, task: string): string[] {
  return o.trace.filter((e) => e.task === task).map((e) => `${e.at} ${e.event}`);
}
/** Index of a trace line; fails when absent. */
function at(o: Outcome, line: string): number {
  const i = lines(o).indexOf(line);
  expect(i, `trace has "${line}"`).toBeGreaterThanOrEqual(0);
  return i;
}
function inOrder(o: Outcome, ...ls: string[]): void {
  const idx = ls.map((l) => at(o, l));
  for (let i = 1; i < idx.length; i++) expect(idx[i]!, `"${ls[i - 1]}" before "${ls[i]}"`).toBeGreaterThan(idx[i - 1]!);
}

const leaf = (name: string, sleeps: number[], end: unknown, extra: Record<string, unknown> = {}) => ({
  name,
  sleeps,
  end,
  ...extra,
});

describe('the seed example (gather-chapter 11.4.1)', () => {
  const o = run({
    children: [leaf('a', [100], { return: 'a' }), leaf('b', [200], { return: 'b' }), leaf('c', [50], { return: 'c' })],
  });

  it('returns the results in argument order at the time of the slowest child', () => {
    expect(o.awaiter).toEqual({ status: 'returned', value: ['a', 'b', 'c'], at: 200 });
    expect(o.children).toEqual({
      a: { status: 'returned', value: 'a', at: 100 },
      b: { status: 'returned', value: 'b', at: 200 },
      c: { status: 'returned', value: 'c', at: 50 },
    });
    expect(o.end).toBe(200);
  });

  it('produces the trace the rules prescribe, event by event', () => {
    // §4.1 T1 T2; G1 wraps in argument order; G2 suspends; FIFO first steps (S2); timers (S3) fire by deadline.
    expect(lines(o)).toEqual([
      '0 awaiter created',
      '0 awaiter started',
      '0 a created',
      '0 b created',
      '0 c created',
      '0 awaiter gather-started',
      '0 awaiter suspended',
      '0 a started',
      '0 a suspended',
      '0 b started',
      '0 b suspended',
      '0 c started',
      '0 c suspended',
      '50 c resumed',
      '50 c returned',
      '100 a resumed',
      '100 a returned',
      '200 b resumed',
      '200 b returned',
      '200 awaiter gather-returned', // T5: told at once, inside b's step
      '200 awaiter resumed',
      '200 awaiter returned',
    ]);
  });
});

describe('seed gather rules', () => {
  it('total time is the max of the children, not the sum', () => {
    const o = run({ children: [leaf('a', [100, 100], { return: 1 }), leaf('b', [150], { return: 2 })] });
    expect(o.awaiter.at).toBe(200);
    expect(o.end).toBe(200);
    expect(o.children.b!.at).toBe(150);
  });

  it('sleepMs(0) yields once: suspended then resumed at the same time (S3)', () => {
    const o = run({ children: [leaf('a', [0], { return: 1 }), leaf('b', [], { return: 2 })] });
    expect(eventsOf(o, 'a')).toEqual(['0 created', '0 started', '0 suspended', '0 resumed', '0 returned']);
    // a yields behind b's first step
    inOrder(o, '0 a suspended', '0 b started', '0 b returned', '0 a resumed');
    expect(o.awaiter).toEqual({ status: 'returned', value: [1, 2], at: 0 });
  });

  it('the first exception is re-raised and the unfinished siblings are cancelled in argument order (G3, G7)', () => {
    const o = run({
      children: [
        leaf('a', [100], { return: 'a' }),
        leaf('b', [50], { raise: 'ValueError' }),
        leaf('c', [200], { return: 'c' }),
      ],
    });
    expect(lines(o).slice(lines(o).indexOf('50 b resumed'))).toEqual([
      '50 b resumed',
      '50 b raised',
      '50 awaiter gather-raised',
      '50 a cancel-requested', // T4c: timers removed, appended with CancelledError
      '50 c cancel-requested',
      '50 awaiter resumed', // the awaiter was appended first (G7: wake before cancels)
      '50 awaiter raised',
      '50 a resumed',
      '50 a cancelled',
      '50 c resumed',
      '50 c cancelled',
    ]);
    expect(o.awaiter).toEqual({ status: 'raised', error: 'ValueError', at: 50 });
    expect(o.children.a).toEqual({ status: 'cancelled', at: 50 });
    expect(o.children.b).toEqual({ status: 'raised', error: 'ValueError', at: 50 });
    expect(o.end).toBe(50); // the removed timers do not keep the loop alive
  });

  it('with return_exceptions every child runs to its end and the exception is an entry (G4)', () => {
    const o = run({
      returnExceptions: true,
      children: [
        leaf('a', [100], { return: 'a' }),
        leaf('b', [50], { raise: 'ValueError' }),
        leaf('c', [200], { return: 'c' }),
      ],
    });
    expect(o.awaiter).toEqual({ status: 'returned', value: ['a', { error: 'ValueError' }, 'c'], at: 200 });
    expect(lines(o).filter((l) => l.includes('cancel'))).toEqual([]);
  });

  it('a later exception does not change a decided gather (G5)', () => {
    const o = run({
      children: [
        leaf('a', [10], { raise: 'First' }),
        leaf('b', [10], { raise: 'Second' }, { onCancel: { cleanupMs: 5 } }),
      ],
    });
    // b is cancelled at 10 by G3 before its own timer step runs; its cleanup ends it cancelled at 15
    expect(o.awaiter).toEqual({ status: 'raised', error: 'First', at: 10 });
    expect(o.children.b).toEqual({ status: 'cancelled', at: 15 });
    expect(eventsOf(o, 'awaiter').filter((e) => e.includes('gather-'))).toEqual([
      '0 gather-started',
      '10 gather-raised',
    ]);
  });

  it('a child cancelled on its own raises CancelledError into the gather (G3)', () => {
    const o = run({
      children: [leaf('a', [100], { return: 'a' }, { task: true }), leaf('b', [200], { return: 'b' })],
      cancels: [{ at: 50, target: 'a' }],
    });
    expect(lines(o).slice(lines(o).indexOf('50 a cancel-requested'))).toEqual([
      '50 a cancel-requested',
      '50 a resumed',
      '50 a cancelled',
      '50 awaiter gather-raised',
      '50 b cancel-requested',
      '50 awaiter resumed',
      '50 awaiter cancelled', // a CancelledError escaped its body (§6)
      '50 b resumed',
      '50 b cancelled',
    ]);
    expect(o.awaiter).toEqual({ status: 'cancelled', at: 50 });
  });

  it('with return_exceptions a child cancelled on its own is a CancelledError entry', () => {
    const o = run({
      returnExceptions: true,
      children: [leaf('a', [100], { return: 'a' }, { task: true }), leaf('b', [200], { return: 'b' })],
      cancels: [{ at: 50, target: 'a' }],
    });
    expect(o.awaiter).toEqual({ status: 'returned', value: [{ error: 'CancelledError' }, 'b'], at: 200 });
  });

  for (const returnExceptions of [false, true]) {
    it(`cancelling the awaiter cancels the gather and its children (G6, returnExceptions=${returnExceptions})`, () => {
      const o = run({
        returnExceptions,
        children: [leaf('a', [100], { return: 'a' }), leaf('b', [200], { return: 'b' })],
        cancels: [{ at: 50, target: 'awaiter' }],
      });
      expect(lines(o).slice(lines(o).indexOf('50 awaiter cancel-requested'))).toEqual([
        '50 awaiter cancel-requested', // T4d
        '50 awaiter gather-cancelled', // G6, G7: gather event, wake, then children
        '50 a cancel-requested',
        '50 b cancel-requested',
        '50 awaiter resumed', // woken at once, not waiting for the children
        '50 awaiter cancelled',
        '50 a resumed',
        '50 a cancelled',
        '50 b resumed',
        '50 b cancelled',
      ]);
      expect(o.end).toBe(50);
    });
  }

  it('the cancelled awaiter does not wait for its children’s cleanup (G6)', () => {
    const o = run({
      returnExceptions: true,
      children: [leaf('a', [100], { return: 'a' }, { onCancel: { cleanupMs: 30 } })],
      cancels: [{ at: 10, target: 'awaiter' }],
    });
    expect(o.awaiter).toEqual({ status: 'cancelled', at: 10 });
    expect(o.children.a).toEqual({ status: 'cancelled', at: 40 });
    expect(o.end).toBe(40);
  });

  it('a task cancelled before it started never runs its body (T4a)', () => {
    const o = run({
      children: [leaf('a', [], { raise: 'E' }), leaf('b', [10], { return: 'b' }), leaf('c', [], { return: 'c' })],
    });
    expect(eventsOf(o, 'b')).toEqual(['0 created', '0 cancel-requested', '0 cancelled']);
    expect(eventsOf(o, 'c')).toEqual(['0 created', '0 cancel-requested', '0 cancelled']);
    // b and c keep their places in the queue, ahead of the awaiter woken during a's step
    inOrder(
      o,
      '0 a raised',
      '0 awaiter gather-raised',
      '0 b cancel-requested',
      '0 c cancel-requested',
      '0 b cancelled',
      '0 c cancelled',
      '0 awaiter resumed',
      '0 awaiter raised',
    );
    expect(o.awaiter).toEqual({ status: 'raised', error: 'E', at: 0 });
  });

  it('onCancel swallow returns the value instead of being cancelled', () => {
    const o = run({
      children: [leaf('a', [100], { return: 'a' }, { onCancel: { swallow: 'sw' } }), leaf('b', [50], { raise: 'E' })],
    });
    expect(o.children.a).toEqual({ status: 'returned', value: 'sw', at: 50 });
    expect(eventsOf(o, 'a').slice(-3)).toEqual(['50 cancel-requested', '50 resumed', '50 returned']);
    expect(o.awaiter).toEqual({ status: 'raised', error: 'E', at: 50 });
  });

  it('cleanup sleeps before re-raising; a second cancel during cleanup is a new request (T4)', () => {
    const base = { children: [leaf('a', [100], { return: 'a' }, { task: true, onCancel: { cleanupMs: 30 } })] };
    const once = run({ ...base, cancels: [{ at: 10, target: 'a' }] });
    expect(eventsOf(once, 'a').slice(1)).toEqual([
      '0 started',
      '0 suspended',
      '10 cancel-requested',
      '10 resumed',
      '10 suspended', // sleepMs(30) in the handler
      '40 resumed',
      '40 cancelled',
    ]);
    expect(once.awaiter).toEqual({ status: 'cancelled', at: 40 });

    const twice = run({
      ...base,
      cancels: [
        { at: 10, target: 'a' },
        { at: 20, target: 'a' },
      ],
    });
    expect(eventsOf(twice, 'a').slice(-3)).toEqual(['20 cancel-requested', '20 resumed', '20 cancelled']);
    expect(twice.awaiter).toEqual({ status: 'cancelled', at: 20 });
    expect(twice.end).toBe(20); // the cleanup timer was removed (T4c)
  });

  it('a cancel while one is pending emits nothing (T4)', () => {
    const o = run({
      children: [leaf('a', [100], { return: 'a' }, { task: true, onCancel: { cleanupMs: 30 } })],
      cancels: [
        { at: 10, target: 'a' },
        { at: 10, target: 'a' },
      ],
    });
    expect(eventsOf(o, 'a').filter((e) => e.endsWith('cancel-requested'))).toEqual(['10 cancel-requested']);
    expect(o.children.a).toEqual({ status: 'cancelled', at: 40 });
  });

  it('a cancel timer due with the task’s own timer runs first: the queued task receives CancelledError (§4.2, T4b)', () => {
    const o = run({
      children: [leaf('a', [100], { return: 'a' }, { task: true })],
      cancels: [{ at: 100, target: 'a' }],
    });
    expect(eventsOf(o, 'a').slice(-3)).toEqual(['100 cancel-requested', '100 resumed', '100 cancelled']);
  });

  it('task children that finished before the gather are decided at once, without suspending (G2)', () => {
    const returned = run({
      gatherAfter: 10,
      children: [leaf('x', [], { return: 'x' }, { task: true }), leaf('y', [5], { return: 'y' }, { task: true })],
    });
    expect(eventsOf(returned, 'awaiter')).toEqual([
      '0 created',
      '0 started',
      '0 suspended', // gatherAfter
      '10 resumed',
      '10 gather-started',
      '10 gather-returned',
      '10 returned',
    ]);
    expect(returned.awaiter.value).toEqual(['x', 'y']);

    // an already-raised task child decides; the wrapped child is created, then cancelled before it starts
    const raised = run({
      gatherAfter: 10,
      children: [leaf('x', [], { raise: 'E' }, { task: true }), leaf('y', [5], { return: 'y' })],
    });
    expect(lines(raised).slice(lines(raised).indexOf('10 awaiter resumed'))).toEqual([
      '10 awaiter resumed',
      '10 y created',
      '10 awaiter gather-started',
      '10 awaiter gather-raised',
      '10 y cancel-requested',
      '10 awaiter raised',
      '10 y cancelled',
    ]);
  });

  it('among children finished before the call, the first to end decides (G3)', () => {
    const o = run({
      gatherAfter: 50,
      children: [
        leaf('x', [20], { raise: 'Late' }, { task: true }),
        leaf('y', [10], { raise: 'Early' }, { task: true }),
      ],
    });
    expect(o.awaiter).toEqual({ status: 'raised', error: 'Early', at: 50 });
  });

  it('nested gathers return nested lists; children are named by path', () => {
    const o = run({
      children: [
        { name: 'outer', gather: { children: [leaf('x', [30], { return: 'x' }), leaf('y', [10], { return: 'y' })] } },
        leaf('z', [20], { return: 'z' }),
      ],
    });
    expect(Object.keys(o.children)).toEqual(['outer', 'outer/x', 'outer/y', 'z']);
    expect(o.awaiter).toEqual({ status: 'returned', value: [['x', 'y'], 'z'], at: 30 });
    inOrder(
      o,
      '0 awaiter gather-started',
      '0 outer started',
      '0 outer/x created',
      '0 outer gather-started',
      '0 z started',
      '0 outer/x started',
    );
    expect(lines(o).slice(-8)).toEqual([
      '30 outer/x resumed',
      '30 outer/x returned',
      '30 outer gather-returned',
      '30 outer resumed',
      '30 outer returned',
      '30 awaiter gather-returned',
      '30 awaiter resumed',
      '30 awaiter returned',
    ]);
  });

  it('cancelling the awaiter cancels nested gathers depth first (T4d, G6)', () => {
    const o = run({
      children: [
        { name: 'outer', gather: { children: [leaf('x', [30], { return: 'x' }), leaf('y', [10], { return: 'y' })] } },
        leaf('z', [20], { return: 'z' }),
      ],
      cancels: [{ at: 5, target: 'awaiter' }],
    });
    expect(lines(o).filter((l) => /cancel-requested|gather-cancelled/.test(l))).toEqual([
      '5 awaiter cancel-requested',
      '5 awaiter gather-cancelled',
      '5 outer cancel-requested',
      '5 outer gather-cancelled',
      '5 outer/x cancel-requested',
      '5 outer/y cancel-requested',
      '5 z cancel-requested',
    ]);
    for (const t of ['outer', 'outer/x', 'outer/y', 'z']) expect(o.children[t]).toEqual({ status: 'cancelled', at: 5 });
  });

  it('a nested gather’s exception propagates through its caller', () => {
    const o = run({
      children: [
        { name: 'outer', gather: { children: [leaf('x', [30], { return: 'x' }), leaf('y', [10], { raise: 'E' })] } },
        leaf('z', [20], { return: 'z' }),
      ],
    });
    expect(o.children.outer).toEqual({ status: 'raised', error: 'E', at: 10 });
    expect(o.awaiter).toEqual({ status: 'raised', error: 'E', at: 10 });
    inOrder(
      o,
      '10 outer gather-raised',
      '10 outer/x cancel-requested',
      '10 outer raised',
      '10 awaiter gather-raised',
      '10 z cancel-requested',
    );
  });

  it('a nested gather child with onCancel swallow returns its value when cancelled', () => {
    const o = run({
      children: [
        { name: 'outer', onCancel: { swallow: 'sw' }, gather: { children: [leaf('x', [30], { return: 'x' })] } },
      ],
      returnExceptions: true,
      cancels: [{ at: 5, target: 'awaiter' }],
    });
    expect(o.children.outer).toEqual({ status: 'returned', value: 'sw', at: 5 });
    expect(o.children['outer/x']).toEqual({ status: 'cancelled', at: 5 });
  });

  it('an empty gather returns [] at once without suspending (G2)', () => {
    const o = run({ children: [] });
    expect(lines(o)).toEqual([
      '0 awaiter created',
      '0 awaiter started',
      '0 awaiter gather-started',
      '0 awaiter gather-returned',
      '0 awaiter returned',
    ]);
    expect(o.awaiter).toEqual({ status: 'returned', value: [], at: 0 });
  });

  it('a hanging child leaves the awaiter pending when the loop goes idle (deadlock)', () => {
    const o = run({ children: [leaf('a', [], 'hang'), leaf('b', [10], { return: 'b' })] });
    expect(o.end).toBe(10);
    expect(o.awaiter).toEqual({ status: 'pending', at: 10 });
    expect(o.children.a).toEqual({ status: 'pending', at: 10 });
    expect(o.children.b).toEqual({ status: 'returned', value: 'b', at: 10 });
  });

  it('a hanging task is woken by a cancel (T4e)', () => {
    const o = run({ children: [leaf('a', [], 'hang', { task: true })], cancels: [{ at: 7, target: 'a' }] });
    expect(eventsOf(o, 'a').slice(-3)).toEqual(['7 cancel-requested', '7 resumed', '7 cancelled']);
    expect(o.awaiter).toEqual({ status: 'cancelled', at: 7 });
  });

  it('cancelling the awaiter during gatherAfter: task children run on, the others are never created', () => {
    const o = run({
      gatherAfter: 50,
      children: [leaf('t', [100], { return: 't' }, { task: true }), leaf('n', [1], { return: 'n' })],
      cancels: [{ at: 20, target: 'awaiter' }],
    });
    expect(eventsOf(o, 'awaiter').slice(-3)).toEqual(['20 cancel-requested', '20 resumed', '20 cancelled']);
    expect(o.children.t).toEqual({ status: 'returned', value: 't', at: 100 });
    expect(o.children.n).toEqual({ status: 'pending', at: 100 });
    expect(eventsOf(o, 'n')).toEqual([]);
  });

  it('a cancel aimed at a finished task does nothing but keeps the loop alive until it fires (S4)', () => {
    const o = run({ children: [leaf('a', [], { return: 'a' }, { task: true })], cancels: [{ at: 500, target: 'a' }] });
    expect(o.awaiter).toEqual({ status: 'returned', value: ['a'], at: 0 });
    expect(o.end).toBe(500);
    expect(lines(o).some((l) => l.includes('cancel'))).toBe(false);
  });
});
