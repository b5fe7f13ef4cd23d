// Misuse of the loop's public API: every refusal names what was wrong (error class, message), and the error classes,
// clocks and futures keep their documented small contracts. Written against impl/index.ts only.
import { describe, expect, it, vi } from 'vitest';
import {
  CancelledError,
  type Coro,
  createTask,
  currentTask,
  DeadlockError,
  EventLoop,
  Future,
  gather,
  getRunningLoop,
  InvalidStateError,
  NoRunningLoopError,
  RealClock,
  run,
  shield,
  sleep,
  sleepMs,
  StepLimitError,
  Task,
  timeout,
  TimeoutError,
  VirtualClock,
  waitFor,
} from './index.ts';

function* value<T>(v: T, ms: number): Coro<T> {
  yield* sleepMs(ms);
  return v;
}

/** Runs `main` as task "main" on a virtual-clock loop; returns its outcome and what went to the handler. */
function runMain<T>(main: () => Coro<T>): { task: Task<T>; loop: EventLoop; unhandled: unknown[] } {
  const unhandled: unknown[] = [];
  const loop = new EventLoop({ onUnhandled: (e) => unhandled.push(e) });
  const task = loop.createTask(main(), { name: 'main' });
  task.addDoneCallback((t) => t.exception());
  loop.runSync({ maxSteps: 10_000 });
  return { task, loop, unhandled };
}

/** The exception `main` ended with (fails the test if it returned). */
function errorOf(main: () => Coro<unknown>): Error {
  const { task } = runMain(main);
  expect(task.failed()).toBe(true);
  return task.exception() as Error;
}

describe('error classes', () => {
  it('each has its own name and a message saying what happened', () => {
    expect(new CancelledError().name).toBe('CancelledError');
    expect(new CancelledError().message).toBe('the task was cancelled');
    expect(new CancelledError('x').message).toBe('x');
    expect(new DeadlockError('d').name).toBe('DeadlockError');
    expect(new DeadlockError('d').message).toBe('d');
    expect(new InvalidStateError('i').name).toBe('InvalidStateError');
    const noLoop = new NoRunningLoopError('sleepMs()');
    expect(noLoop.name).toBe('NoRunningLoopError');
    expect(noLoop.message).toMatch(/^sleepMs\(\) must be called while a loop is running/);
    const steps = new StepLimitError(7);
    expect(steps.name).toBe('StepLimitError');
    expect(steps.message).toBe('the loop ran more than 7 steps without going idle');
    expect(new TimeoutError().name).toBe('TimeoutError');
    expect(new TimeoutError().message).toBe('the deadline passed');
    expect(new TimeoutError('t').message).toBe('t');
  });

  it('a CancelledError is made without a stack trace and leaves Error.stackTraceLimit as it was', () => {
    const before = Error.stackTraceLimit;
    const e = new CancelledError();
    expect(Error.stackTraceLimit).toBe(before);
    expect(e.stack?.split('\n').filter((l) => l.trim().startsWith('at ')) ?? []).toEqual([]);
    expect(new InvalidStateError('x').stack).toMatch(/\n\s+at /);
  });
});

describe('clocks', () => {
  it('a VirtualClock starts where told, moves only forward, and says it is virtual', () => {
    expect(new VirtualClock().now()).toBe(0);
    const c = new VirtualClock(5);
    expect(c.virtual).toBe(true);
    expect(c.now()).toBe(5);
    c.advanceTo(5);
    c.advanceTo(9);
    expect(c.now()).toBe(9);
    expect(() => c.advanceTo(8)).toThrow(new RangeError('VirtualClock cannot go back from 9 to 8'));
  });

  it('a RealClock counts from its creation and cannot be advanced', () => {
    const c = new RealClock();
    expect(c.virtual).toBe(false);
    const t = c.now();
    expect(t).toBeGreaterThanOrEqual(0);
    expect(t).toBeLessThanOrEqual(performance.now());
    expect(() => c.advanceTo()).toThrow(/RealClock cannot be advanced/);
  });
});

describe('createTask and the loop', () => {
  it('refuses what is not a coroutine, describing it', () => {
    const loop = new EventLoop();
    const msg = (v: unknown) => {
      try {
        loop.createTask(v as never);
      } catch (e) {
        expect(e).toBeInstanceOf(TypeError);
        return (e as Error).message;
      }
      throw new Error('accepted');
    };
    expect(msg(() => {})).toMatch(/got a function: call it/);
    expect(msg(null)).toBe('createTask expects a coroutine (a generator object), got null');
    expect(msg(42)).toBe('createTask expects a coroutine (a generator object), got number 42');
    expect(msg('s')).toBe('createTask expects a coroutine (a generator object), got string s');
    expect(msg({ next() {} })).toBe(
      'createTask expects a coroutine (a generator object), got an object ([object Object])',
    );
    expect(msg([])).toMatch(/an object \(\[object Array\]\)/);
    expect(loop.allTasks()).toEqual([]);
  });

  it('allTasks gives a copy: later tasks and changes to it do not reach the other', () => {
    const loop = new EventLoop();
    const a = loop.createTask(value(1, 0));
    const list = loop.allTasks();
    loop.createTask(value(2, 0));
    expect(list.length).toBe(1);
    expect(list[0]).toBe(a);
    list.length = 0;
    expect(loop.allTasks().length).toBe(2);
  });

  it('names unnamed tasks Task-1, Task-2, … counting only unnamed ones, per loop', () => {
    const loop = new EventLoop();
    const a = loop.createTask(value(1, 0));
    const b = loop.createTask(value(1, 0), { name: 'b' });
    const c = loop.createTask(value(1, 0));
    expect([a.name, b.name, c.name]).toEqual(['Task-1', 'b', 'Task-2']);
    expect(a.describe()).toBe('Task "Task-1"');
    expect(new EventLoop().createTask(value(1, 0)).name).toBe('Task-1');
    const coro = value(2, 0);
    expect(loop.createTask(coro).getCoro()).toBe(coro);
  });

  it('names the owner when a coroutine is given to a second task (T6)', () => {
    const loop = new EventLoop();
    const coro = value(1, 0);
    loop.createTask(coro, { name: 'first' });
    expect(() => loop.createTask(coro)).toThrow(InvalidStateError);
    expect(() => loop.createTask(coro)).toThrow(
      'createTask: this coroutine already belongs to Task "first"; a coroutine runs in one task only ' +
        '(call the generator function again for a new one, or await the existing task)',
    );
  });

  it('callLater checks its delay and its function; its handle cancels', () => {
    const loop = new EventLoop();
    expect(() => loop.callLater(-1, () => {})).toThrow(
      new RangeError('callLater: expected a finite number of milliseconds >= 0, got -1'),
    );
    expect(() => loop.callLater(Infinity, () => {})).toThrow(/got Infinity/);
    expect(() => loop.callLater(Number.NaN, () => {})).toThrow(/got NaN/);
    expect(() => loop.callLater('1' as never, () => {})).toThrow(RangeError);
    expect(() => loop.callLater(1, 'f' as never)).toThrow(new TypeError('callLater expects a function'));
    const ran: number[] = [];
    loop.callLater(0, () => ran.push(0));
    loop.callLater(3, () => ran.push(loop.now()));
    loop.callLater(2, () => ran.push(-1)).cancel();
    loop.runSync();
    expect(ran).toEqual([0, 3]);
    expect(loop.now()).toBe(3);
  });

  it('runSync refuses to run twice at once, and stops a program that never goes idle', () => {
    const loop = new EventLoop();
    let inner: unknown;
    loop.callLater(0, () => {
      try {
        loop.runSync();
      } catch (e) {
        inner = e;
      }
    });
    loop.runSync();
    expect(inner).toBeInstanceOf(InvalidStateError);
    expect((inner as Error).message).toBe('the loop is already running');
    let later: unknown;
    loop.callLater(0, () => {
      loop.runUntilIdle().catch((e: unknown) => (later = e));
    });
    loop.runSync();
    return Promise.resolve().then(() => {
      expect(later).toBeInstanceOf(InvalidStateError);
      const spinning = new EventLoop();
      spinning.createTask(
        (function* () {
          for (;;) yield* sleepMs(0);
        })(),
      );
      expect(() => spinning.runSync({ maxSteps: 50 })).toThrow(new StepLimitError(50));
      // exactly maxSteps steps are allowed
      const bounded = new EventLoop();
      bounded.createTask(
        (function* () {
          for (let i = 0; i < 4; i++) yield* sleepMs(0);
        })(),
      );
      expect(() => bounded.runSync({ maxSteps: 5 })).not.toThrow();
      expect(getRunningLoopOrNone()).toBe(null);
    });
  });

  it('is the running loop only while it runs (and the previous one again after)', () => {
    const outer = new EventLoop();
    const inner = new EventLoop();
    const seen: unknown[] = [];
    outer.callLater(0, () => {
      seen.push(getRunningLoop() === outer);
      inner.callLater(0, () => seen.push(getRunningLoop() === inner));
      inner.runSync();
      seen.push(getRunningLoop() === outer);
    });
    outer.runSync();
    expect(seen).toEqual([true, true, true]);
    expect(getRunningLoopOrNone()).toBe(null);
  });

  it('emitGatherEvent and reportError reach the observer and the handler', () => {
    const events: string[] = [];
    const errors: [unknown, unknown][] = [];
    const loop = new EventLoop({
      clock: new VirtualClock(4),
      observer: (e) => events.push(`${e.seq} ${e.at} ${e.kind}`),
      onUnhandled: (e, t) => errors.push([e, t]),
    });
    const t = loop.createTask(value(1, 0), { name: 't' });
    loop.emitGatherEvent('gather-started', t, []);
    loop.reportError('boom', null);
    expect(events).toEqual(['0 4 task-created', '1 4 gather-started']);
    expect(errors).toEqual([['boom', null]]);
    new EventLoop().emitGatherEvent('gather-started', t, []); // no observer: nothing to call
  });

  it('a callback that throws goes to the handler with task null; the loop goes on', () => {
    const errors: [unknown, unknown][] = [];
    const loop = new EventLoop({ onUnhandled: (e, t) => errors.push([e, t]) });
    const boom = new Error('cb');
    let after = false;
    loop.callLater(1, () => {
      throw boom;
    });
    loop.callLater(2, () => (after = true));
    loop.runSync();
    expect(errors).toEqual([[boom, null]]);
    expect(after).toBe(true);
  });

  it('the default handler prints one line naming the task or the callback', () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const loop = new EventLoop();
      const t = loop.createTask(
        (function* (): Coro<void> {
          throw new RangeError('bad');
        })(),
        { name: 'w' },
      );
      loop.callLater(0, () => {
        throw 'plain';
      });
      loop.runSync();
      expect(t.failed()).toBe(true);
      const lines = write.mock.calls.map((c) => String(c[0]));
      expect(lines).toEqual([
        'loopcheck: unhandled exception in a callback: plain\n',
        'loopcheck: unhandled exception in task "w": RangeError: bad\n',
      ]);
    } finally {
      write.mockRestore();
    }
  });
});

function getRunningLoopOrNone(): EventLoop | null {
  try {
    return getRunningLoop();
  } catch (e) {
    expect(e).toBeInstanceOf(NoRunningLoopError);
    expect((e as Error).message).toMatch(/^getRunningLoop\(\) must be called/);
    return null;
  }
}

describe('what a coroutine may yield', () => {
  it('anything but a suspension is a TypeError describing it, thrown into the coroutine', () => {
    const said = (v: unknown) =>
      errorOf(function* () {
        yield v as never;
      }).message;
    expect(said(null)).toMatch(/^Task "main" yielded null; await with yield\*/);
    expect(said('x')).toMatch(/yielded string x;/);
    expect(said(() => 1)).toMatch(/yielded a function;/);
    expect(said({})).toMatch(/yielded an object \(\[object Object\]\);/);
    expect(said(value(1, 0))).toMatch(/yielded a coroutine \(did you write `yield` instead of `yield\*`\?\);/);
    expect(
      errorOf(function* () {
        yield 'x' as never;
      }),
    ).toBeInstanceOf(TypeError);
  });

  it('the coroutine may catch that error and go on', () => {
    const { task } = runMain(function* () {
      try {
        yield 'x' as never;
      } catch {
        yield* sleepMs(2);
        return 'caught';
      }
      return 'not thrown';
    });
    expect(task.result()).toBe('caught');
  });

  it('awaiting an already finished future does not suspend', () => {
    const order: string[] = [];
    runMain(function* () {
      const f = new Future<number>();
      f.setResult(3);
      createTask(
        (function* () {
          order.push('other');
        })(),
      );
      order.push(`got ${yield* f}`);
      const g = new Future<number>();
      g.setResult(4);
      yield g; // a raw yield of a done future: resumed at once, after what is queued
      order.push('after');
    });
    expect(order).toEqual(['got 3', 'other', 'after']);
  });
});

describe('Future', () => {
  it('result() and exception() before it settles are InvalidStateError; settling twice too', () => {
    const f = new Future<number>();
    expect(() => f.result()).toThrow(new InvalidStateError('Future is not done yet'));
    expect(() => f.exception()).toThrow(new InvalidStateError('Future is not done yet'));
    expect([f.done(), f.failed(), f.cancelled(), f.doneOrder]).toEqual([false, false, false, 0]);
    f.setResult(1);
    expect(() => f.setResult(2)).toThrow(new InvalidStateError('Future is already done'));
    expect(() => f.setException(new Error())).toThrow(/already done/);
    expect(f.cancel()).toBe(false);
    expect([f.result(), f.exception(), f.done(), f.failed(), f.cancelled()]).toEqual([1, null, true, false, false]);
  });

  it('a failed future rethrows its exception; a cancelled one is failed and cancelled', () => {
    const boom = new Error('boom');
    const f = new Future();
    f.setException(boom);
    expect(() => f.result()).toThrow(boom);
    expect([f.failed(), f.cancelled(), f.exception()]).toEqual([true, false, boom]);
    const c = new Future();
    expect(c.cancel()).toBe(true);
    expect([c.failed(), c.cancelled()]).toEqual([true, true]);
    expect(c.exception()).toBeInstanceOf(CancelledError);
    expect((c.exception() as Error).message).toBe('Future was cancelled');
    const given = new Future();
    given.setException(new CancelledError());
    expect(given.cancelled()).toBe(false); // given a CancelledError, not cancelled (G8)
  });

  it('orders completions: each settle gets a larger doneOrder', () => {
    const a = new Future();
    const b = new Future();
    b.setResult(1);
    a.cancel();
    expect(b.doneOrder).toBeGreaterThan(0);
    expect(a.doneOrder).toBeGreaterThan(b.doneOrder);
  });

  it('calls done callbacks in registration order, at once when already done; removes them', () => {
    const f = new Future<string>();
    const calls: string[] = [];
    const one = () => calls.push('one');
    const two = () => calls.push('two');
    const three = () => calls.push('three');
    expect(f.removeDoneCallback(one)).toBe(false); // nothing registered
    f.addDoneCallback(one);
    expect(f.removeDoneCallback(two)).toBe(false); // one other registered
    expect(f.removeDoneCallback(one)).toBe(true);
    expect(f.removeDoneCallback(one)).toBe(false);
    f.addDoneCallback(one);
    f.addDoneCallback(two);
    f.addDoneCallback(three);
    expect(f.removeDoneCallback(two)).toBe(true);
    expect(f.removeDoneCallback(two)).toBe(false);
    f.setResult('v');
    expect(calls).toEqual(['one', 'three']);
    f.addDoneCallback((g) => calls.push(`late ${g.result()}`));
    expect(calls).toEqual(['one', 'three', 'late v']);
    expect(f.removeDoneCallback(one)).toBe(false); // already called
    const g = new Future<string>();
    const order: string[] = [];
    const first = () => order.push('first');
    g.addDoneCallback(first);
    g.addDoneCallback(() => order.push('second'));
    expect(g.removeDoneCallback(first)).toBe(true); // the first of several
    g.setResult('w');
    expect(order).toEqual(['second']);
  });

  it('a done callback that throws: rethrown outside a loop, reported inside one (the others still run)', () => {
    const f = new Future();
    const boom = new Error('cb');
    f.addDoneCallback(() => {
      throw boom;
    });
    expect(() => f.setResult(1)).toThrow(boom);
    const errors: unknown[] = [];
    const calls: string[] = [];
    const loop = new EventLoop({ onUnhandled: (e) => errors.push(e) });
    const g = new Future();
    g.addDoneCallback(() => {
      throw boom;
    });
    g.addDoneCallback(() => calls.push('second'));
    loop.callLater(0, () => g.setResult(1));
    loop.runSync();
    expect(errors).toEqual([boom]);
    expect(calls).toEqual(['second']);
  });

  it('awaiting a future wakes every waiting task, in the order they started waiting', () => {
    const order: string[] = [];
    runMain(function* () {
      const f = new Future<string>();
      const waiter = (name: string) =>
        createTask(
          (function* () {
            order.push(`${name} ${yield* f}`);
          })(),
        );
      const tasks = [waiter('a'), waiter('b'), waiter('c')];
      yield* sleepMs(1);
      f.setResult('x');
      yield* gather(...tasks);
    });
    expect(order).toEqual(['a x', 'b x', 'c x']);
  });
});

describe('Task', () => {
  it('refuses setResult and setException: its outcome comes from its coroutine', () => {
    const t = new EventLoop().createTask(value(1, 0), { name: 'n' });
    expect(() => t.setResult()).toThrow(
      new InvalidStateError('Task "n": a task\'s result comes from its coroutine (setResult not allowed)'),
    );
    expect(() => t.setException()).toThrow(/Task "n": a task's exception comes from its coroutine/);
  });

  it('counts cancel requests (cancelling) and takes them back one at a time (uncancel), never below 0', () => {
    const loop = new EventLoop();
    const t = loop.createTask(value(1, 5));
    expect(t.cancelling()).toBe(0);
    expect(t.uncancel()).toBe(0);
    expect(t.cancel()).toBe(true);
    expect(t.cancel()).toBe(true);
    expect(t.cancelling()).toBe(2);
    expect(t.uncancel()).toBe(1);
    expect(t.uncancel()).toBe(0);
    expect(t.uncancel()).toBe(0);
    loop.runSync();
    expect(t.cancelled()).toBe(true);
    expect(t.cancel()).toBe(false);
    expect(t.cancelling()).toBe(0);
  });

  it('a task cancelled before its first step says so in its CancelledError', () => {
    const loop = new EventLoop();
    const t = loop.createTask(value(1, 5), { name: 'early' });
    t.cancel();
    loop.runSync();
    expect((t.exception() as Error).message).toBe('Task "early" was cancelled before it started');
    const u = loop.createTask(value(1, 5), { name: 'late' });
    loop.callLater(1, () => u.cancel());
    loop.runSync();
    expect((u.exception() as Error).message).toBe('Task "late" was cancelled');
  });

  it("a task awaiting a future that is cancelled gets the future's CancelledError", () => {
    const { task } = runMain(function* () {
      const f = new Future();
      getRunningLoop().callLater(2, () => f.cancel());
      return yield* f;
    });
    expect(task.exception()).toBeInstanceOf(CancelledError);
    expect(task.cancelled()).toBe(true); // the CancelledError escaped its coroutine (G8)
  });
});

describe('gather misuse', () => {
  it('outside a task (in a callback) is an InvalidStateError', () => {
    const loop = new EventLoop();
    let error: unknown;
    loop.callLater(0, () => {
      try {
        gather();
      } catch (e) {
        error = e;
      }
    });
    loop.runSync();
    expect(error).toEqual(new InvalidStateError('gather() must be called from inside a task'));
  });

  it('refuses the calling task itself, and describes any non-awaitable', () => {
    expect(
      errorOf(function* () {
        yield* gather(currentTask() as Task<unknown>);
      }).message,
    ).toBe('gather: argument 0 is the calling task itself (it would wait for itself)');
    const said = (v: unknown) =>
      errorOf(function* () {
        yield* gather(value(1, 0), v as never);
      }).message;
    expect(said(null)).toBe('gather: argument 1 is not awaitable (expected a Task, a Future or a coroutine, got null)');
    expect(said(() => 1)).toMatch(/got a function \(call it to get a coroutine\)\)$/);
    expect(said(7)).toMatch(/got number 7\)$/);
    expect(said(undefined)).toMatch(/got undefined undefined\)$/);
  });

  it('checks its options object: only a boolean returnExceptions', () => {
    expect(
      errorOf(function* () {
        yield* gather(value(1, 0), { returnExceptions: 1 } as never);
      }).message,
    ).toBe('gather: returnExceptions must be a boolean, got number 1');
    expect(
      errorOf(function* () {
        yield* gather(value(1, 0), { returnExceptions: 'yes' } as never);
      }).message,
    ).toMatch(/must be a boolean, got string yes/);
    expect(
      errorOf(function* () {
        yield* gather(value(1, 0), { other: true } as never);
      }).message,
    ).toBe('gather: unknown option "other" (the only option is returnExceptions)');
    // an options object without a prototype counts too; an array or a class instance is an argument
    const { task } = runMain(function* () {
      const opts = Object.assign(Object.create(null) as object, { returnExceptions: true });
      return yield* gather(value(1, 0), failing(), opts as never);
    });
    expect(task.result()).toEqual([1, expect.any(RangeError)]);
    expect(
      errorOf(function* () {
        yield* gather(value(1, 0), [] as never);
      }).message,
    ).toMatch(/argument 1 is not awaitable .*got an object/);
    expect(
      errorOf(function* () {
        yield* gather(value(1, 0), new (class {})() as never);
      }).message,
    ).toMatch(/argument 1 is not awaitable/);
    // returnExceptions: false and undefined are the default
    expect(
      runMain(function* () {
        return yield* gather(value(1, 0), { returnExceptions: undefined });
      }).task.result(),
    ).toEqual([1]);
    expect(
      errorOf(function* () {
        yield* gather(failing(), { returnExceptions: false });
      }),
    ).toBeInstanceOf(RangeError);
  });

  it('accepts a plain future, waiting for it in a new task', () => {
    const { task } = runMain(function* () {
      const f = new Future<string>();
      getRunningLoop().callLater(3, () => f.setResult('f'));
      const g = gather(f, value(2, 1));
      // wrapped: the child is a new task, not the future itself (G1)
      expect(g.children[0]).toBeInstanceOf(Task);
      expect(g.children[0]).not.toBe(f);
      return yield* g;
    });
    expect(task.result()).toEqual(['f', 2]);
  });

  it('describes itself by its caller; cancelling a finished gather returns false', () => {
    runMain(function* () {
      const g = gather(value(1, 1));
      expect(g.describe()).toBe('gather in Task "main"');
      const pending = gather(value(2, 5));
      expect(pending.cancel()).toBe(true);
      expect(pending.cancel()).toBe(false);
      expect(pending.cancelled()).toBe(true);
      yield* g;
      expect(g.cancel()).toBe(false);
      expect(g.cancelled()).toBe(false);
    }).task.result();
  });
});

function* failing(): Coro<never> {
  yield* sleepMs(1);
  throw new RangeError('fail');
}

describe('timeout, waitFor, shield, sleep misuse', () => {
  it('timeout outside a task is an InvalidStateError; its TimeoutError names the time and the task', () => {
    const loop = new EventLoop();
    let error: unknown;
    loop.callLater(0, () => {
      try {
        timeout(5, value(1, 0)).next();
      } catch (e) {
        error = e;
      }
    });
    loop.runSync();
    expect(error).toEqual(new InvalidStateError('timeout() must be used inside a task'));
    expect(() => timeout(5, value(1, 0)).next()).toThrow(/^timeout\(\) must be called while a loop is running/);
    expect(() => timeout(-1, value(1, 0)).next()).toThrow(/^timeout: expected a finite number of milliseconds/);
    const e = errorOf(function* () {
      yield* timeout(5, value(1, 10));
    });
    expect(e).toEqual(new TimeoutError('the 5 ms timeout of Task "main" expired'));
  });

  it('waitFor checks its time; with 0 a pending future is cancelled and gives TimeoutError', () => {
    expect(() => waitFor(value(1, 0), -2).next()).toThrow(
      /^waitFor: expected a finite number of milliseconds >= 0, got -2/,
    );
    const e = errorOf(function* () {
      const f = new Future();
      return yield* waitFor(f, 0);
    });
    expect(e).toEqual(new TimeoutError('waitFor(…, 0): not done at once'));
    const done = runMain(function* () {
      const f = new Future<number>();
      f.setResult(8);
      return yield* waitFor(f, 0);
    });
    expect(done.task.result()).toBe(8);
    const failedAtOnce = errorOf(function* () {
      const f = new Future<number>();
      f.setException(new RangeError('r'));
      return yield* waitFor(f, 0);
    });
    expect(failedAtOnce).toBeInstanceOf(RangeError);
  });

  it('waitFor(…, 0) of a future that swallows nothing but fails on cancel keeps that exception', () => {
    // A task that catches the cancel and raises something else: not cancelled, so not a timeout.
    const e = errorOf(function* () {
      const t = createTask(
        (function* () {
          try {
            yield* sleepMs(5);
          } catch {
            throw new RangeError('instead');
          }
        })(),
      );
      yield* sleepMs(0); // t has started and sleeps
      return yield* waitFor(t, 0);
    });
    expect(e).toEqual(new RangeError('instead'));
  });

  it('a shield describes itself; shielding a failing task passes its exception on', () => {
    const { task } = runMain(function* () {
      const s = shield(failing());
      expect(s.describe()).toBe('shield');
      return yield* s;
    });
    expect(task.exception()).toEqual(new RangeError('fail'));
    expect(() => shield(value(1, 0))).toThrow(/^shield\(\) must be called while a loop is running/);
  });

  it('sleep takes seconds; its delay is checked in seconds', () => {
    const { loop } = runMain(function* () {
      yield* sleep(0.25);
    });
    expect(loop.now()).toBe(250);
    expect(
      errorOf(function* () {
        yield* sleep(-1);
      }).message,
    ).toBe('sleep: expected a finite number of seconds >= 0, got -1');
    expect(
      errorOf(function* () {
        yield* sleepMs(Infinity);
      }).message,
    ).toBe('sleepMs: expected a finite number of milliseconds >= 0, got Infinity');
    expect(() => sleepMs(1)).toThrow(/^sleepMs\(\) must be called/);
  });

  it('a sleep cancelled at its suspension runs the finally of the sleeping coroutine', () => {
    const steps: string[] = [];
    const loop = new EventLoop();
    const t = loop.createTask(
      (function* () {
        try {
          yield* sleepMs(10);
          steps.push('woke');
        } finally {
          steps.push('finally');
        }
      })(),
    );
    loop.callLater(3, () => t.cancel());
    loop.runSync();
    expect(steps).toEqual(['finally']);
    expect(loop.now()).toBe(3);
    expect(t.cancelled()).toBe(true);
  });
});

describe('run() misuse', () => {
  it('refuses a main that is neither a coroutine nor a function, and a main() returning neither', async () => {
    await expect(run(42 as never, { clock: new VirtualClock() })).rejects.toEqual(
      new TypeError('run(main): main must be a coroutine or a generator function'),
    );
    await expect(run((() => 42) as never, { clock: new VirtualClock() })).rejects.toThrow(
      /^run\(main\): main\(\) returned neither a coroutine nor a future/,
    );
  });

  it('main may return a future; the deadlock message names what main waits on', async () => {
    const f = new Future<number>();
    f.setResult(5);
    await expect(run(() => f, { clock: new VirtualClock() })).resolves.toBe(5);
    await expect(run(() => new Future(), { clock: new VirtualClock() })).rejects.toEqual(
      new DeadlockError('deadlock: main is still waiting on Future but the loop is idle (no task ready, no timer set)'),
    );
    const never = new Future();
    await expect(
      run(
        function* () {
          yield* createTask(
            (function* () {
              yield* never;
            })(),
            { name: 'stuck' },
          );
        },
        { clock: new VirtualClock() },
      ),
    ).rejects.toThrow(/^deadlock: main is still waiting on Task "stuck" but/);
  });

  it('without a clock, runs on real time (a zero sleep finishes)', async () => {
    await expect(
      run(function* () {
        yield* sleepMs(0);
        yield* sleepMs(1);
        return 'real';
      }),
    ).resolves.toBe('real');
  });

  it("shutdown (R1) waits for every leftover task to end, and resolves with main's value", async () => {
    const ended: string[] = [];
    const result = await run(
      function* () {
        for (const name of ['a', 'b']) {
          createTask(
            (function* () {
              try {
                yield* sleepMs(100);
              } finally {
                yield* sleepMs(name === 'a' ? 5 : 1); // cleanup that takes time
                ended.push(name);
              }
            })(),
          );
        }
        yield* sleepMs(1);
        return 'main';
      },
      { clock: new VirtualClock() },
    );
    expect(result).toBe('main');
    expect(ended).toEqual(['b', 'a']);
  });
});

describe('real clock', () => {
  it('runUntilIdle waits for timers on real time and keeps order', async () => {
    const loop = new EventLoop({ clock: new RealClock() });
    const order: string[] = [];
    loop.createTask(
      (function* () {
        yield* sleepMs(2);
        order.push('slept');
      })(),
    );
    loop.callLater(0, () => order.push('timer'));
    await loop.runUntilIdle();
    expect(order).toEqual(['timer', 'slept']);
    expect(() => loop.runSync()).toThrow(/needs a VirtualClock/);
  });

  it('rejects when a step throws out of the loop, and reports unretrieved exceptions at the end', async () => {
    const errors: unknown[] = [];
    const loop = new EventLoop({ clock: new RealClock(), onUnhandled: (e) => errors.push(e) });
    loop.createTask(failing());
    await loop.runUntilIdle();
    expect(errors).toEqual([new RangeError('fail')]);
    const throwing = new EventLoop({
      clock: new RealClock(),
      onUnhandled: () => {
        throw new Error('handler');
      },
    });
    throwing.createTask(failing());
    await expect(throwing.runUntilIdle()).rejects.toThrow('handler');
    const twice = new EventLoop({ clock: new RealClock() });
    twice.createTask(value(1, 1));
    const first = twice.runUntilIdle();
    await expect(twice.runUntilIdle()).rejects.toThrow(new InvalidStateError('the loop is already running'));
    await first;
    await expect(twice.runUntilIdle()).resolves.toBeUndefined(); // running again once idle
  });

  it('a task that keeps yielding does not starve a due timer (timers join after a batch of steps)', async () => {
    const loop = new EventLoop({ clock: new RealClock() });
    let spins = 0;
    let fired = -1;
    loop.callLater(0, () => (fired = spins));
    loop.createTask(
      (function* () {
        while (fired < 0 && spins < 100_000) {
          spins++;
          yield* sleepMs(0);
        }
      })(),
    );
    await loop.runUntilIdle();
    expect(fired).toBeGreaterThanOrEqual(0);
    expect(spins).toBeLessThan(100_000);
  });
});

describe('more edges', () => {
  it('createTask() and currentTask() outside a loop name themselves; a coroutine needs next, throw and return', () => {
    expect(() => createTask(value(1, 0))).toThrow(/^createTask\(\) must be called while a loop is running/);
    expect(() => currentTask()).toThrow(/^currentTask\(\) must be called while a loop is running/);
    expect(() => gather()).toThrow(/^gather\(\) must be called while a loop is running/);
    const loop = new EventLoop();
    const f = () => {};
    for (const partial of [
      { next: f, return: f },
      { throw: f, return: f },
      { next: f, throw: f },
      { next: f, throw: 1, return: f },
    ]) {
      expect(() => loop.createTask(partial as never)).toThrow(
        /createTask expects a coroutine \(a generator object\), got an object/,
      );
    }
    expect(() => loop.createTask({ next: f, throw: f, return: f } as never)).not.toThrow();
  });

  it('a callLater handle: its deadline; cancel is true once, false after it ran; a fired timer cancelled before it runs does not run', () => {
    const loop = new EventLoop({ clock: new VirtualClock(2) });
    const ran: string[] = [];
    const a = loop.callLater(5, () => {
      ran.push('a');
      // b fired too (same deadline) and waits in the ready queue (asserted outside: a callback's error is reported)
      ran.push(`cancel b ${b.cancel()} ${b.cancel()}`);
    });
    const b = loop.callLater(5, () => ran.push('b'));
    const c = loop.callLater(1, () => ran.push('c'));
    expect([a.deadline, b.deadline, c.deadline]).toEqual([7, 7, 3]);
    expect(c.cancel()).toBe(true);
    expect(c.cancel()).toBe(false);
    loop.runSync();
    expect(ran).toEqual(['a', 'cancel b true false']);
    expect(a.cancel()).toBe(false); // it ran
  });

  it('a handler that throws on a callback error makes runUntilIdle reject (real clock) and runSync throw', async () => {
    const handlerError = new Error('handler');
    const options = {
      onUnhandled: () => {
        throw handlerError;
      },
    };
    const real = new EventLoop({ clock: new RealClock(), ...options });
    real.callLater(0, () => {
      throw new Error('cb');
    });
    await expect(real.runUntilIdle()).rejects.toBe(handlerError);
    const virtual = new EventLoop(options);
    virtual.callLater(0, () => {
      throw new Error('cb');
    });
    await expect(virtual.runUntilIdle()).rejects.toBe(handlerError);
  });

  it('a task that cancelled itself cancels the future it then awaits, and ends cancelled', () => {
    const f = new Future();
    const { task } = runMain(function* () {
      (currentTask() as Task<unknown>).cancel();
      yield* f;
    });
    expect(f.cancelled()).toBe(true);
    expect(task.cancelled()).toBe(true);
  });

  it('a sleep stepped as a coroutine of its own follows the generator protocol: return() ends it, before or after its one suspension', () => {
    // (createTask(sleepMs(n)) and gather(sleepMs(n)) step the object itself; `yield*` takes a shared iterator instead)
    runMain(function* () {
      const fresh = sleepMs(5);
      expect(fresh.return(undefined)).toEqual({ value: undefined, done: true });
      expect(fresh.next()).toEqual({ value: undefined, done: true });
      const used = sleepMs(6);
      expect(used.next()).toEqual({ value: 6, done: false });
      expect(used.next()).toEqual({ value: undefined, done: true });
      const thrown = sleepMs(7);
      expect(() => thrown.throw(new RangeError('in'))).toThrow('in');
      expect(thrown.next()).toEqual({ value: undefined, done: true });
      yield* sleepMs(0);
    }).task.result();
  });

  it('a coroutine passed twice after another argument is wrapped once (G1)', () => {
    const { task } = runMain(function* () {
      const c = value('c', 2);
      const d = value('d', 1);
      return yield* gather(value(0, 1), c, d, c, d);
    });
    expect(task.result()).toEqual([0, 'c', 'd', 'c', 'd']);
  });
});

describe('run() details', () => {
  it('runs on the clock it is given', async () => {
    const clock = new VirtualClock(100);
    const seen = await run(
      function* () {
        yield* sleepMs(3_600_000); // an hour: instant on a virtual clock
        return [getRunningLoop().clock, getRunningLoop().now()] as const;
      },
      { clock },
    );
    expect(seen).toEqual([clock, 3_600_100]);
  });

  it('drops timers nobody waits for once main and the tasks left have ended (R1)', async () => {
    const fired: string[] = [];
    await run(
      function* () {
        getRunningLoop().callLater(1000, () => fired.push('alone'));
        return 1;
      },
      { clock: new VirtualClock() },
    );
    await run(
      function* () {
        getRunningLoop().callLater(1000, () => fired.push('with a task'));
        createTask(sleepMs(100));
        createTask(sleepMs(200));
        return 2;
      },
      { clock: new VirtualClock() },
    );
    expect(fired).toEqual([]);
  });
});

describe('shield outcomes', () => {
  it('gives the shielded task’s value; a shield cancelled from inside (SH2) is cancelled, not just failed', () => {
    expect(
      runMain(function* () {
        return yield* shield(value(5, 1));
      }).task.result(),
    ).toBe(5);
    let s: Future<unknown> | undefined;
    const { task } = runMain(function* () {
      const inner = createTask(value(6, 10));
      s = shield(inner);
      getRunningLoop().callLater(2, () => inner.cancel());
      return yield* s;
    });
    expect(s!.cancelled()).toBe(true);
    expect(task.cancelled()).toBe(true);
  });
});

describe('timeout bookkeeping', () => {
  it('a timeout that did not expire takes back no cancel request of the task (only its own, TO4)', () => {
    const { task } = runMain(function* () {
      const me = currentTask() as Task<unknown>;
      me.cancel();
      try {
        yield* sleepMs(1);
      } catch {
        // swallowed: the request still counts (cancelling() = 1), as asyncio
      }
      const before = me.cancelling();
      const v = yield* timeout(10, value('in time', 2));
      return [before, v, me.cancelling()];
    });
    expect(task.result()).toEqual([1, 'in time', 1]);
  });

  it('waitFor(…, 0) outside a loop names itself', () => {
    expect(() => waitFor(value(1, 0), 0).next()).toThrow(/^waitFor\(\) must be called while a loop is running/);
  });
});

describe('cancel details', () => {
  it('cancelling a task that awaits a task returns true (the cancel is forwarded, T4g)', () => {
    runMain(function* () {
      const inner = createTask(value(1, 10));
      const outer = createTask(
        (function* () {
          return yield* inner;
        })(),
      );
      yield* sleepMs(1);
      expect(outer.cancel()).toBe(true);
      yield* sleepMs(1);
      expect([inner.cancelled(), outer.cancelled()]).toEqual([true, true]);
    }).task.result();
  });

  it('a task that swallowed a cancel sleeps again normally (the cancel is not delivered twice)', () => {
    const loop = new EventLoop();
    const t = loop.createTask(
      (function* () {
        try {
          yield* sleepMs(10);
        } catch {
          // swallowed
        }
        yield* sleepMs(5);
        return 'slept again';
      })(),
    );
    loop.callLater(2, () => t.cancel());
    loop.runSync();
    expect(t.result()).toBe('slept again');
    expect(loop.now()).toBe(7);
  });

  it('messages: another loop’s task (T7), a bad yield, a self-cancel that returns (T4h)', () => {
    const other = new EventLoop().createTask(value(1, 0), { name: 'elsewhere' });
    expect(
      errorOf(function* () {
        yield* other;
      }).message,
    ).toBe('Task "main" awaits Task "elsewhere", a task of another event loop (T7)');
    expect(
      errorOf(function* () {
        yield true as never;
      }).message,
    ).toBe('Task "main" yielded boolean true; await with yield* (yield* sleepMs(ms), yield* task, yield* gather(...))');
    expect(
      errorOf(function* () {
        (currentTask() as Task<unknown>).cancel();
        return 1;
      }).message,
    ).toBe('Task "main" was cancelled');
  });

  it('reports each unretrieved exception once, even when the loop goes idle again later', () => {
    const reported: unknown[] = [];
    const loop = new EventLoop({ onUnhandled: (e, t) => reported.push([e, t?.name]) });
    loop.createTask(failing(), { name: 'f' });
    loop.runSync();
    loop.createTask(value(1, 1));
    loop.runSync();
    expect(reported).toEqual([[new RangeError('fail'), 'f']]);
  });
});

describe('real clock, run()', () => {
  it('stops once main and its tasks have ended (timers nobody waits for are dropped) and leaves no running loop', async () => {
    const fired: string[] = [];
    const result = await run(
      function* () {
        // 400 ms: far beyond main's 1 ms sleep even on a loaded machine (30 ms flaked under load)
        getRunningLoop().callLater(400, () => fired.push('late'));
        yield* sleepMs(1);
        return 'done';
      },
      { clock: new RealClock() },
    );
    expect(result).toBe('done');
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(fired).toEqual([]);
    expect(getRunningLoopOrNone()).toBe(null);
  });
});
