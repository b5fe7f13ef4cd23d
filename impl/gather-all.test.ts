// gatherAll: gather of an array or other iterable (no argument-count limit), its checks, and that it is gather.
import { describe, expect, it } from 'vitest';
import { EventLoop, gather, gatherAll, NoRunningLoopError, sleepMs, VirtualClock, type Coro } from './index.ts';
import { runVirtual } from '../test/virtual-run.ts';

function* later<T>(ms: number, value: T): Coro<T> {
  yield* sleepMs(ms);
  return value;
}

function* fails(ms: number): Coro<never> {
  yield* sleepMs(ms);
  throw new RangeError('no');
}

describe('gatherAll', () => {
  it('is gather over the iterable: results in order, the same events, returnExceptions', () => {
    const spread = runVirtual(function* () {
      return yield* gather(later(30, 'a'), later(10, 'b'), fails(20), { returnExceptions: true });
    });
    const array = runVirtual(function* () {
      return yield* gatherAll([later(30, 'a'), later(10, 'b'), fails(20)], { returnExceptions: true });
    });
    expect(array.main.result()).toEqual(['a', 'b', new RangeError('no')]);
    expect(array.trace).toEqual(spread.trace);
    const raised = runVirtual(function* () {
      return yield* gatherAll([later(30, 'a'), fails(20)]);
    });
    expect(raised.main.exception()).toEqual(new RangeError('no'));
  });

  it('reads any iterable once (a generator object is a coroutine, not an iterable of them) and leaves an array as it was', () => {
    const children = [later(5, 1), later(1, 2)];
    const copy = [...children];
    const run = runVirtual(function* () {
      const fromArray = yield* gatherAll(children);
      const fromSet = yield* gatherAll(new Set([later(2, 'x'), later(1, 'y')]));
      const fromIterator = yield* gatherAll(new Map([0, 1, 2].map((i) => [i, later(3 - i, i)])).values());
      const empty = yield* gatherAll([]);
      return [fromArray, fromSet, fromIterator, empty];
    });
    expect(run.main.result()).toEqual([[1, 2], ['x', 'y'], [0, 1, 2], []]);
    expect(children).toEqual(copy);
  });

  it('takes more children than a call can take arguments (2·10^5)', () => {
    const n = 200_000;
    const loop = new EventLoop({ clock: new VirtualClock() });
    function* child(i: number): Coro<number> {
      yield* sleepMs(0);
      return i;
    }
    function* main(): Coro<number> {
      const results = yield* gatherAll(Array.from({ length: n }, (_, i) => child(i)));
      return results.length + results[n - 1]!;
    }
    const task = loop.createTask(main());
    loop.runSync();
    expect(task.result()).toBe(2 * n - 1);
  });

  it('refuses what is not an iterable of awaitables, bad options, and a call outside a task or a loop', () => {
    const run = runVirtual(function* () {
      const errors: string[] = [];
      for (const bad of [
        () => gatherAll(5 as never),
        () => gatherAll(null as never),
        () => gatherAll(later(1, 'x') as never),
        () => gatherAll([later(1, 'x')], 'fast' as never),
        () => gatherAll([later(1, 'x')], { returnExceptions: 1 } as never),
        () => gatherAll([later(1, 'x')], { fast: true } as never),
        () => gatherAll([5] as never),
      ]) {
        try {
          bad();
          errors.push('no error');
        } catch (error) {
          errors.push(`${(error as Error).name}: ${(error as Error).message}`);
        }
      }
      return errors;
    });
    expect(run.main.result()).toEqual([
      'TypeError: gatherAll expects an array or another iterable of awaitables, got number 5',
      'TypeError: gatherAll expects an array or another iterable of awaitables, got null',
      'TypeError: gatherAll expects an array or another iterable of awaitables, got a single awaitable (use gather)',
      'TypeError: gatherAll: options must be an object, got string fast',
      'TypeError: gather: returnExceptions must be a boolean, got number 1',
      'TypeError: gather: unknown option "fast" (the only option is returnExceptions)',
      'TypeError: gather: argument 0 is not awaitable (expected a Task, a Future or a coroutine, got number 5)',
    ]);
    expect(() => gatherAll([])).toThrow(NoRunningLoopError);
    expect(() => gatherAll([])).toThrow(/gatherAll\(\)/);
  });
});
