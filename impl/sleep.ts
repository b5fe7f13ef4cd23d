// Sleeping: `yield* sleepMs(ms)` suspends the calling task for ms (0 = yield once to the ready queue, S3).
import type { Coro, Suspension } from './coro.ts';
import { checkDelay } from './event-loop.ts';
import { getRunningLoop } from './running.ts';

/** Suspends the current task for `ms` milliseconds (RangeError if negative, NaN or infinite). */
export function sleepMs(ms: number): Coro<void> {
  checkDelay('sleepMs', ms);
  getRunningLoop('sleepMs()');
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
 * The iterator `yield*` walks for a sleep: yields the delay once, then is done. A small object instead of a
 * generator (sleeps are the hottest await): same protocol, including throw() for a cancel at the sleep.
 * Its results are frozen shared objects, because a suspended generator keeps its last result alive: one per task
 * would cost as much as the iterator.
 */
class SleepSteps {
  /** The delay, or -1 once it has been yielded (delays are never negative: one field instead of two). */
  private ms: number;

  constructor(ms: number) {
    this.ms = ms;
  }

  [Symbol.iterator](): this {
    return this;
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
