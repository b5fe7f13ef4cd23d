// run(), unhandled exceptions, deadlock, bad use, and two real-clock checks with generous tolerances.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CancelledError,
  createTask,
  currentTask,
  DeadlockError,
  EventLoop,
  Future,
  gather,
  InvalidStateError,
  NoRunningLoopError,
  RealClock,
  run,
  sleep,
  sleepMs,
  VirtualClock,
  type Coro,
  type Task,
} from './index.ts';

const virtual = () => ({ clock: new VirtualClock() });

describe('run', () => {
  afterEach(() => vi.restoreAllMocks());

  it('resolves with main’s value (main may be a generator function or a coroutine)', async () => {
    function* main(): Coro<number> {
      yield* sleepMs(10);
      return 42;
    }
    await expect(run(main, virtual())).resolves.toBe(42);
    await expect(run(main(), virtual())).resolves.toBe(42);
  });

  it('rejects with the exception escaping main, without reporting it as unhandled', async () => {
    const onUnhandled = vi.fn();
    const error = new Error('main failed');
    await expect(
      run(
        function* () {
          yield* sleepMs(1);
          throw error;
        },
        { ...virtual(), onUnhandled },
      ),
    ).rejects.toBe(error);
    expect(onUnhandled).not.toHaveBeenCalled();
  });

  it('rejects with DeadlockError when main still waits and the loop is idle', async () => {
    await expect(
      run(function* () {
        yield* new Future<void>();
      }, virtual()),
    ).rejects.toBeInstanceOf(DeadlockError);
  });

  it('reports an exception nobody retrieved once, with the task, and prints it by default', async () => {
    const seen: { error: unknown; task: string | null }[] = [];
    const failing = (): Coro<never> =>
      (function* (): Coro<never> {
        yield* sleepMs(1);
        throw new Error('lost');
      })();
    await run(
      function* () {
        createTask(failing(), { name: 'orphan' });
        const awaited = createTask(failing(), { name: 'awaited' });
        try {
          yield* awaited;
        } catch {
          // retrieved: not reported
        }
        yield* sleepMs(5);
      },
      { ...virtual(), onUnhandled: (error, task) => seen.push({ error, task: task?.name ?? null }) },
    );
    expect(seen).toHaveLength(1);
    expect(seen[0]?.task).toBe('orphan');
    expect((seen[0]!.error as Error).message).toBe('lost');

    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const loop = new EventLoop({ clock: new VirtualClock() });
    loop.createTask(failing(), { name: 'printed' });
    loop.runSync();
    loop.runSync(); // idle again: not reported twice
    const lines = write.mock.calls.map((c) => String(c[0])).filter((l) => l.includes('printed'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/task "printed".*lost/);
  });

  it('does not report cancelled tasks as unhandled', async () => {
    const onUnhandled = vi.fn();
    await run(
      function* () {
        const t = createTask(sleepMs(100));
        yield* sleepMs(1);
        t.cancel();
        yield* sleepMs(1);
      },
      { ...virtual(), onUnhandled },
    );
    expect(onUnhandled).not.toHaveBeenCalled();
  });
});

describe('bad use', () => {
  it('rejects negative, NaN and infinite sleeps with RangeError', async () => {
    for (const ms of [-1, Number.NaN, Infinity]) {
      await expect(run(() => sleepMs(ms), virtual())).rejects.toBeInstanceOf(RangeError);
    }
    await expect(run(() => sleep(-0.5), virtual())).rejects.toBeInstanceOf(RangeError);
    expect(() => new EventLoop().callLater(-5, () => {})).toThrow(RangeError);
  });

  it('gather of a non-awaitable is a TypeError naming the argument index; nothing is created', async () => {
    const created: string[] = [];
    const error = await run(
      function* () {
        return yield* gather(sleepMs(1), 42 as never);
      },
      { ...virtual(), observer: (e) => e.kind === 'task-created' && created.push(e.task.name) },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(/argument 1/);
    expect(created).toEqual(['main']);
    const badOption = await run(() => gather(sleepMs(1), { returnExceptons: true } as never), virtual()).catch(
      (e: unknown) => e,
    );
    expect((badOption as Error).message).toMatch(/unknown option "returnExceptons"/);
  });

  it('a task awaiting itself gets an error instead of hanging', async () => {
    const error = await run(function* () {
      yield* currentTask() as Task<unknown>;
    }, virtual()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidStateError);
    expect((error as Error).message).toMatch(/cannot await itself/);
  });

  it('yield instead of yield* is a TypeError with a hint', async () => {
    const error = await run(function* () {
      yield sleepMs(10) as never;
    }, virtual()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(/yield\*/);
  });

  it('the API outside a running loop is a clear NoRunningLoopError', () => {
    expect(() => sleepMs(10)).toThrow(NoRunningLoopError);
    expect(() => createTask(sleepMs as never)).toThrow(NoRunningLoopError);
    expect(() => gather()).toThrow(/must be called while a loop is running/);
    expect(() => currentTask()).toThrow(NoRunningLoopError);
  });

  it('createTask of a function (not a coroutine) is a TypeError telling to call it', () => {
    const loop = new EventLoop();
    expect(() => loop.createTask((() => {}) as never)).toThrow(/call it/);
  });

  it('result() of an unfinished task throws InvalidStateError', () => {
    const loop = new EventLoop();
    const t = loop.createTask((function* () {})());
    expect(() => t.result()).toThrow(InvalidStateError);
  });
});

describe('real clock (generous tolerances)', () => {
  function* fetch(name: string, ms: number): Coro<string> {
    yield* sleepMs(ms);
    return name;
  }

  it('runs the seed example in 200–400 ms of real time', async () => {
    const clock = new RealClock();
    const started = performance.now();
    const result = await run(() => gather(fetch('a', 100), fetch('b', 200), fetch('c', 50)), { clock });
    const elapsed = performance.now() - started;
    expect(result).toEqual(['a', 'b', 'c']);
    expect(elapsed).toBeGreaterThanOrEqual(199);
    expect(elapsed).toBeLessThan(400);
  });

  it('a cancel in the middle of a 1000 ms sleep ends it well before 1000 ms', async () => {
    const started = performance.now();
    let sleeper!: Task<void>;
    const outcome = await run(
      function* () {
        sleeper = createTask(sleepMs(1000));
        yield* sleepMs(100);
        sleeper.cancel();
        try {
          yield* sleeper;
        } catch (e) {
          return e instanceof CancelledError ? 'cancelled' : 'other';
        }
        return 'finished';
      },
      { clock: new RealClock() },
    );
    const elapsed = performance.now() - started;
    expect(outcome).toBe('cancelled');
    expect(elapsed).toBeLessThan(600);
  });
});
