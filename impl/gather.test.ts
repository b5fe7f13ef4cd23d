// gather, seed profile (docs/rules.md §3): order, timing, wrapping, exceptions, returnExceptions, cancellation.
import { describe, expect, it } from 'vitest';
import { CancelledError, createTask, gather, getRunningLoop, sleepMs, type Coro, type Task } from './index.ts';
import { eventsOf, runVirtual } from '../test/virtual-run.ts';

class Boom extends Error {
  override name = 'Boom';
}

function* fetch<T>(value: T, ms: number): Coro<T> {
  yield* sleepMs(ms);
  return value;
}

function* fail(ms: number, error: Error = new Boom('boom')): Coro<never> {
  yield* sleepMs(ms);
  throw error;
}

function* withCleanup(ms: number, cleanupMs: number, log: string[], name: string): Coro<string> {
  try {
    yield* sleepMs(ms);
    return name;
  } catch (e) {
    log.push(`${name} caught@${getRunningLoop().now()}`);
    yield* sleepMs(cleanupMs);
    log.push(`${name} cleaned@${getRunningLoop().now()}`);
    throw e;
  }
}

describe('gather (seed)', () => {
  it('returns results in argument order after max, not sum, of the durations', () => {
    const run = runVirtual(function* () {
      return yield* gather(fetch('a', 100), fetch('b', 200), fetch('c', 50));
    });
    expect(run.main.result()).toEqual(['a', 'b', 'c']);
    expect(run.loop.now()).toBe(200);
    expect(run.main.doneOrder).toBeGreaterThan(0);
  });

  it('wraps coroutines into new tasks in argument order and keeps an existing task (no second `created`)', () => {
    let existing!: Task<string>;
    const run = runVirtual(function* () {
      existing = createTask(fetch('t', 10), { name: 'existing' });
      return yield* gather(fetch('x', 5), existing, fetch('y', 1));
    });
    expect(run.main.result()).toEqual(['x', 't', 'y']);
    const started = run.events.find((e) => e.kind === 'gather-started');
    expect(started && 'children' in started ? started.children[1] : null).toBe(existing);
    expect(eventsOf(run, 'existing').filter((e) => e === 'created')).toHaveLength(1);
    const created = run.trace.filter((l) => l.endsWith(' created')).map((l) => l.split(' ')[1]);
    expect(created).toEqual(['main', 'existing', 'Task-1', 'Task-2']);
  });

  it('gives the result of the same task passed twice in both places', () => {
    const run = runVirtual(function* () {
      const t = createTask(fetch(7, 10));
      return yield* gather(t, fetch(8, 5), t);
    });
    expect(run.main.result()).toEqual([7, 8, 7]);
  });

  it('gather() with no arguments returns [] without suspending (G2)', () => {
    const run = runVirtual(function* () {
      return yield* gather();
    });
    expect(run.main.result()).toEqual([]);
    expect(eventsOf(run, 'main')).toEqual(['created', 'started', 'gather-started', 'gather-returned', 'returned']);
  });

  it('does not suspend when every child finished already (G2)', () => {
    const run = runVirtual(function* () {
      const a = createTask(fetch('a', 1));
      yield* sleepMs(5);
      return yield* gather(a);
    });
    expect(run.main.result()).toEqual(['a']);
    expect(eventsOf(run, 'main').slice(-4)).toEqual(['resumed', 'gather-started', 'gather-returned', 'returned']);
  });

  it('re-raises the first exception in time at once and cancels unfinished siblings, in argument order (G3, G7)', () => {
    const log: string[] = [];
    let raisedAt = -1;
    const run = runVirtual(function* () {
      try {
        return yield* gather(
          withCleanup(100, 10, log, 'slow'),
          fail(30),
          fail(40, new Error('later')),
          fetch('ok', 20),
        );
      } catch (e) {
        raisedAt = getRunningLoop().now();
        throw e;
      }
    });
    expect(run.main.exception()).toBeInstanceOf(Boom);
    expect(raisedAt).toBe(30);
    expect(log).toEqual(['slow caught@30', 'slow cleaned@40']);
    const at30 = run.trace.filter((l) => l.startsWith('30 '));
    const decision = at30.indexOf('30 main gather-raised');
    expect(decision).toBeGreaterThanOrEqual(0);
    expect(at30.slice(decision + 1, decision + 3)).toEqual([
      '30 Task-1 cancel-requested',
      '30 Task-3 cancel-requested',
    ]);
    expect(run.unhandled).toEqual([]); // the sibling that would have failed later was cancelled first
  });

  it('re-raises immediately when a child already raised before gather was called (first in time decides, G2)', () => {
    const run = runVirtual(function* () {
      const second = createTask(fail(20, new Error('second')));
      const first = createTask(fail(10, new Boom('first')));
      const pending = createTask(fetch('p', 100), { name: 'pending' });
      yield* sleepMs(50);
      return yield* gather(second, first, pending);
    });
    expect((run.main.exception() as Error).message).toBe('first');
    expect(eventsOf(run, 'main').slice(-4)).toEqual(['resumed', 'gather-started', 'gather-raised', 'raised']);
    expect(eventsOf(run, 'pending')).toContain('cancelled');
    expect(run.unhandled.map((u) => (u.error as Error).message)).toEqual(['second']);
  });

  it('with returnExceptions gives each entry its value or its exception instance (G4)', () => {
    const boom = new Boom('x');
    const run = runVirtual(function* () {
      return yield* gather(fetch('a', 10), fail(5, boom), fetch('c', 1), { returnExceptions: true });
    });
    expect(run.main.result()).toEqual(['a', boom, 'c']);
    expect((run.main.result() as unknown[])[1]).toBe(boom);
    expect(run.loop.now()).toBe(10);
    expect(run.unhandled).toEqual([]);
  });

  it('a child cancelled on its own counts as raising CancelledError', () => {
    const plain = runVirtual(function* () {
      const child = createTask(fetch('c', 100), { name: 'child' });
      getRunningLoop().callLater(10, () => child.cancel());
      return yield* gather(child, fetch('d', 200));
    });
    expect(plain.main.cancelled()).toBe(true);
    expect(eventsOf(plain, 'main')).toContain('gather-raised');
    expect(plain.loop.now()).toBe(10);

    const settled = runVirtual(function* () {
      const child = createTask(fetch('c', 100), { name: 'child' });
      getRunningLoop().callLater(10, () => child.cancel());
      return yield* gather(child, fetch('d', 200), { returnExceptions: true });
    });
    const [first, second] = settled.main.result() as unknown[];
    expect(first).toBeInstanceOf(CancelledError);
    expect(second).toBe('d');
  });

  for (const returnExceptions of [false, true]) {
    it(`cancelling the awaiter cancels unfinished children and the awaiter sees CancelledError at once (G6, returnExceptions ${returnExceptions})`, () => {
      const log: string[] = [];
      let sawAt = -1;
      const run = runVirtual(
        function* () {
          try {
            return yield* gather(withCleanup(100, 50, log, 'a'), fetch('b', 5), withCleanup(100, 0, log, 'c'), {
              returnExceptions,
            });
          } catch (e) {
            if (e instanceof CancelledError) sawAt = getRunningLoop().now();
            throw e;
          }
        },
        (loop, main) => loop.callLater(30, () => main.cancel()),
      );
      expect(run.main.cancelled()).toBe(true);
      expect(sawAt).toBe(30);
      expect(run.main.doneOrder).toBeGreaterThan(0);
      expect(log).toEqual(['a caught@30', 'c caught@30', 'c cleaned@30', 'a cleaned@80']);
      const at30 = run.trace.filter((l) => l.startsWith('30 ')).slice(0, 4);
      expect(at30).toEqual([
        '30 main cancel-requested',
        '30 main gather-cancelled',
        '30 Task-1 cancel-requested',
        '30 Task-3 cancel-requested',
      ]);
      // the awaiter runs before the children's handlers: it was woken first
      const order = run.trace.filter((l) => l.startsWith('30 ') && l.endsWith('resumed')).map((l) => l.split(' ')[1]);
      expect(order).toEqual(['main', 'Task-1', 'Task-3', 'Task-3']); // Task-3's cleanup is a sleepMs(0)
    });
  }

  it('one decision only: children finishing later change nothing; their exceptions go to the handler (G5)', () => {
    const run = runVirtual(function* () {
      const late = createTask(
        (function* (): Coro<never> {
          try {
            yield* sleepMs(100);
          } finally {
            yield* sleepMs(1);
          }
          throw new Error('unreachable');
        })(),
      );
      const stubborn = createTask(
        (function* (): Coro<never> {
          try {
            yield* sleepMs(100);
          } catch {
            yield* sleepMs(5);
          }
          throw new Boom('after the decision');
        })(),
        { name: 'stubborn' },
      );
      return yield* gather(fail(10), late, stubborn);
    });
    expect(run.main.exception()).toBeInstanceOf(Boom);
    expect(eventsOf(run, 'main').filter((e) => e.startsWith('gather-'))).toEqual(['gather-started', 'gather-raised']);
    expect(run.unhandled.map((u) => u.task)).toEqual(['stubborn']);
  });
});
