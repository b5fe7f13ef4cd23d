// Task: a coroutine scheduled on a loop; awaitable (`yield* task`), cancellable (docs/rules.md §2, T1–T5).
import type { Coro } from './coro.ts';
import type { EventLoop } from './event-loop.ts';
import { CancelledError, InvalidStateError } from './errors.ts';
import { Future } from './future.ts';
import type { TimerEntry } from './timer-heap.ts';

/** `_flags` bits of a Task (bits 1-4 are Future's: its state and RETRIEVED). */
const STARTED = 8;
/** A cancel was requested and CancelledError has not been thrown into the coroutine yet. */
const CANCEL_PENDING = 16;
/** @internal Its coroutine is a native generator, stepped through %GeneratorPrototype%'s methods (coro.ts). */
export const NATIVE = 64;
/** Bit 32 is Future's CANCELLED; the bits from 128 up count the cancel requests not taken back (cancelling()). */
const REQUEST_UNIT = 128;

export class Task<T = unknown> extends Future<T> implements TimerEntry {
  // Fields kept few (see Future): booleans live in `_flags` (read through the accessors below), the name
  // shares a field with the number a default name is built from, and what a pending task waits for (a deadline
  // and timer slot, or a future) lives in two of Future's fields that mean nothing until it settles (below).
  /**
   * @internal The name given, or (unnamed) its number among the loop's unnamed tasks until a default `Task-<n>`
   * is asked for (no string built per task).
   */
  private _name: string | number;
  /** @internal The next task its loop created (EventLoop's created list, for allTasks()). */
  _nextCreated: Task<unknown> | null = null;

  /** Use `createTask(coro)` or `loop.createTask(coro)`; constructing a Task directly does not schedule it. */
  constructor(
    /** @internal */ readonly _loop: EventLoop,
    /** @internal */ readonly _coro: Coro<T>,
    /** The name, or null for a default name built from `unnamedNumber` (1, 2, … per loop). */
    name: string | null,
    unnamedNumber: number,
  ) {
    super();
    this._name = name ?? unnamedNumber;
  }

  /**
   * @internal While pending, `_result` holds what it waits for: the future it is suspended on (a task, a gather, a
   * future), or its deadline while it sleeps (then it is itself the timer queue's entry, TimerEntry). A task
   * waiting cannot settle, and one cannot sleep and await at once. Three fields fewer than before (with the slot
   * below): 358 -> 334 bytes per task at 10^5 (measured 2026-11-30).
   */
  get _waitingOn(): Future<unknown> | null {
    const on = this._result;
    return this._state === 0 && on instanceof Future ? on : null;
  }
  set _waitingOn(future: Future<unknown> | null) {
    this._result = future ?? undefined;
  }

  /** @internal See _waitingOn. */
  get _deadline(): number {
    return this._result as number;
  }
  set _deadline(ms: number) {
    this._result = ms;
  }

  /** @internal …and its slot there, -1 when it is not sleeping: kept in `_doneOrder` + 1 (0 while pending, see doneOrder). */
  get _timerSlot(): number {
    return this._state === 0 ? this._doneOrder - 1 : -1;
  }
  set _timerSlot(slot: number) {
    this._doneOrder = slot + 1;
  }

  /** @internal Its first step has run (or was skipped by a cancel, T4a). */
  get _started(): boolean {
    return (this._flags & STARTED) !== 0;
  }
  set _started(on: boolean) {
    // Stryker disable next-line UnaryOperator: unreachable: _started is never set back to false
    this._flags = on ? this._flags | STARTED : this._flags & ~STARTED;
  }

  /** @internal A cancel was requested and CancelledError has not been thrown into the coroutine yet. */
  get _cancelPending(): boolean {
    return (this._flags & CANCEL_PENDING) !== 0;
  }
  set _cancelPending(on: boolean) {
    this._flags = on ? this._flags | CANCEL_PENDING : this._flags & ~CANCEL_PENDING;
  }

  /** The name given to createTask, or `Task-<n>` (n counts the loop's unnamed tasks from 1, as asyncio). */
  get name(): string {
    const name = this._name;
    if (typeof name === 'string') return name;
    this._name = `Task-${name}`; // built once, on first use
    return this._name;
  }

  /** The coroutine this task runs (as asyncio's get_coro). */
  getCoro(): Coro<T> {
    return this._coro;
  }

  /**
   * Requests cancellation (docs/rules.md T4): false if the task is done; true otherwise. A CancelledError is thrown
   * into the coroutine at its suspension point (before its first step: the body never runs). Cancelling a task that
   * awaits a task, a gather or a future forwards the cancel to it.
   */
  override cancel(): boolean {
    if (this._state !== 0) return false;
    this._flags += REQUEST_UNIT; // counted even when one is pending already, as asyncio (TO3 reads the count)
    if (this._cancelPending) return true;
    this._cancelPending = true;
    const loop = this._loop;
    if (loop._observer !== null) loop._emit('task-cancel-requested', this);
    // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent: such a task has no timer and awaits nothing, so it reaches the same `return true` below
    if (!this._started || loop._current === this) return true; // T4a, T4f
    if (this._timerSlot >= 0) {
      // T4c
      loop._timers.remove(this);
      loop._enqueue(this);
      return true;
    }
    const awaited = this._waitingOn;
    if (awaited instanceof Task) {
      // T4g: forwarded to the awaited task; once that accepts it, this task keeps no cancel of its own and receives
      // whatever the awaited task ends with (a value, if it swallows the cancel), as asyncio and MicroPython.
      if (awaited.cancel()) this._cancelPending = false;
      return true;
    }
    if (awaited !== null) awaited.cancel(); // T4d (gather), T4e (future)
    return true; // T4b: already in the ready queue
  }

  /** How many cancel requests this task received and did not take back with uncancel() (asyncio's cancelling()). */
  cancelling(): number {
    return Math.floor(this._flags / REQUEST_UNIT);
  }

  /**
   * Takes back one cancel request and returns how many remain (asyncio's uncancel()). A timeout scope calls it when
   * the cancel it made itself has been handled (TO3); it does not stop a CancelledError already thrown.
   */
  uncancel(): number {
    // Stryker disable next-line EqualityOperator: equivalent: a task with one request also has STARTED or CANCEL_PENDING set, so _flags is never exactly REQUEST_UNIT
    if (this._flags >= REQUEST_UNIT) this._flags -= REQUEST_UNIT;
    return this.cancelling();
  }

  override setResult(): void {
    throw new InvalidStateError(`${this.describe()}: a task's result comes from its coroutine (setResult not allowed)`);
  }

  override setException(): void {
    throw new InvalidStateError(
      `${this.describe()}: a task's exception comes from its coroutine (setException not allowed)`,
    );
  }

  override describe(): string {
    return `Task "${this.name}"`;
  }

  /** @internal Woken by what it waited on (T5/S5): back to the ready queue. */
  _wake(): void {
    this._waitingOn = null;
    this._loop._enqueue(this);
  }

  /** @internal Called by the loop when the coroutine returned. */
  _succeed(value: T): void {
    super.setResult(value);
  }

  /** @internal Called by the loop when an exception escaped the coroutine (a CancelledError: cancelled, G8). */
  _fail(error: unknown): void {
    if (error instanceof CancelledError) this._markCancelled();
    super.setException(error);
  }

  protected override _onSettled(): void {
    const loop = this._loop;
    // Stryker disable next-line UpdateOperator: equivalent: the count only decides when the loop compacts its task list (memory)
    loop._liveCount--;
    if (this._state === 1) {
      if (loop._observer !== null) loop._emit('task-returned', this);
    } else if (this._result instanceof CancelledError) {
      if (loop._observer !== null) loop._emit('task-cancelled', this);
    } else {
      if (loop._observer !== null) loop._emit('task-raised', this);
      loop._failed.push(this);
    }
  }
}
