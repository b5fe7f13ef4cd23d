// Cancellation rules (docs/rules.md T4): before start, during a sleep, swallow, cleanup, finally, finished, self.
import { describe, expect, it } from 'vitest';
import {
  CancelledError,
  createTask,
  currentTask,
  Future,
  getRunningLoop,
  sleepMs,
  type Coro,
  type Task,
} from './index.ts';
import { eventsOf, runVirtual } from '../test/virtual-run.ts';

describe('cancellation', () => {
  it('a task cancelled before its first step never runs its body and ends cancelled without `started` (T4a)', () => {
    let ran = false;
    let child!: Task<void>;
    let returned: boolean | undefined;
    const run = runVirtual(function* () {
      child = createTask(
        (function* (): Coro<void> {
          ran = true;
        })(),
        { name: 'child' },
      );
      returned = child.cancel();
    });
    expect(returned).toBe(true);
    expect(ran).toBe(false);
    expect(child.cancelled()).toBe(true);
    expect(eventsOf(run, 'child')).toEqual(['created', 'cancel-requested', 'cancelled']);
  });

  it('cancelling a sleeping task throws CancelledError at the sleep at once and removes its timer (T4c)', () => {
    let caughtAt = -1;
    const run = runVirtual(
      function* () {
        try {
          yield* sleepMs(1000);
        } catch (e) {
          if (e instanceof CancelledError) caughtAt = getRunningLoop().now();
          throw e;
        }
      },
      (loop, main) => loop.callLater(30, () => main.cancel()),
    );
    expect(caughtAt).toBe(30);
    expect(run.main.cancelled()).toBe(true);
    expect(run.loop.now()).toBe(30); // the removed 1000 ms timer does not keep the loop alive
    expect(eventsOf(run, 'main').slice(-3)).toEqual(['cancel-requested', 'resumed', 'cancelled']);
  });

  it('a coroutine may swallow the CancelledError and return a value', () => {
    const run = runVirtual(
      function* () {
        try {
          yield* sleepMs(100);
          return 'slept';
        } catch {
          return 'swallowed';
        }
      },
      (loop, main) => loop.callLater(10, () => main.cancel()),
    );
    expect(run.main.cancelled()).toBe(false);
    expect(run.main.result()).toBe('swallowed');
  });

  it('cleanup after a cancel can itself be cancelled by a second, new request', () => {
    let cleanupDone = false;
    let second: boolean | undefined;
    const run = runVirtual(
      function* () {
        try {
          yield* sleepMs(100);
        } catch (e) {
          yield* sleepMs(50); // cleanup
          cleanupDone = true;
          throw e;
        }
      },
      (loop, main) => {
        loop.callLater(10, () => main.cancel());
        loop.callLater(20, () => (second = main.cancel()));
      },
    );
    expect(second).toBe(true);
    expect(cleanupDone).toBe(false);
    expect(run.main.cancelled()).toBe(true);
    expect(run.loop.now()).toBe(20);
    expect(eventsOf(run, 'main').filter((e) => e === 'cancel-requested')).toHaveLength(2);
  });

  it('a second cancel while one is pending returns true and emits nothing', () => {
    const returned: boolean[] = [];
    const run = runVirtual(
      function* () {
        yield* sleepMs(100);
      },
      (loop, main) =>
        loop.callLater(10, () => {
          returned.push(main.cancel(), main.cancel());
        }),
    );
    expect(returned).toEqual([true, true]);
    expect(eventsOf(run, 'main').filter((e) => e === 'cancel-requested')).toHaveLength(1);
  });

  it('finally blocks run when a task is cancelled', () => {
    const log: string[] = [];
    runVirtual(
      function* () {
        try {
          yield* sleepMs(100);
        } finally {
          log.push(`finally@${currentTask()?.name}`);
        }
      },
      (loop, main) => loop.callLater(10, () => main.cancel()),
    );
    expect(log).toEqual(['finally@main']);
  });

  it('cancel on a finished task returns false and emits nothing', () => {
    let child!: Task<number>;
    let returned: boolean | undefined;
    const run = runVirtual(function* () {
      child = createTask(
        (function* (): Coro<number> {
          return 1;
        })(),
        { name: 'child' },
      );
      yield* sleepMs(10);
      returned = child.cancel();
    });
    expect(returned).toBe(false);
    expect(child.result()).toBe(1);
    expect(eventsOf(run, 'child')).toEqual(['created', 'started', 'returned']);
  });

  it('a task woken and waiting in the ready queue receives CancelledError instead of its value (T4b)', () => {
    let child!: Task<string>;
    let seen = '';
    let doneBeforeCancel: boolean | undefined;
    let returned: boolean | undefined;
    const run = runVirtual(function* () {
      const waiter = createTask(
        (function* (): Coro<void> {
          try {
            seen = yield* child;
          } catch (e) {
            seen = e instanceof CancelledError ? 'cancelled' : 'other';
          }
        })(),
        { name: 'waiter' },
      );
      child = createTask(
        (function* (): Coro<string> {
          yield* sleepMs(0);
          return 'value';
        })(),
        { name: 'child' },
      );
      yield* sleepMs(0); // waiter suspends on child
      yield* sleepMs(0); // child returns and wakes waiter, queued behind main
      doneBeforeCancel = child.done();
      returned = waiter.cancel();
    });
    expect(doneBeforeCancel).toBe(true);
    expect(returned).toBe(true);
    expect(child.result()).toBe('value');
    expect(seen).toBe('cancelled');
    expect(run.unhandled).toEqual([]);
  });

  it('a task cancelling itself gets CancelledError at its next suspension, without `suspended` (T4f)', () => {
    let caught = false;
    const run = runVirtual(function* () {
      currentTask()!.cancel();
      try {
        yield* sleepMs(100);
      } catch (e) {
        caught = e instanceof CancelledError;
      }
      return 'after';
    });
    expect(caught).toBe(true);
    expect(run.main.result()).toBe('after');
    expect(run.loop.now()).toBe(0);
    expect(eventsOf(run, 'main')).toEqual(['created', 'started', 'cancel-requested', 'resumed', 'returned']);
  });

  it('cancelling a task that awaits a task forwards the cancel inward', () => {
    let inner!: Task<void>;
    const run = runVirtual(
      function* () {
        inner = createTask(
          (function* (): Coro<void> {
            yield* sleepMs(1000);
          })(),
          { name: 'inner' },
        );
        yield* inner;
      },
      (loop, main) => loop.callLater(10, () => main.cancel()),
    );
    expect(inner.cancelled()).toBe(true);
    expect(run.main.cancelled()).toBe(true);
    expect(run.loop.now()).toBe(10);
  });

  it('cancelling a task that waits on a future that never resolves wakes it with CancelledError (T4e)', () => {
    const run = runVirtual(
      function* () {
        yield* new Future<void>();
      },
      (loop, main) => loop.callLater(5, () => main.cancel()),
    );
    expect(run.main.cancelled()).toBe(true);
    expect(run.loop.now()).toBe(5);
  });
});
