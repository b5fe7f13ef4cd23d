// Timeouts and shield (docs/rules.md TO1–TO5, SH1–SH3), each case as asyncio (3.11 timeout(), 3.12 wait_for) does it.
import { describe, expect, it } from 'vitest';
import {
  CancelledError,
  type Coro,
  createTask,
  currentTask,
  type Future,
  gather,
  getRunningLoop,
  shield,
  sleepMs,
  type Task,
  timeout,
  TimeoutError,
  waitFor,
} from './index.ts';
import { runVirtual } from '../test/virtual-run.ts';

const now = (): number => getRunningLoop('now').now();

/** Sleeps `ms` then returns `v`; when cancelled, logs it, cleans up for `cleanupMs` and re-raises. */
function* slow<T>(v: T, ms: number, log: string[], cleanupMs = 0): Coro<T> {
  try {
    yield* sleepMs(ms);
    return v;
  } catch (e) {
    log.push('inner cancelled');
    if (cleanupMs > 0) {
      yield* sleepMs(cleanupMs);
      log.push('cleanup done');
    }
    throw e;
  }
}

function* swallowing(ms: number): Coro<string> {
  try {
    yield* sleepMs(ms);
    return 'slept';
  } catch {
    return 'swallowed';
  }
}

/** What a coroutine ends with, as a short string: the value, or the error's name. */
function* outcome(body: Coro<unknown> | Future<unknown>): Coro<string> {
  try {
    return String(yield* body);
  } catch (e) {
    return (e as Error).name;
  }
}

describe('timeout(ms, body) (TO1–TO4)', () => {
  it('a body still running at the deadline is cancelled; TimeoutError comes once its cleanup has ended', () => {
    const log: string[] = [];
    let got = '';
    runVirtual(function* () {
      got = yield* outcome(timeout(50, slow(1, 200, log, 30)));
      log.push(`after at ${now()}`);
    });
    expect(got).toBe('TimeoutError');
    expect(log).toEqual(['inner cancelled', 'cleanup done', 'after at 80']);
  });

  it('a body that ends first gives its value and the deadline is dropped (the loop does not wait for it)', () => {
    let got = '';
    const run = runVirtual(function* () {
      got = yield* outcome(timeout(100, slow('v', 30, [])));
    });
    expect(got).toBe('v');
    expect(run.loop.now()).toBe(30);
  });

  it('an outer cancel inside a timeout stays a CancelledError, not a TimeoutError (TO3)', () => {
    const log: string[] = [];
    let got = '';
    runVirtual(function* () {
      const t = createTask(timeout(100, slow(1, 1000, log)));
      yield* sleepMs(20);
      t.cancel();
      got = yield* outcome(t);
    });
    expect(log).toEqual(['inner cancelled']);
    expect(got).toBe('CancelledError');
  });

  it('an outer cancel arriving while the expired body cleans up also stays a CancelledError (TO3)', () => {
    let got = '';
    runVirtual(function* () {
      const t = createTask(timeout(50, slow(1, 1000, [], 30)));
      yield* sleepMs(60); // expired at 50, cleaning up until 80
      t.cancel();
      got = yield* outcome(t);
    });
    expect(got).toBe('CancelledError');
  });

  it('a body that swallows the cancel and returns gives its value (TO4), and the task is not left cancelling', () => {
    let got = '';
    let requests = -1;
    runVirtual(function* () {
      const t: Task<string> = createTask(
        (function* (): Coro<string> {
          const v = yield* timeout(50, swallowing(1000));
          requests = currentTask()!.cancelling();
          return v;
        })(),
      );
      got = yield* outcome(t);
    });
    expect(got).toBe('swallowed');
    expect(requests).toBe(0);
  });

  it('a timeout around a gather cancels the gather, and so its children (G6)', () => {
    const log: string[] = [];
    let got = '';
    const run = runVirtual(function* () {
      got = yield* outcome(timeout(50, gather(slow(0, 1000, log), slow(1, 1000, log))));
    });
    expect(got).toBe('TimeoutError');
    expect(log).toEqual(['inner cancelled', 'inner cancelled']);
    expect(run.loop.now()).toBe(50);
  });

  it('the deadline fires before a timer the body sets for the same instant (TO1: set first)', () => {
    let got = '';
    runVirtual(function* () {
      got = yield* outcome(timeout(50, slow('on time', 50, [])));
    });
    expect(got).toBe('TimeoutError');
  });

  it('timeout of a task awaits it: the expiry cancels that task through the await (T4g)', () => {
    let inner!: Task<number>;
    let got = '';
    runVirtual(function* () {
      inner = createTask(slow(1, 1000, []));
      got = yield* outcome(timeout(10, inner));
    });
    expect(got).toBe('TimeoutError');
    expect(inner.cancelled()).toBe(true);
  });
});

describe('waitFor(aw, ms) (TO5, asyncio 3.12)', () => {
  it('gives the value when in time, TimeoutError after the cleanup otherwise', () => {
    const log: string[] = [];
    const got: string[] = [];
    runVirtual(function* () {
      got.push(yield* outcome(waitFor(slow('a', 20, log), 100)));
      got.push(yield* outcome(waitFor(slow('b', 200, log, 30), 50)));
    });
    expect(got).toEqual(['a', 'TimeoutError']);
    expect(log).toEqual(['inner cancelled', 'cleanup done']);
  });

  it('ms = 0: a coroutine never runs and gives TimeoutError; a finished task gives its value', () => {
    let ran = false;
    const got: string[] = [];
    runVirtual(function* () {
      got.push(
        yield* outcome(
          waitFor(
            (function* (): Coro<number> {
              ran = true;
              return 1;
            })(),
            0,
          ),
        ),
      );
      const done = createTask(slow('done', 0, []));
      yield* sleepMs(1);
      got.push(yield* outcome(waitFor(done, 0)));
    });
    expect(ran).toBe(false);
    expect(got).toEqual(['TimeoutError', 'done']);
  });

  it("ms = 0: a task that already ended cancelled gives its CancelledError, not TimeoutError (a done future's result)", () => {
    const got: string[] = [];
    runVirtual(function* () {
      const t = createTask(slow('x', 10, []));
      yield* sleepMs(1);
      t.cancel();
      yield* sleepMs(1);
      got.push(String(t.cancelled()));
      got.push(yield* outcome(waitFor(t, 0)));
    });
    expect(got).toEqual(['true', 'CancelledError']);
  });

  it('refuses a negative or NaN time', () => {
    const got: string[] = [];
    runVirtual(function* () {
      got.push(yield* outcome(waitFor(slow(1, 1, []), -1)));
      got.push(yield* outcome(timeout(Number.NaN, slow(1, 1, []))));
    });
    expect(got).toEqual(['RangeError', 'RangeError']);
  });
});

describe('shield(aw) (SH1–SH3)', () => {
  it('cancelling the awaiter gives it CancelledError at once; the shielded task runs to its end', () => {
    const log: string[] = [];
    let inner!: Task<number>;
    let got = '';
    runVirtual(function* () {
      inner = createTask(
        (function* (): Coro<number> {
          yield* sleepMs(200);
          log.push(`shielded finished at ${now()}`);
          return 7;
        })(),
      );
      const waiter = createTask(shieldAwait(inner));
      yield* sleepMs(50);
      waiter.cancel();
      got = yield* outcome(waiter);
      log.push(`waiter ${got} at ${now()}`);
    });
    expect(log).toEqual(['waiter CancelledError at 50', 'shielded finished at 200']);
    expect(inner.result()).toBe(7);
  });

  it('an exception of the shielded task after its shield was cancelled is reported as unhandled, once', () => {
    const run = runVirtual(function* () {
      const waiter = createTask(
        shieldAwait(
          createTask(
            (function* (): Coro<number> {
              yield* sleepMs(100);
              throw new RangeError('late');
            })(),
            { name: 'shielded' },
          ),
        ),
      );
      yield* sleepMs(10);
      waiter.cancel();
      yield* outcome(waiter);
    });
    expect(run.unhandled.map((u) => u.task)).toEqual(['shielded']);
  });

  it('the shielded thing cancelled by someone else cancels the shield (SH2); a done one is returned as is (SH3)', () => {
    let got = '';
    let same = false;
    runVirtual(function* () {
      const inner = createTask(slow(1, 100, []));
      const waiter = createTask(shieldAwait(inner));
      yield* sleepMs(10);
      inner.cancel();
      got = yield* outcome(waiter);
      same = shield(inner) === inner;
    });
    expect(got).toBe('CancelledError');
    expect(same).toBe(true);
  });

  it('a coroutine given to shield is wrapped into a task, which keeps running when the awaiter is cancelled', () => {
    const log: string[] = [];
    runVirtual(function* () {
      const waiter = createTask(
        (function* (): Coro<number> {
          return yield* shield(slow(1, 100, log));
        })(),
      );
      yield* sleepMs(10);
      waiter.cancel();
      yield* outcome(waiter);
      yield* sleepMs(200);
    });
    expect(log).toEqual([]); // never cancelled
  });
});

function* shieldAwait<T>(task: Task<T>): Coro<T> {
  return yield* shield(task);
}

it('CancelledError and TimeoutError are distinct classes', () => {
  expect(new TimeoutError()).not.toBeInstanceOf(CancelledError);
});
