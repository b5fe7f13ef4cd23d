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
  return new SleepSteps(ms) as unknown as Coro<void>;
}

/** Suspends the current task for `seconds` seconds (asyncio's sleep). */
export function sleep(seconds: number): Coro<void> {
  checkDelay('sleep', seconds, 'seconds');
  return sleepMs(seconds * 1000);
}

/** The result a finished sleep returns: one shared, frozen object (no allocation per sleep). */
const DONE: IteratorResult<Suspension, void> = Object.freeze({ value: undefined, done: true });
/** The last "suspend for ms" result made, shared by every sleep of the same length (the loop reads it at once). */
let lastYield: IteratorResult<Suspension, void> = Object.freeze({ value: 0, done: false });

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

/** The shared iterator of the last delay asked for (programs mostly sleep one delay at a time: one object). */
let lastShared = new SharedSleep(0);

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
    if (lastShared.ms !== ms) lastShared = new SharedSleep(ms);
    return lastShared;
  }

  next(): IteratorResult<Suspension, void> {
    const ms = this.ms;
    if (ms < 0) return DONE;
    this.ms = -1;
    // Stryker disable next-line ConditionalExpression: equivalent: makes a new equal frozen result instead of reusing one (allocation only)
    if (lastYield.value !== ms) lastYield = Object.freeze({ value: ms, done: false });
    return lastYield;
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
