// Sleeping: `yield* sleepMs(ms)` suspends the calling task for ms (0 = yield once to the ready queue, S3).
import { type Coro, RESUMED, type Suspension } from './coro.ts';
import { checkDelay } from './event-loop.ts';
import { getRunningLoop } from './running.ts';

/** Hot-path bindings as this module's own constants (read through a cell at every use when imported: event-loop.ts). */
const resumed = RESUMED;
const checkDelayOf = checkDelay;
const runningLoop = getRunningLoop;

/** Suspends the current task for `ms` milliseconds (RangeError if negative, NaN or infinite). */
export function sleepMs(ms: number): Coro<void> {
  checkDelayOf('sleepMs', ms);
  runningLoop('sleepMs()');
  return new SleepStepsClass(ms) as unknown as Coro<void>;
}

/** Suspends the current task for `seconds` seconds (asyncio's sleep). */
export function sleep(seconds: number): Coro<void> {
  checkDelay('sleep', seconds, 'seconds');
  return sleepMs(seconds * 1000);
}

/** The result a finished sleep returns: one shared, frozen object (no allocation per sleep). */
const DONE: IteratorResult<Suspension, void> = Object.freeze({ value: undefined, done: true });

/**
 * What `yield*` walks while a task sleeps: one stateless iterator per delay, shared by every sleep of that delay.
 * Its first next() (the spec sends undefined) yields the delay; the loop resumes a task with next(RESUMED), which
 * yield* forwards here, and that ends the sleep. A suspended generator keeps its iterator alive: a per-call one
 * cost 31 bytes per sleeping task (measured 2026-11-30, 10^5 tasks each asleep).
 */
class SharedSleep {
  private readonly yielded: IteratorResult<Suspension, void>;

  constructor(readonly ms: number) {
    this.yielded = Object.freeze({ value: ms, done: false });
  }

  next(sent?: unknown): IteratorResult<Suspension, void> {
    return sent === resumed ? DONE : this.yielded;
  }

  throw(error: unknown): never {
    throw error;
  }

  return(): IteratorResult<Suspension, void> {
    return DONE;
  }
}

/**
 * The shared iterator of the last delay asked for (programs mostly sleep one delay at a time: one object), and the
 * last "suspend for ms" result made, shared by every sleep of the same length (the loop reads it at once). Fields of
 * a module constant, not `let`s: V8 (Node 20) checks a module `let` for its temporal dead zone at every use.
 */
const last: { shared: SharedSleep; yielded: IteratorResult<Suspension, void> } = {
  shared: new SharedSleep(0),
  yielded: Object.freeze({ value: 0, done: false }),
};

/**
 * What sleepMs returns: also a coroutine of its own (createTask(sleepMs(100)) and gather(sleepMs(1)) step it
 * directly, so it keeps its state and is one object per call), but `yield*` takes the shared iterator instead and
 * this object dies young.
 */
class SleepSteps {
  /** The delay, or -1 once it has been yielded (delays are never negative: one field instead of two). */
  private ms: number;

  constructor(ms: number) {
    this.ms = ms;
  }

  [Symbol.iterator](): SharedSleep | this {
    const ms = this.ms;
    if (ms < 0) return this; // already walked: stays done, as before
    this.ms = -1;
    let shared = last.shared;
    // Stryker disable next-line ConditionalExpression: equivalent: a new iterator equal to the shared one (allocation only)
    if (shared.ms !== ms) last.shared = shared = new SharedSleep(ms);
    return shared;
  }

  next(): IteratorResult<Suspension, void> {
    const ms = this.ms;
    if (ms < 0) return DONE;
    this.ms = -1;
    let yielded = last.yielded;
    // Stryker disable next-line ConditionalExpression: equivalent: makes a new equal frozen result instead of reusing one (allocation only)
    if (yielded.value !== ms) last.yielded = yielded = Object.freeze({ value: ms, done: false });
    return yielded;
  }

  throw(error: unknown): never {
    this.ms = -1;
    throw error;
  }

  return(): IteratorResult<Suspension, void> {
    this.ms = -1;
    return DONE;
  }
}

/** The class as a module constant (a class declaration's binding is checked for its temporal dead zone at each use). */
const SleepStepsClass = SleepSteps;
