// Future: a result set once, awaited with `yield* future`; the base of Task and of gather's result.
//
// Completion is synchronous (docs/rules.md T5): the moment a future settles, every task waiting on it is appended
// to the ready queue and every done callback runs, in the order they were registered, inside the same step.
// Subclass it to build your own combinators (impl/gather.ts is written with this public API only).
import type { Coro, Suspension } from './coro.ts';
import { CancelledError, InvalidStateError } from './errors.ts';
import { runningLoopOrNull } from './running.ts';

export type DoneCallback<T> = (future: Future<T>) => void;

/** Something woken when a future settles (a Task waiting on it). Internal. */
export interface Waker {
  _wake(): void;
}

type Waiter = Waker | DoneCallback<never>;

const PENDING = 0;
const RETURNED = 1;
const FAILED = 2;

/** Increases by one each time any future settles: orders completions in time (ties impossible). */
let settleCounter = 0;

export class Future<T = unknown> {
  /** @internal 0 pending, 1 returned, 2 failed (raised or cancelled). */
  _state = PENDING;
  /** @internal */
  _value: T | undefined = undefined;
  /** @internal */
  _error: unknown = undefined;
  /** @internal true once someone read the exception (result(), exception(), or the loop reported it). */
  _retrieved = false;
  /** @internal */
  _doneOrder = 0;
  // Waiters: the first in a field, the rest in an array (most futures have one waiter: no array allocated).
  private _w1: Waiter | null = null;
  private _wn: Waiter[] | null = null;

  /** True once it returned, raised or was cancelled. */
  done(): boolean {
    return this._state !== PENDING;
  }

  /** True when it ended by an exception, a CancelledError included. */
  failed(): boolean {
    return this._state === FAILED;
  }

  /** True when it ended by a CancelledError. */
  cancelled(): boolean {
    return this._state === FAILED && this._error instanceof CancelledError;
  }

  /** Position of its completion among all completions (larger = later); 0 while pending. */
  get doneOrder(): number {
    return this._doneOrder;
  }

  /** The value; rethrows the exception if it failed; throws InvalidStateError if not done yet. */
  result(): T {
    if (this._state === PENDING) throw new InvalidStateError(`${this.describe()} is not done yet`);
    if (this._state === FAILED) {
      this._retrieved = true;
      throw this._error;
    }
    return this._value as T;
  }

  /** The exception it ended with (a CancelledError when cancelled), or null if it returned; throws if not done. */
  exception(): unknown {
    if (this._state === PENDING) throw new InvalidStateError(`${this.describe()} is not done yet`);
    if (this._state !== FAILED) return null;
    this._retrieved = true;
    return this._error;
  }

  setResult(value: T): void {
    if (this._state !== PENDING) throw new InvalidStateError(`${this.describe()} is already done`);
    this._settle(RETURNED, value, undefined);
  }

  setException(error: unknown): void {
    if (this._state !== PENDING) throw new InvalidStateError(`${this.describe()} is already done`);
    this._settle(FAILED, undefined, error);
  }

  /** Ends it with a CancelledError (waking its waiters); false if it was already done. */
  cancel(): boolean {
    if (this._state !== PENDING) return false;
    this._settle(FAILED, undefined, new CancelledError(`${this.describe()} was cancelled`));
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
    if (this._w1 === f) {
      this._w1 = null;
      return true;
    }
    const i = this._wn === null ? -1 : this._wn.indexOf(f);
    if (i < 0) return false;
    this._wn!.splice(i, 1);
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

  /** @internal A task waiting on it (loop internals). */
  _addWaiter(w: Waiter): void {
    if (this._w1 === null && this._wn === null) this._w1 = w;
    else (this._wn ??= []).push(w);
  }

  /** Hook run after the state is set and before waiters are told (Task emits its final event here). */
  protected _onSettled(): void {}

  private _settle(state: number, value: T | undefined, error: unknown): void {
    this._state = state;
    this._value = value;
    this._error = error;
    this._doneOrder = ++settleCounter;
    this._onSettled();
    const w1 = this._w1;
    const wn = this._wn;
    this._w1 = null;
    this._wn = null;
    if (w1 !== null) notify(w1, this);
    if (wn !== null) for (const w of wn) notify(w, this);
  }
}

function notify(w: Waiter, future: Future<unknown>): void {
  if (typeof w !== 'function') {
    w._wake();
    return;
  }
  try {
    (w as DoneCallback<unknown>)(future);
  } catch (error) {
    const loop = runningLoopOrNull();
    if (loop === null) throw error;
    loop.reportError(error, null);
  }
}
