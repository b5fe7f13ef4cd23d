// Task lifecycle beyond one gather (docs/rules.md T4g, T4h, T6, T7, G1, G8, R1): each case as asyncio 3.11 does it.
import { describe, expect, it } from 'vitest';
import {
  CancelledError,
  type Coro,
  createTask,
  currentTask,
  EventLoop,
  type Future,
  gather,
  InvalidStateError,
  run,
  sleepMs,
  type Task,
  VirtualClock,
} from './index.ts';
import { eventsOf, runVirtual } from '../test/virtual-run.ts';

function* value<T>(v: T, ms: number): Coro<T> {
  yield* sleepMs(ms);
  return v;
}

describe('a coroutine belongs to one task (T6, G1)', () => {
  it('the same coroutine passed twice to gather is wrapped once and both entries get its result', () => {
    let results: unknown;
    const run = runVirtual(function* () {
      const c = value(1, 10);
      results = yield* gather(c, c);
    });
    expect(results).toEqual([1, 1]);
    expect(run.loop.now()).toBe(10);
    expect(run.trace.filter((l) => l.endsWith(' created'))).toHaveLength(2); // main and one child
  });

  it('createTask on a coroutine that already has a task is refused at once, naming the owner', () => {
    let error: unknown;
    runVirtual(function* () {
      const c = value(2, 0);
      const first = createTask(c, { name: 'first' });
      try {
        createTask(c);
      } catch (e) {
        error = e;
      }
      return yield* first;
    });
    expect(error).toBeInstanceOf(InvalidStateError);
    expect(String((error as Error).message)).toContain('Task "first"');
  });

  it('gather refuses a coroutine some other task already owns (no second task steps it)', () => {
    let error: unknown;
    runVirtual(function* () {
      const c = value(3, 0);
      const owner = createTask(c, { name: 'owner' });
      try {
        yield* gather(value(4, 0), c);
      } catch (e) {
        error = e;
      }
      yield* owner;
    });
    expect(error).toBeInstanceOf(InvalidStateError);
    expect(String((error as Error).message)).toContain('already belongs to Task "owner"');
  });
});

describe('self-cancellation (T4f, T4h)', () => {
  it('a task that cancels itself and returns without suspending ends cancelled, not returned', () => {
    let child!: Task<number>;
    const run = runVirtual(function* () {
      child = createTask(
        (function* (): Coro<number> {
          currentTask()!.cancel();
          return 5;
        })(),
        { name: 'child' },
      );
      try {
        yield* child;
      } catch {
        // its CancelledError reaches main
      }
    });
    expect(child.cancelled()).toBe(true);
    expect(child.exception()).toBeInstanceOf(CancelledError);
    expect(eventsOf(run, 'child')).toEqual(['created', 'started', 'cancel-requested', 'cancelled']);
  });

  it('one that cancels itself and then raises ends raised (the exception wins, as asyncio)', () => {
    let child!: Task<number>;
    runVirtual(function* () {
      child = createTask(
        (function* (): Coro<number> {
          currentTask()!.cancel();
          throw new RangeError('x');
        })(),
      );
      try {
        yield* child;
      } catch {
        // its RangeError reaches main
      }
    });
    expect(child.cancelled()).toBe(false);
    expect(child.exception()).toBeInstanceOf(RangeError);
  });
});

describe('a task awaiting a task (T4g)', () => {
  it('cancelling the awaiter forwards the cancel; when the awaited task swallows it, the awaiter gets its value', () => {
    let got: unknown;
    const run = runVirtual(
      function* () {
        const inner = createTask(
          (function* (): Coro<string> {
            try {
              yield* sleepMs(1000);
              return 'slept';
            } catch (e) {
              if (!(e instanceof CancelledError)) throw e;
              return 'swallowed';
            }
          })(),
          { name: 'inner' },
        );
        got = yield* inner;
        yield* sleepMs(5); // it carries on after the cancel
        return 'main went on';
      },
      (loop, main) => loop.callLater(10, () => main.cancel()),
    );
    expect(got).toBe('swallowed');
    expect(run.main.result()).toBe('main went on');
    expect(run.loop.now()).toBe(15);
  });

  it('the awaiter keeps its own cancel when the awaited task had already ended (the forward was refused)', () => {
    let seen = '';
    runVirtual(function* () {
      const inner = createTask(value('v', 0), { name: 'inner' });
      const waiter = createTask(
        (function* (): Coro<void> {
          try {
            yield* inner;
            seen = 'value';
          } catch (e) {
            seen = e instanceof CancelledError ? 'cancelled' : 'other';
          }
        })(),
      );
      yield* sleepMs(0); // waiter suspends on inner
      yield* sleepMs(0); // inner returns and wakes waiter
      waiter.cancel();
      yield* waiter;
    });
    expect(seen).toBe('cancelled');
  });
});

describe('tasks of another loop (T7)', () => {
  it('gather refuses, at the call, a task that belongs to another EventLoop', () => {
    const other = new EventLoop({ clock: new VirtualClock() });
    const foreign = other.createTask(value(1, 0));
    let error: unknown;
    runVirtual(function* () {
      try {
        yield* gather(foreign);
      } catch (e) {
        error = e;
      }
    });
    expect(error).toBeInstanceOf(InvalidStateError);
    expect(String((error as Error).message)).toContain('another event loop');
  });

  it('awaiting a task of another loop throws into the awaiting coroutine instead of waiting forever', () => {
    const other = new EventLoop({ clock: new VirtualClock() });
    const foreign = other.createTask(value(1, 0));
    let error: unknown;
    runVirtual(function* () {
      try {
        yield* foreign;
      } catch (e) {
        error = e;
      }
    });
    expect(error).toBeInstanceOf(InvalidStateError);
  });
});

describe("a gather's own state (G8)", () => {
  it('after a child was cancelled on its own, the gather is not cancelled; its exception is the CancelledError', () => {
    let g!: Future<unknown>;
    runVirtual(function* () {
      const slow = createTask(value(0, 1000));
      g = gather(slow, value(1, 2000));
      createTask(
        (function* (): Coro<void> {
          yield* sleepMs(10);
          slow.cancel();
        })(),
      );
      try {
        yield* g;
      } catch {
        // the CancelledError reaches main
      }
    });
    expect(g.cancelled()).toBe(false);
    expect(g.exception()).toBeInstanceOf(CancelledError);
  });

  it('a gather cancelled through its awaiter is cancelled', () => {
    let g!: Future<unknown>;
    runVirtual(
      function* () {
        g = gather(value(0, 1000));
        yield* g;
      },
      (loop, main) => loop.callLater(5, () => main.cancel()),
    );
    expect(g.cancelled()).toBe(true);
  });
});

describe('run() shuts the loop down as asyncio.run does (R1)', () => {
  it('runs steps already queued when main ends, then cancels what is left and lets its cleanup finish', async () => {
    const log: string[] = [];
    const result = await run(
      function* () {
        createTask(
          (function* (): Coro<void> {
            try {
              yield* sleepMs(10_000);
            } catch (e) {
              log.push('leftover cancelled');
              yield* sleepMs(5); // cleanup that suspends
              log.push('cleanup done');
              throw e;
            }
          })(),
        );
        yield* sleepMs(1);
        createTask(
          (function* (): Coro<void> {
            log.push('created last ran');
          })(),
        );
        return 'main done';
      },
      { clock: new VirtualClock(), onUnhandled: () => log.push('unhandled') },
    );
    expect(result).toBe('main done');
    expect(log).toEqual(['created last ran', 'leftover cancelled', 'cleanup done']);
  });

  it('a leftover exception nobody retrieved is still reported once, after shutdown', async () => {
    const unhandled: string[] = [];
    await run(
      function* () {
        createTask(
          (function* (): Coro<void> {
            yield* sleepMs(0);
            throw new RangeError('lost');
          })(),
          { name: 'stray' },
        );
        yield* sleepMs(0);
      },
      { clock: new VirtualClock(), onUnhandled: (_e, t) => unhandled.push(t?.name ?? 'callback') },
    );
    expect(unhandled).toEqual(['stray']);
  });

  it('allTasks lists the tasks not done yet, in creation order', () => {
    let names: string[] = [];
    runVirtual(function* () {
      createTask(value(1, 5), { name: 'a' });
      const b = createTask(value(2, 0), { name: 'b' });
      yield* b;
      names = currentTask()!
        ._loop.allTasks()
        .map((t) => t.name);
    });
    expect(names).toEqual(['main', 'a']);
  });
});
