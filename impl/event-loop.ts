// EventLoop: a FIFO ready queue, a timer heap and a clock; runs tasks one step at a time (docs/rules.md §1–2).
//
// Unhandled exceptions: a task that ended by an exception other than CancelledError, whose exception nobody
// retrieved (awaiting it, result(), exception(), a gather reading it), goes to `onUnhandled(error, task)` once —
// checked when the loop goes idle or stops (run: when main finishes), because until then someone may still await
// it. Exceptions thrown by callLater callbacks and done callbacks go there too, at once, with task = null.
// Default handler: one line on stderr with the task's name.
//
// A sleeping task sits in the timer queue itself (TimerHeap entries are tasks and callLater timers), and the ready
// queue holds tasks and fired callLater timers: no object is allocated per sleep.
//
// Choices where docs/rules.md is silent: a task awaiting a future (not a task) that is cancelled forwards the cancel
// to it and keeps its own cancel pending (delivered when it is woken, as T4b; a task awaiting a task keeps none once
// the awaited task accepted it, T4g); at a self-cancel's suspension (T4f) the thing it was about to await is
// cancelled too; awaiting an already finished future does not suspend. Real clock:
// S2, except that due timers also join after a full batch of steps, so a task that keeps yielding cannot starve them.
import type { Clock } from './clock.ts';
import { VirtualClock } from './clock.ts';
import {
  type Coro,
  GENERATOR_NEXT,
  GENERATOR_THROW,
  NATIVE_GENERATOR,
  NOT_A_COROUTINE,
  RESUMED,
  type Suspension,
  coroutineKind,
  isCoroutine,
} from './coro.ts';
import { CancelledError, InvalidStateError, StepLimitError } from './errors.ts';
import { Future } from './future.ts';
import type { GatherEventKind, Observer, TaskEventKind } from './observer.ts';
import { enterLoop } from './running.ts';
import { NATIVE, Task } from './task.ts';
import { ReadyQueue } from './ready-queue.ts';
import { Timer, TimerHeap } from './timer-heap.ts';

/**
 * The step's constants, copied from their modules into this one's own: V8 (Node 20) reads an imported binding through
 * a cell, with a not-yet-initialised check, at every use, and folds a module's own `const` into the compiled code
 * (-67 instructions per gathered child at 10^3, 3.5 %, measured 2026-11-30 with callgrind, branch main).
 */
const generatorNext = GENERATOR_NEXT;
const generatorThrow = GENERATOR_THROW;
const resumed = RESUMED;
const nativeFlag = NATIVE;
const TaskClass = Task;

export type UnhandledHandler = (error: unknown, task: Task<unknown> | null) => void;

export interface EventLoopOptions {
  /** Default: a new VirtualClock. */
  clock?: Clock;
  observer?: Observer | null;
  /** Default: print to stderr. */
  onUnhandled?: UnhandledHandler;
}

export interface RunSyncOptions {
  /** Throw StepLimitError after this many steps (guards against programs that never go idle). */
  maxSteps?: number;
}

/** Steps run per macrotask on a real clock before yielding to Node (setImmediate) so I/O is not starved. */
const REAL_CLOCK_BATCH = 4096;

const defaultUnhandled: UnhandledHandler = (error, task) => {
  const where = task === null ? 'a callback' : `task "${task.name}"`;
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  process.stderr.write(`loopcheck: unhandled exception in ${where}: ${what}\n`);
};

type Runnable = Task<unknown> | Timer;

export class EventLoop {
  readonly clock: Clock;
  /** @internal */
  _observer: Observer | null;
  /** @internal */
  _current: Task<unknown> | null = null;
  /** @internal */
  readonly _timers = new TimerHeap<Runnable>();
  /** @internal Tasks that raised; checked for unretrieved exceptions when the loop goes idle. */
  _failed: Task<unknown>[] = [];
  /** @internal run(): stop as soon as this future is done. */
  _stopOn: Future<unknown> | null = null;
  /**
   * @internal Every task created, in creation order, finished ones dropped now and then (allTasks(); run()'s shutdown,
   * R1): a list linked through the tasks. A Set entry per task cost ~30% of a 10^5 gather's time; an array
   * ~25 ns per gathered child more than this list at 10^3 and 10 bytes per task at 10^5 (measured 2026-11-30).
   */
  private createdHead: Task<unknown> | null = null;
  private createdTail: Task<unknown> | null = null;
  /** Tasks in the list, finished ones not yet dropped included. */
  private createdCount = 0;
  /** @internal How many tasks are not done (Task._onSettled counts down). */
  _liveCount = 0;

  private readonly onUnhandled: UnhandledHandler;
  private readonly queue = new ReadyQueue<Runnable>();
  private eventSeq = 0;
  private taskCount = 0;
  private running = false;

  constructor(options: EventLoopOptions = {}) {
    this.clock = options.clock ?? new VirtualClock();
    this._observer = options.observer ?? null;
    this.onUnhandled = options.onUnhandled ?? defaultUnhandled;
  }

  /** The loop's time in ms. */
  now(): number {
    return this.clock.now();
  }

  /** The task whose step is running, or null (between steps, in callbacks). */
  currentTask(): Task<unknown> | null {
    return this._current;
  }

  /** Wraps `coro` in a task and appends its first step to the ready queue (T1). */
  createTask<T>(coro: Coro<T>, options?: { name?: string }): Task<T> {
    const kind = coroutineKind(coro);
    if (kind === NOT_A_COROUTINE) {
      throw new TypeError(
        typeof coro === 'function'
          ? 'createTask expects a coroutine, got a function: call it (createTask(f()), not createTask(f))'
          : `createTask expects a coroutine (a generator object), got ${describeValue(coro)}`,
      );
    }
    const task = this._createTaskOf(coro, options?.name ?? null, kind === NATIVE_GENERATOR); // no default `{}`: gather creates tasks by the 10^5
    if (task === null) throw ownedError(coro);
    return task;
  }

  /**
   * @internal createTask of a value already known to be a coroutine (gather checks every argument before creating
   * anything): isCoroutine's three lookups through a generator's prototype chain, done twice per gathered child, cost
   * 12-14 % of a 10^3-10^4 gather (measured 2026-11-30, branch perf-loop). Null, and no task, when the coroutine
   * already belongs to a task (T6: two tasks stepping one generator would each see half of it); the caller throws
   * ownedError. Null and not a throw: a call inside `try` stops V8 (Node 20) from inlining Task's `super()`, which
   * cost gather ~190 instructions per child (measured 2026-11-30, branch perf2). `native`: coroutineKind(coro) is
   * NATIVE_GENERATOR, as the caller found when checking it (a second prototype walk cost ~80 instructions per child).
   */
  _createTaskOf<T>(coro: Coro<T>, name: string | null, native: boolean): Task<T> | null {
    if ((coro as unknown as Owned)[OWNER] !== undefined) return null;
    const task = new TaskClass<T>(this, coro, name, name === null ? ++this.taskCount : 0);
    if (native) task._flags |= nativeFlag;
    (coro as unknown as Owned)[OWNER] = task;
    this.register(task);
    return task;
  }

  /**
   * @internal _createTaskOf(coro, null, native) for gather's children, the same lines written a second time: V8 keeps
   * one inline cache per place in the source, and the owner mark's read and write see the map of every generator
   * function whose coroutines reach them. Shared with createTask, they go megamorphic as soon as a program has a few
   * generator functions (a nested `function* main` is a new one per call); gather's own see only its children's
   * (usually one or a few functions; past 4, V8's limit, they too go megamorphic, the cost before this copy): 2432 ->
   * 2090 instructions per child at 10^3 (measured 2026-11-30, branch perf3).
   */
  _createChildTaskOf<T>(coro: Coro<T>, native: boolean): Task<T> | null {
    if ((coro as unknown as Owned)[OWNER] !== undefined) return null;
    const task = new TaskClass<T>(this, coro, null, ++this.taskCount);
    if (native) task._flags |= nativeFlag;
    (coro as unknown as Owned)[OWNER] = task;
    this.register(task);
    return task;
  }

  /** A task just created and marked as its coroutine's owner: listed (allTasks), announced, queued for its first step. */
  private register(task: Task<unknown>): void {
    if (this.createdCount >= 1024 && this.createdCount > 2 * this._liveCount) this.pruneCreated();
    if (this.createdTail === null) this.createdHead = task;
    else this.createdTail._nextCreated = task;
    this.createdTail = task;
    this.createdCount++;
    this._liveCount++;
    if (this._observer !== null) this._emit('task-created', task);
    this.queue.push(task);
  }

  /** The tasks of this loop that are not done yet, in creation order (asyncio's all_tasks). */
  allTasks(): Task<unknown>[] {
    this.pruneCreated();
    const tasks: Task<unknown>[] = [];
    for (let t = this.createdHead; t !== null; t = t._nextCreated) tasks.push(t);
    return tasks;
  }

  /** Unlinks the finished tasks from the created list (when it is twice the live count, and for allTasks()). */
  private pruneCreated(): void {
    let head: Task<unknown> | null = null;
    let tail: Task<unknown> | null = null;
    let count = 0;
    for (let t = this.createdHead; t !== null; ) {
      const next: Task<unknown> | null = t._nextCreated;
      t._nextCreated = null;
      if (!t.done()) {
        if (tail === null) head = t;
        else tail._nextCreated = t;
        tail = t;
        count++;
      }
      t = next;
    }
    this.createdHead = head;
    this.createdTail = tail;
    this.createdCount = count;
  }

  /** @internal Appends `fn` to the back of the ready queue: it runs after every step queued before it. */
  _callSoon(fn: () => void): void {
    this.queue.push(new Timer(fn, this._timers));
  }

  /** Runs `fn` (a plain callback, not a task) `ms` from now; returns a handle with cancel(). */
  callLater(ms: number, fn: () => void): Timer {
    checkDelay('callLater', ms);
    if (typeof fn !== 'function') throw new TypeError('callLater expects a function');
    const timer = new Timer(fn, this._timers);
    this._timers.push(timer, this.clock.now() + ms);
    return timer;
  }

  /** Virtual clock only: runs synchronously until idle (ready queue and timers empty). */
  runSync(options: RunSyncOptions = {}): void {
    if (!this.clock.virtual) {
      throw new Error('EventLoop.runSync() needs a VirtualClock; with a RealClock use `await loop.runUntilIdle()`');
    }
    if (this.running) throw new InvalidStateError('the loop is already running');
    const maxSteps = options.maxSteps; // undefined: no limit (not Infinity, which made each step's count a double compare)
    this.running = true;
    const previous = enterLoop(this);
    try {
      let steps = 0;
      const stopOn = this._stopOn; // set by run() before it starts the loop
      for (;;) {
        const queue = this.queue;
        while (!queue.isEmpty()) {
          // Stryker disable next-line ConditionalExpression: equivalent: without a limit `++steps > undefined` is false (only slower)
          if (maxSteps !== undefined && ++steps > maxSteps) throw new StepLimitError(maxSteps);
          this.runOne();
          if (stopOn?.done()) return;
        }
        const next = this._timers.nextDeadline();
        if (next === undefined) return;
        this.clock.advanceTo(next);
        this._timers.moveDue(next, this.queue);
      }
    } finally {
      enterLoop(previous);
      this.running = false;
      this.reportUnhandled();
    }
  }

  /** Runs until idle on any clock; on a real clock, waits for timers with setTimeout and yields with setImmediate. */
  runUntilIdle(): Promise<void> {
    if (this.clock.virtual) {
      try {
        this.runSync();
        return Promise.resolve();
      } catch (error) {
        return Promise.reject(error);
      }
    }
    if (this.running) return Promise.reject(new InvalidStateError('the loop is already running'));
    this.running = true;
    return new Promise<void>((resolve, reject) => {
      const finish = (error?: unknown): void => {
        this.running = false;
        try {
          this.reportUnhandled();
        } catch (e) {
          error ??= e;
        }
        if (error === undefined) resolve();
        else reject(error);
      };
      const tick = (): void => {
        const previous = enterLoop(this);
        try {
          // Stryker disable next-line EqualityOperator: equivalent: a batch one step longer
          for (let n = 0; n < REAL_CLOCK_BATCH && !this.queue.isEmpty(); n++) {
            this.runOne();
            if (this._stopOn?.done()) {
              finish();
              return;
            }
          }
          // As S2 when the queue is empty; also after a full batch, so a task that keeps yielding cannot starve timers.
          const now = this.clock.now();
          this._timers.moveDue(now, this.queue);
          if (!this.queue.isEmpty()) {
            setImmediate(tick);
            return;
          }
          const next = this._timers.nextDeadline();
          if (next === undefined) {
            finish();
            return;
          }
          // Stryker disable next-line MethodExpression,ArithmeticOperator: timing only: a tick too early finds nothing due and waits again; too late, it still runs all
          setTimeout(tick, Math.max(0, Math.ceil(next - now)));
        } catch (error) {
          finish(error);
        } finally {
          enterLoop(previous);
        }
      };
      tick();
    });
  }

  /** Emits a gather event (for gather implementations built on the public API). No-op without an observer. */
  emitGatherEvent(kind: GatherEventKind, caller: Task<unknown>, children: readonly Task<unknown>[]): void {
    if (this._observer !== null) {
      this._observer({ seq: this.eventSeq++, at: this.clock.now(), kind, task: caller, children });
    }
  }

  /** Hands an exception nobody can catch any more to the loop's exception handler. */
  reportError(error: unknown, task: Task<unknown> | null): void {
    this.onUnhandled(error, task);
  }

  /** @internal */
  _emit(kind: TaskEventKind, task: Task<unknown>): void {
    this._observer!({ seq: this.eventSeq++, at: this.clock.now(), kind, task });
  }

  /** @internal Appends a task to the back of the ready queue (S5). */
  _enqueue(task: Task<unknown>): void {
    this.queue.push(task);
  }

  private runOne(): void {
    const item = this.queue.shift();
    if (item instanceof TaskClass) this.step(item);
    else this.runTimer(item);
  }

  private runTimer(timer: Timer): void {
    if (timer.cancelled) return;
    timer.ran = true;
    try {
      timer.fn();
    } catch (error) {
      this.reportError(error, null);
    }
  }

  /** One step of a task (T2, T3): run its coroutine until it suspends, returns or raises. */
  private step(task: Task<unknown>): void {
    const coro = task._coro;
    let r: IteratorResult<Suspension, unknown>;
    this._current = task;
    try {
      if (!task._started) {
        task._started = true;
        if (task._cancelPending) {
          // T4a: cancelled before its first step: the body never runs.
          // Stryker disable next-line BooleanLiteral: equivalent: the task ends just below; a done task's pending flag is never read
          task._cancelPending = false;
          this._current = null;
          coro.return(undefined);
          task._fail(new CancelledError(`${task.describe()} was cancelled before it started`));
          return;
        }
        if (this._observer !== null) this._emit('task-started', task);
        r = (task._flags & nativeFlag) !== 0 ? generatorNext.call(coro) : coro.next();
      } else {
        if (this._observer !== null) this._emit('task-resumed', task);
        if (task._cancelPending) {
          task._cancelPending = false; // cleared the moment CancelledError is thrown in (T4)
          const cancelled = new CancelledError(`${task.describe()} was cancelled`);
          r = (task._flags & nativeFlag) !== 0 ? generatorThrow.call(coro, cancelled) : coro.throw(cancelled);
        } else {
          // RESUMED tells a sleep's shared iterator it is over (sleep.ts)
          r = (task._flags & nativeFlag) !== 0 ? generatorNext.call(coro, resumed) : coro.next(resumed);
        }
      }
      while (!r.done) {
        const s = r.value;
        if (typeof s === 'number') {
          this._current = null;
          this.suspendOnSleep(task, s);
          return;
        }
        if (s instanceof Task && s._loop !== this) {
          r = coro.throw(
            new InvalidStateError(`${task.describe()} awaits ${s.describe()}, a task of another event loop (T7)`),
          );
        } else if (s instanceof Future) {
          if (s !== task) {
            this._current = null;
            this.suspendOn(task, s);
            return;
          }
          r = coro.throw(new InvalidStateError(`${task.describe()} cannot await itself`));
        } else {
          r = coro.throw(
            new TypeError(
              `${task.describe()} yielded ${describeValue(s)}; await with yield* ` +
                '(yield* sleepMs(ms), yield* task, yield* gather(...))',
            ),
          );
        }
      }
    } catch (error) {
      this._current = null;
      task._fail(error);
      return;
    }
    this._current = null;
    if (task._cancelPending) {
      // T4h: it asked for its own cancel (or had it asked during this step) and returned without suspending again:
      // the accepted cancel is not lost, it ends cancelled (as asyncio).
      // Stryker disable next-line BooleanLiteral: equivalent: the task is about to end; a pending flag on a done task is never read
      task._cancelPending = false;
      task._fail(new CancelledError(`${task.describe()} was cancelled`));
      return;
    }
    task._succeed(r.value);
  }

  private suspendOnSleep(task: Task<unknown>, ms: number): void {
    if (task._cancelPending) {
      this.queue.push(task); // T4f: delivered at this suspension, no `suspended`
      return;
    }
    if (this._observer !== null) this._emit('task-suspended', task);
    if (ms > 0) {
      this._timers.push(task, this.clock.now() + ms); // the task itself waits in the timer queue
    } else {
      this.queue.push(task); // S3: yield once
    }
  }

  private suspendOn(task: Task<unknown>, awaited: Future<unknown>): void {
    if (task._cancelPending) {
      this.queue.push(task); // T4f; the cancel is forwarded to what it was about to await
      awaited.cancel();
      return;
    }
    if (this._observer !== null) this._emit('task-suspended', task);
    if (awaited.done()) {
      this.queue.push(task);
      return;
    }
    task._waitingOn = awaited;
    awaited._addWaiter(task);
  }

  private reportUnhandled(): void {
    const failed = this._failed;
    // Stryker disable next-line ConditionalExpression: equivalent: with nothing failed the code below empties an empty list
    if (failed.length === 0) return;
    this._failed = [];
    for (const task of failed) {
      if (!task._retrieved) this.onUnhandled(task._error, task); // once: the list was just emptied
    }
  }
}

/**
 * T6: the task that owns a coroutine, written on the generator object itself. Its price, measured 2026-11-30: 40 bytes
 * per task (V8 gives the generator a 3-slot property array) and ~14 ns per gathered child once a program has many
 * generator functions. Still the cheapest exact record found: a WeakMap made a 10^4 gather several times slower (V8
 * processes every weak entry at each GC); a Map costs as many bytes per entry and keeps dead coroutines alive; and a
 * generator's state (fresh or started) cannot be read without stepping it.
 */
const OWNER = Symbol('loopcheck.owner');
interface Owned {
  [OWNER]?: Task<unknown>;
}

/** @internal T6: the error for a createTask (or gather) of a coroutine that already belongs to a task. */
export function ownedError(coro: unknown): InvalidStateError {
  const owner = (coro as Owned)[OWNER]!;
  return new InvalidStateError(
    `createTask: this coroutine already belongs to ${owner.describe()}; a coroutine runs in one task only ` +
      '(call the generator function again for a new one, or await the existing task)',
  );
}

/** RangeError unless `ms` is a finite number >= 0 (no NaN, no Infinity). */
export function checkDelay(what: string, ms: number, unit = 'milliseconds'): void {
  if (typeof ms !== 'number' || !(ms >= 0) || ms === Infinity) {
    throw new RangeError(`${what}: expected a finite number of ${unit} >= 0, got ${String(ms)}`);
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (isCoroutine(value)) return 'a coroutine (did you write `yield` instead of `yield*`?)';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object') return `an object (${Object.prototype.toString.call(value)})`;
  return `${typeof value} ${String(value)}`;
}
