// What counts as a coroutine, and that both kinds are stepped right: native generators through %GeneratorPrototype%'s
// methods (no lookup on the object), other iterator objects through their own next/throw/return.
import { describe, expect, it } from 'vitest';
import {
  ITERATOR_COROUTINE,
  NATIVE_GENERATOR,
  NOT_A_COROUTINE,
  type Coro,
  type Suspension,
  coroutineKind,
  isCoroutine,
} from './coro.ts';
import { CancelledError } from './errors.ts';
import { EventLoop } from './event-loop.ts';
import { gather } from './gather.ts';
import { sleepMs } from './sleep.ts';

/** A coroutine written by hand: yields `ms` once, then returns `value`; records what the loop called. */
function handWritten(ms: number, value: string, calls: string[]): Coro<string> {
  let step = 0;
  const coro = {
    next(): IteratorResult<Suspension, string> {
      calls.push('next');
      return step++ === 0 ? { value: ms, done: false } : { value, done: true };
    },
    throw(error: unknown): IteratorResult<Suspension, string> {
      calls.push('throw');
      throw error;
    },
    return(): IteratorResult<Suspension, string> {
      calls.push('return');
      return { value: undefined as unknown as string, done: true };
    },
    [Symbol.iterator]() {
      return coro;
    },
  };
  return coro as unknown as Coro<string>;
}

describe('coroutineKind', () => {
  it('tells native generators, other iterator objects and non-coroutines apart', () => {
    function* g(): Coro<number> {
      return 1;
    }
    const makeClosureGenerator = () =>
      function* inner(): Coro<number> {
        return 2;
      };
    expect(coroutineKind(g())).toBe(NATIVE_GENERATOR);
    expect(coroutineKind(makeClosureGenerator()())).toBe(NATIVE_GENERATOR);
    expect(coroutineKind(handWritten(0, 'x', []))).toBe(ITERATOR_COROUTINE);
    for (const v of [null, undefined, 3, 'gen', () => 1, {}, { next() {} }, g])
      expect(coroutineKind(v)).toBe(NOT_A_COROUTINE);
    expect(isCoroutine(g())).toBe(true);
    expect(isCoroutine({ next() {} })).toBe(false);
  });
});

describe('stepping both kinds', () => {
  it('runs generators of many generator functions (closures) and hand-written coroutines in one gather', () => {
    const loop = new EventLoop();
    const calls: string[] = [];
    const makers = Array.from(
      { length: 8 },
      (_, k) =>
        function* child(): Coro<string> {
          yield* sleepMs(k);
          return `g${k}`;
        },
    );
    let results: unknown[] = [];
    function* main(): Coro<void> {
      results = yield* gather(...makers.map((m) => m()), handWritten(3, 'hand', calls));
    }
    const task = loop.createTask(main());
    loop.runSync();
    task.result();
    expect(results).toEqual(['g0', 'g1', 'g2', 'g3', 'g4', 'g5', 'g6', 'g7', 'hand']);
    expect(calls).toEqual(['next', 'next']); // its own next, twice: the first step, the resume
    expect(loop.now()).toBe(7);
  });

  it('steps every native generator natively, whoever created its task (a `next` put on its prototype is not called)', () => {
    const overridden: string[] = [];
    function* shadowed(v: string): Coro<string> {
      yield* sleepMs(1);
      return v;
    }
    shadowed.prototype.next = () => {
      overridden.push('next');
      return { value: undefined, done: true };
    };
    const loop = new EventLoop();
    const calls: string[] = [];
    let mixed: unknown[] = [];
    let natives: unknown[] = [];
    function* main(): Coro<void> {
      // gather of a hand-written coroutine and native ones; then of native ones only; and createTask
      mixed = yield* gather(shadowed('a'), handWritten(1, 'hand', calls), shadowed('b'));
      natives = yield* gather(shadowed('c'), shadowed('d'));
    }
    const task = loop.createTask(main());
    const alone = loop.createTask(shadowed('e'));
    loop.runSync();
    task.result();
    expect(mixed).toEqual(['a', 'hand', 'b']);
    expect(natives).toEqual(['c', 'd']);
    expect(alone.result()).toBe('e');
    expect(overridden).toEqual([]);
    expect(calls).toEqual(['next', 'next']);
  });

  it('a cancel is thrown into a native generator natively and into a hand-written coroutine through its own throw', () => {
    const loop = new EventLoop();
    const calls: string[] = [];
    let caught = '';
    function* native(): Coro<string> {
      try {
        yield* sleepMs(10);
      } catch (error) {
        caught = error instanceof CancelledError ? 'cancelled' : 'other';
        throw error;
      }
      return 'late';
    }
    const overridden: string[] = [];
    native.prototype.throw = () => {
      overridden.push('throw'); // a `throw` put on its prototype is not called: the loop throws in natively
      return { value: 'swallowed', done: true };
    };
    const a = loop.createTask(native());
    const b = loop.createTask(handWritten(10, 'late', calls));
    loop.callLater(1, () => {
      a.cancel();
      b.cancel();
    });
    loop.runSync();
    expect(a.cancelled()).toBe(true);
    expect(b.cancelled()).toBe(true);
    expect(caught).toBe('cancelled');
    expect(overridden).toEqual([]);
    expect(calls).toEqual(['next', 'throw']);
  });
});
