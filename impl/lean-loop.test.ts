// The loop's memory savings keep behaviour: shared sleep iterators, a task's waiting state kept in Future's fields,
// the created-task list (allTasks) past its pruning threshold.
import { describe, expect, it } from 'vitest';
import { type Coro, createTask, currentTask, Future, gather, sleepMs, type Task } from './index.ts';
import { runVirtual } from '../test/virtual-run.ts';

function* nap(ms: number, log: string[], name: string): Coro<string> {
  yield* sleepMs(ms);
  log.push(`${name}@${currentTask()!._loop.now()}`);
  return name;
}

describe('sleeps share one iterator per delay', () => {
  it('tasks sleeping different delays, asked for in turn, each wake at their own deadline', () => {
    const log: string[] = [];
    const run = runVirtual(function* () {
      // 5, 10, 5, 0, 10: the shared iterator of a delay is replaced while tasks still sleep on the one before.
      return yield* gather(nap(5, log, 'a'), nap(10, log, 'b'), nap(5, log, 'c'), nap(0, log, 'd'), nap(10, log, 'e'));
    });
    expect(run.main.result()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(log).toEqual(['d@0', 'a@5', 'c@5', 'b@10', 'e@10']);
  });

  it('one task sleeping twice in a row sleeps twice (the resume ends only the sleep it suspended in)', () => {
    const run = runVirtual(function* () {
      yield* sleepMs(3);
      yield* sleepMs(3);
      yield* sleepMs(0);
      return currentTask()!._loop.now();
    });
    expect(run.main.result()).toBe(6);
  });

  it('a sleep object awaited a second time does not suspend again', () => {
    const run = runVirtual(function* () {
      const s = sleepMs(4);
      yield* s;
      yield* s;
      return currentTask()!._loop.now();
    });
    expect(run.main.result()).toBe(4);
  });

  it('a task cancelled in a sleep can sleep again in its cleanup', () => {
    let sleeper!: Task<number>;
    const run = runVirtual(function* () {
      sleeper = createTask(
        (function* (): Coro<number> {
          try {
            yield* sleepMs(100);
            return -1;
          } catch {
            yield* sleepMs(100); // the same delay: the same shared iterator as the cancelled sleep
            return currentTask()!._loop.now();
          }
        })(),
      );
      yield* sleepMs(1);
      sleeper.cancel();
      return yield* sleeper;
    });
    expect(run.main.result()).toBe(101);
  });
});

describe("a pending task's waiting state", () => {
  it('doneOrder stays 0 while a task sleeps, and orders completions once done', () => {
    let orders: number[] = [];
    const run = runVirtual(function* () {
      const a = createTask(nap(2, [], 'a'));
      const b = createTask(nap(1, [], 'b'));
      yield* sleepMs(0);
      orders = [a.doneOrder, b.doneOrder]; // both asleep in the timer queue
      yield* gather(a, b);
      return b.doneOrder < a.doneOrder;
    });
    expect(orders).toEqual([0, 0]);
    expect(run.main.result()).toBe(true);
  });

  it('a task that slept, then awaits a future, forwards a cancel to that future (T4e)', () => {
    const future = new Future<number>();
    let waiter!: Task<number>;
    const run = runVirtual(function* () {
      waiter = createTask(
        (function* (): Coro<number> {
          yield* sleepMs(5);
          return yield* future;
        })(),
      );
      yield* sleepMs(6);
      waiter.cancel();
      yield* sleepMs(0);
      return future.cancelled();
    });
    expect(run.main.result()).toBe(true);
    expect(waiter.cancelled()).toBe(true);
  });
});

describe('allTasks past the pruning threshold', () => {
  it('lists exactly the live tasks in creation order after thousands finished', () => {
    let names: string[] = [];
    runVirtual(function* () {
      const keep = [createTask(nap(50, [], 'k'), { name: 'keep-0' })];
      for (let round = 1; round <= 3; round++) {
        const done: Coro<number>[] = [];
        for (let i = 0; i < 1500; i++)
          done.push(
            (function* (): Coro<number> {
              return i;
            })(),
          );
        yield* gather(...done);
        keep.push(createTask(nap(50, [], 'k'), { name: `keep-${round}` }));
      }
      names = currentTask()!
        ._loop.allTasks()
        .map((t) => t.name);
    });
    expect(names).toEqual(['main', 'keep-0', 'keep-1', 'keep-2', 'keep-3']);
  });
});
