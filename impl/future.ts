// Future: a result set once, awaited with `yield* future`; the base of Task and of gather's result.
//
// Completion is synchronous (docs/rules.md T5): the moment a future settles, every task waiting on it is appended
// to the ready queue and every done callback runs, in the order they were registered, inside the same step.
// Subclass it to build your own combinators (impl/gather.ts is written with this public API only).
import type { Coro, Suspension } from './coro.ts';
import { CancelledError, InvalidStateError } from './errors.ts';
import { runningLoopOrNull } from './running.ts';

export type DoneCallback<T> = (future: Future<T>) => void;

/** Something woken when a future settles (a Task waiting on it, a gather on its children). Internal. */
export interface Waker {
  _wake(future: Future<unknown>): void;
}

type Waiter = Waker | DoneCallback<never>;

const PENDING = 0;
const RETURNED = 1;
const FAILED = 2;
/** The two low bits of `_flags` hold the state (PENDING, RETURNED, FAILED). */
const STATE_BITS = 3;
/** `_flags` bit: the exception was read. Bits 8 and 16 are Task's (task.ts). */
const RETRIEVED = 4;
/**
 * `_flags` bit: it was cancelled (cancel(), or a task whose coroutine let CancelledError escape). A future that was
 * *given* a CancelledError with setException (a gather whose child was cancelled on its own) is not (G8, as asyncio).
 */
const CANCELLED = 32;

/**
 * `count` increases by one each time any future settles: orders completions in time (ties impossible). A field of a
 * module constant, not a `let`: V8 (Node 20) checks a module `let` for its temporal dead zone at every use.
 */
const settled = { count: 0 };

export class Future<T = unknown> {
  // Few fields on purpose: a loop may hold 10^5 tasks at once, and their bytes are what the garbage collector copies.
  // Declared here, set in the constructor: a class-field initializer in Future stops V8 (Node 20) from inlining
  // `super()` into Task's and GatherFuture's constructors; each task then paid a generic construct call, ~190
  // instructions (6.5 %) per gathered child at 10^3 (measured 2026-11-30, branch perf2).
  /** @internal The value when returned, the exception when failed. */
  declare _result: unknown;
  /** @internal The state (STATE_BITS) and bit flags: RETRIEVED here, Task adds its own (one field, not several). */
  declare _flags: number;
  /** @internal Its completion's position once done; while pending, a Task keeps its timer slot here (task.ts). */
  declare _doneOrder: number;
  /** Who is told when it settles: null, one waiter, or an array of them when there are several (most have one). */
  declare private _waiters: Waiter | Waiter[] | null;

  constructor() {
    this._result = undefined;
    this._flags = PENDING;
    this._doneOrder = 0;
    this._waiters = null;
  }

  /** @internal 0 pending, 1 returned, 2 failed (raised or cancelled). */
  get _state(): number {
    return this._flags & STATE_BITS;
  }

  /** @internal true once someone read the exception (result(), exception(), or the loop reported it). */
  get _retrieved(): boolean {
    return (this._flags & RETRIEVED) !== 0;
  }

  /** @internal The exception it failed with (undefined unless failed). */
  get _error(): unknown {
    // Stryker disable next-line ConditionalExpression: equivalent: the loop reads it only for tasks that failed
    return this._state === FAILED ? this._result : undefined;
  }

  /** True once it returned, raised or was cancelled. */
  done(): boolean {
    return this._state !== PENDING;
  }

  /** True when it ended by an exception, a CancelledError included. */
  failed(): boolean {
    return this._state === FAILED;
  }

  /** True when it was cancelled: cancel() on it, or (a task) a CancelledError escaped its coroutine (G8). */
  cancelled(): boolean {
    return (this._flags & CANCELLED) !== 0;
  }

  /** Position of its completion among all completions (larger = later); 0 while pending. */
  get doneOrder(): number {
    return this._state === PENDING ? 0 : this._doneOrder;
  }

  /** The value; rethrows the exception if it failed; throws InvalidStateError if not done yet. */
  result(): T {
    if (this._state === PENDING) throw new InvalidStateError(`${this.describe()} is not done yet`);
    if (this._state === FAILED) {
      this._flags |= RETRIEVED;
      throw this._result;
    }
    return this._result as T;
  }

  /** The exception it ended with (a CancelledError when cancelled), or null if it returned; throws if not done. */
  exception(): unknown {
    if (this._state === PENDING) throw new InvalidStateError(`${this.describe()} is not done yet`);
    if (this._state !== FAILED) return null;
    this._flags |= RETRIEVED;
    return this._result;
  }

  setResult(value: T): void {
    if (this._state !== PENDING) throw new InvalidStateError(`${this.describe()} is already done`);
    this._settle(RETURNED, value);
  }

  setException(error: unknown): void {
    if (this._state !== PENDING) throw new InvalidStateError(`${this.describe()} is already done`);
    this._settle(FAILED, error);
  }

  /** Ends it with a CancelledError (waking its waiters); false if it was already done. */
  cancel(): boolean {
    if (this._state !== PENDING) return false;
    this._flags |= CANCELLED;
    this._settle(FAILED, new CancelledError(`${this.describe()} was cancelled`));
    return true;
  }

  /** Calls `fn(this)` synchronously when it settles (at once if it already has). */
  addDoneCallback(fn: DoneCallback<T>): void {
    if (this._state !== PENDING) {
      fn(this);
      return;
    }
    this._addWaiter(fn as DoneCallback<never>);
  }

  /** Removes a callback added before; false if it was not registered (or already called). */
  removeDoneCallback(fn: DoneCallback<T>): boolean {
    const f = fn as DoneCallback<never>;
    const waiters = this._waiters;
    if (waiters === f) {
      this._waiters = null;
      return true;
    }
    const i = Array.isArray(waiters) ? waiters.indexOf(f) : -1;
    if (i < 0) return false;
    (waiters as Waiter[]).splice(i, 1);
    return true;
  }

  /** `yield* future`: suspends until it settles (not at all if it has), then returns its value or throws. */
  *[Symbol.iterator](): Coro<T> {
    if (this._state === PENDING) yield this as Suspension;
    return this.result();
  }

  /** For messages: `Future`, `Task "name"`. */
  describe(): string {
    return 'Future';
  }

  /** @internal A task waiting on it, or a gather on its child (loop internals). */
  _addWaiter(w: Waiter): void {
    const waiters = this._waiters;
    if (waiters === null) this._waiters = w;
    else if (Array.isArray(waiters)) waiters.push(w);
    else this._waiters = [waiters, w];
  }

  /** @internal Marks it cancelled (a task whose coroutine let CancelledError escape, G8). */
  _markCancelled(): void {
    this._flags |= CANCELLED;
  }

  /** Hook run after the state is set and before waiters are told (Task emits its final event here). */
  protected _onSettled(): void {}

  private _settle(state: number, result: unknown): void {
    this._flags = (this._flags & ~STATE_BITS) | state;
    this._result = result;
    this._doneOrder = ++settled.count;
    this._onSettled();
    const waiters = this._waiters;
    this._waiters = null;
    if (waiters === null) return;
    if (!Array.isArray(waiters)) notify(waiters, this);
    else for (const w of waiters) notify(w, this);
  }
}

/** A waiter told of a settled future. A constant (folded into the callers' code), not a function declaration. */
const notify = function notify(w: Waiter, future: Future<unknown>): void {
  if (typeof w !== 'function') {
    w._wake(future);
    return;
  }
  try {
    (w as DoneCallback<unknown>)(future);
  } catch (error) {
    const loop = runningLoopOrNull();
    if (loop === null) throw error;
    loop.reportError(error, null);
  }
};
