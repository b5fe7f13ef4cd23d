// gather, seed profile (docs/rules.md §3, G1–G7). Written with the public API (a Future subclass, Task,
// addDoneCallback, doneOrder, loop.createTask, loop.emitGatherEvent), so a variant can be written outside impl/; the
// internal calls, loop._createChildTaskOf and ownedError, are createTask without the coroutine check gather has just made,
// and child._addWaiter(this) is addDoneCallback(child => this.childDone(child)) through the loop's waiter path
// (GatherFuture._wake), without a closure call and notify's try per child.
import { type Coro, coroutineKind, ITERATOR_COROUTINE, isCoroutine, NATIVE_GENERATOR } from './coro.ts';
import { InvalidStateError } from './errors.ts';
import { type EventLoop, ownedError } from './event-loop.ts';
import { Future } from './future.ts';
import { getRunningLoop } from './running.ts';
import { Task } from './task.ts';

/** Hot-path bindings as this module's own constants (read through a cell at every use when imported: event-loop.ts). */
const kindOf = coroutineKind;
const nativeGenerator = NATIVE_GENERATOR;
const iteratorCoroutine = ITERATOR_COROUTINE;
const runningLoop = getRunningLoop;
const TaskClass = Task;
const FutureClass = Future;

export interface GatherOptions {
  /** true: every child runs to its end and each entry is its value or its exception (a CancelledError if cancelled). */
  returnExceptions?: boolean;
}

/** What gather accepts: a task (kept as is), a coroutine or another future (wrapped into a new task). */
// biome-ignore lint/suspicious/noExplicitAny: any, not unknown: a Future<string> must be assignable (Future is invariant in T)
export type GatherArg = Future<any> | Coro<any>;

type ResultOf<A> = A extends Future<infer R> ? R : A extends Coro<infer R> ? R : never;
export type GatherResults<A extends readonly unknown[]> = { -readonly [K in keyof A]: ResultOf<A[K]> };
/** With returnExceptions an entry may also be an exception. */
export type GatherSettled<A extends readonly unknown[]> = { -readonly [K in keyof A]: ResultOf<A[K]> | Error };

/**
 * Runs the arguments concurrently; `yield* gather(a(), b(), { returnExceptions: true })` gives their results in
 * argument order. Wrapping (`created`) and `gather-started` happen at the call; the caller suspends only when the
 * outcome is not already decided (G2).
 */
export function gather<const A extends readonly GatherArg[]>(...args: A): GatherFuture<GatherResults<A>>;
export function gather<const A extends readonly GatherArg[]>(
  ...args: [...A, GatherOptions]
): GatherFuture<GatherSettled<A>>;
export function gather(...args: unknown[]): GatherFuture<unknown[]> {
  let n = args.length;
  let returnExceptions = false;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent: with no arguments args[-1] is undefined, never an options object
  if (n > 0 && isOptionsObject(args[n - 1])) {
    returnExceptions = readOptions(args[n - 1] as Record<string, unknown>);
    n--;
  }
  if (n !== args.length) args.length = n; // drops the options object
  return gatherArray(args, returnExceptions, 'gather()');
}

/**
 * gather of an array or other iterable: `yield* gatherAll(children, { returnExceptions: true })`, the same as
 * `yield* gather(...children, { returnExceptions: true })` without spreading the children as arguments — V8 (Node 20)
 * refuses a call with more than ~1.2·10^5 arguments ("Maximum call stack size exceeded"), as Promise.all takes an
 * iterable for the same reason. The iterable is read once and not changed.
 */
export function gatherAll<A extends GatherArg>(
  aws: Iterable<A>,
  options?: { returnExceptions?: false },
): GatherFuture<ResultOf<A>[]>;
export function gatherAll<A extends GatherArg>(
  aws: Iterable<A>,
  options: GatherOptions,
): GatherFuture<(ResultOf<A> | Error)[]>;
export function gatherAll(aws: Iterable<unknown>, options?: GatherOptions): GatherFuture<unknown[]> {
  if (
    aws === null ||
    typeof aws !== 'object' ||
    typeof (aws as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function'
  )
    throw new TypeError(`gatherAll expects an array or another iterable of awaitables, got ${describe(aws)}`);
  if (isCoroutine(aws) || aws instanceof FutureClass)
    throw new TypeError(
      'gatherAll expects an array or another iterable of awaitables, got a single awaitable (use gather)',
    );
  let returnExceptions = false;
  if (options !== undefined) {
    if (!isOptionsObject(options))
      throw new TypeError(`gatherAll: options must be an object, got ${describe(options)}`);
    returnExceptions = readOptions(options as Record<string, unknown>);
  }
  return gatherArray(Array.from(aws), returnExceptions, 'gatherAll()');
}

/** gather's work on an array it owns (gather's rest array, gatherAll's copy): it becomes the children array in place. */
function gatherArray(args: unknown[], returnExceptions: boolean, what: string): GatherFuture<unknown[]> {
  const loop = runningLoop(what);
  const caller = loop.currentTask();
  if (caller === null) throw new InvalidStateError(`${what} must be called from inside a task`);
  const n = args.length;
  // Check every argument before creating anything (a coroutine first: the usual argument, one prototype read).
  // Stryker disable next-line BooleanLiteral: equivalent: performance only (false takes the general path, same tasks)
  let onlyCoroutines = true;
  // Stryker disable next-line BooleanLiteral: equivalent: performance only (false looks each argument's kind up again)
  let onlyNative = true; // every argument a native generator: the tasks are created without looking again
  for (let i = 0; i < n; i++) {
    const a = args[i];
    const kind = kindOf(a);
    if (kind === nativeGenerator) continue;
    onlyNative = false;
    if (kind === iteratorCoroutine) continue;
    onlyCoroutines = false;
    if (a instanceof TaskClass) {
      if (a === caller)
        throw new InvalidStateError(`gather: argument ${i} is the calling task itself (it would wait for itself)`);
      if (a._loop !== loop)
        throw new InvalidStateError(`gather: argument ${i} is ${a.describe()}, a task of another event loop (T7)`);
    } else if (!(a instanceof FutureClass)) {
      throw new TypeError(
        `gather: argument ${i} is not awaitable (expected a Task, a Future or a coroutine, got ${describe(a)})`,
      );
    }
  }
  // The array is gather's own, so it becomes the children array in place (no second array of n entries).
  const children = args as Task<unknown>[];
  for (let i = 0; i < n; i++) {
    const a = args[i];
    // When every argument is a coroutine (the usual gather), no instanceof walk through a generator's prototype chain:
    // the two walks per child cost ~10 % of a 10^3 gather (measured 2026-11-30).
    if (onlyCoroutines || !(a instanceof FutureClass)) {
      // Asking createTask first and looking for a repeat only when it refuses (T6): one read of the owner mark per
      // child instead of two, −6 ns per child (4 %) at 10^3 (measured 2026-11-30).
      const native = onlyNative || kindOf(a) === nativeGenerator;
      children[i] = loop._createChildTaskOf(a as Coro<unknown>, native) ?? sameCall(children, i, a); // checked above
    } else if (!(a instanceof TaskClass)) children[i] = loop.createTask(awaitFuture(a));
  }
  return new GatherFuture(loop, caller, children, returnExceptions);
}

/** The future a gather returns; its waiter is the calling task. */
export class GatherFuture<T extends unknown[]> extends Future<T> {
  private remaining = 0;

  constructor(
    private readonly loop: EventLoop,
    /** The task that called gather. */
    readonly caller: Task<unknown>,
    /** The child tasks, in argument order (the same task may appear twice). */
    readonly children: readonly Task<unknown>[],
    readonly returnExceptions: boolean,
  ) {
    super();
    loop.emitGatherEvent('gather-started', caller, children);
    // G2: decided already? (the first child to have failed, in time, decides without return_exceptions). One pass:
    // each pending child is registered on the way (one registration per argument: a task passed twice is counted
    // twice and tells us twice); if a failed child decides, those registrations find the gather done (G5).
    let firstFailed: Task<unknown> | null = null;
    for (const child of children) {
      if (!child.done()) {
        this.remaining++;
        child._addWaiter(this); // a done callback calling childDone, see _wake
      }
      // Stryker disable next-line EqualityOperator: equivalent: doneOrder is unique per future; equal only for the same task passed twice
      else if (
        !returnExceptions &&
        child.failed() &&
        (firstFailed === null || child.doneOrder < firstFailed.doneOrder)
      ) {
        firstFailed = child;
      }
    }
    if (firstFailed !== null) this.raise(firstFailed);
    else if (this.remaining === 0) this.succeed();
  }

  /**
   * @internal A child settled (Future's waiter path: children call it as they call a waiting task's _wake). Not in a
   * try as a done callback is (a try here cost 23 instructions per child, measured 2026-11-30, branch perf3): what
   * can throw in childDone is an observer, and an observer's exception leaves the loop as from a task's own events.
   */
  _wake(child: Future<unknown>): void {
    this.childDone(child);
  }

  /** G6: cancelling the awaiter lands here first: `gather-cancelled`, wake the caller, cancel unfinished children. */
  override cancel(): boolean {
    if (this.done()) return false;
    this.loop.emitGatherEvent('gather-cancelled', this.caller, this.children);
    super.cancel();
    this.cancelUnfinished();
    return true;
  }

  override describe(): string {
    return `gather in ${this.caller.describe()}`;
  }

  private childDone(child: Future<unknown>): void {
    if (this.done()) return; // G5: one decision only
    if (!this.returnExceptions && child.failed()) this.raise(child);
    else if (--this.remaining === 0) this.succeed();
  }

  /** G3, G7: `gather-raised`, wake the caller with the exception, then cancel unfinished children in order. */
  private raise(child: Future<unknown>): void {
    const error = child.exception();
    this.loop.emitGatherEvent('gather-raised', this.caller, this.children);
    this.setException(error);
    this.cancelUnfinished();
  }

  /** G4: `gather-returned`, wake the caller with the results in argument order. */
  private succeed(): void {
    const children = this.children;
    // Stryker disable next-line ArrayDeclaration: equivalent: every index is written below (the size only preallocates)
    const results = new Array<unknown>(children.length);
    for (let i = 0; i < children.length; i++) {
      const child = children[i]!;
      results[i] = child.failed() ? child.exception() : child.result();
    }
    this.loop.emitGatherEvent('gather-returned', this.caller, children);
    this.setResult(results as T);
  }

  private cancelUnfinished(): void {
    // Stryker disable next-line ConditionalExpression: equivalent: cancel() of a done task returns false and does nothing
    for (const child of this.children) if (!child.done()) child.cancel();
  }
}

/**
 * G1a: a coroutine passed twice is wrapped once, and both entries are that task (as asyncio). createTask refused it
 * (T6): its owner is either a task this same call created for an earlier argument, or another task (then the refusal
 * stands).
 */
function sameCall(children: Task<unknown>[], i: number, coro: unknown): Task<unknown> {
  for (let j = 0; j < i; j++) if (children[j]!.getCoro() === coro) return children[j]!;
  throw ownedError(coro);
}

function* awaitFuture<T>(future: Future<T>): Coro<T> {
  return yield* future;
}

function isOptionsObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || value instanceof Future || isCoroutine(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function readOptions(options: Record<string, unknown>): boolean {
  for (const key of Object.keys(options)) {
    if (key !== 'returnExceptions')
      throw new TypeError(`gather: unknown option "${key}" (the only option is returnExceptions)`);
  }
  const value = options.returnExceptions;
  if (value !== undefined && typeof value !== 'boolean') {
    throw new TypeError(`gather: returnExceptions must be a boolean, got ${describe(value)}`);
  }
  return value === true;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'function') return 'a function (call it to get a coroutine)';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
