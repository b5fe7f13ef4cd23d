// run(main): runs a program on a fresh loop, shuts it down as asyncio.run does (R1), and resolves with main's result.
import { type Clock, RealClock } from './clock.ts';
import { type Coro, isCoroutine } from './coro.ts';
import { DeadlockError } from './errors.ts';
import { EventLoop, type UnhandledHandler } from './event-loop.ts';
import { Future } from './future.ts';
import type { Observer } from './observer.ts';

export interface RunOptions {
  /** Default: a RealClock (real time). Pass a VirtualClock for a deterministic, instant run. */
  clock?: Clock;
  observer?: Observer | null;
  /** Receives exceptions nobody retrieved (see event-loop.ts); default prints them to stderr. */
  onUnhandled?: UnhandledHandler;
}

/**
 * Runs `main` (a coroutine, or a function returning a coroutine or a future, called inside the loop) as the task named
 * `main`, then shuts the loop down as asyncio.run does (R1): the steps already in the ready queue when main ends still
 * run; then every task not done is cancelled, in creation order, and the loop runs until they have all ended (their
 * cleanup included). Resolves with main's value; rejects with its exception; rejects with DeadlockError if the loop goes
 * idle while main still waits. Timers nobody waits for any more are dropped.
 */
export function run<T>(main: Coro<T> | (() => Coro<T> | Future<T>), options: RunOptions = {}): Promise<T> {
  let coro: Coro<T>;
  if (typeof main === 'function') coro = callMain(main);
  else if (isCoroutine(main)) coro = main;
  else return Promise.reject(new TypeError('run(main): main must be a coroutine or a generator function'));
  const loop = new EventLoop({
    clock: options.clock ?? new RealClock(),
    observer: options.observer ?? null,
    onUnhandled: options.onUnhandled,
  });
  const task = loop.createTask(coro, { name: 'main' });
  task.addDoneCallback((t) => t.exception()); // its exception goes to the returned promise, never "unhandled"
  const stopped = new Future<void>();
  loop._stopOn = stopped;
  // R1: queued behind every step already in the ready queue when main ends (asyncio stops after that turn).
  task.addDoneCallback(() => loop._callSoon(() => shutDown(loop, stopped)));
  return loop.runUntilIdle().then(() => {
    if (!task.done()) {
      const on = task._waitingOn;
      throw new DeadlockError(
        // Stryker disable next-line ConditionalExpression,StringLiteral: unreachable: main idle and not done always waits on something
        `deadlock: main is still waiting${on === null ? '' : ` on ${on.describe()}`} but the loop is idle (no task ready, no timer set)`,
      );
    }
    return task.result();
  });
}

/** R1: cancels every task still alive, in creation order; `stopped` settles once they have all ended. */
function shutDown(loop: EventLoop, stopped: Future<void>): void {
  const left = loop.allTasks();
  let remaining = left.length;
  if (remaining === 0) {
    stopped.setResult(undefined);
    return;
  }
  const ended = (): void => {
    if (--remaining === 0) stopped.setResult(undefined);
  };
  for (const t of left) t.addDoneCallback(ended);
  for (const t of left) t.cancel();
}

function* callMain<T>(main: () => Coro<T> | Future<T>): Coro<T> {
  const awaitable = main();
  if (awaitable instanceof Future) return yield* awaitable;
  if (!isCoroutine(awaitable)) {
    throw new TypeError(
      'run(main): main() returned neither a coroutine nor a future (write `function* main() { ... }`)',
    );
  }
  return yield* awaitable as Coro<T>;
}
