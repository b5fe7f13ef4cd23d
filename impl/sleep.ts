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

/**
 * The iterator `yield*` walks for a sleep: yields the delay once, then is done. A small object instead of a
 * generator (sleeps are the hottest await): same protocol, including throw() for a cancel at the sleep.
 */
class SleepSteps {
  private yielded = false;

  constructor(private readonly ms: number) {}

  [Symbol.iterator](): this {
    return this;
  }

  next(): IteratorResult<Suspension, void> {
    if (this.yielded) return { value: undefined, done: true };
    this.yielded = true;
    return { value: this.ms, done: false };
  }

  throw(error: unknown): never {
    this.yielded = true;
    throw error;
  }

  return(): IteratorResult<Suspension, void> {
    this.yielded = true;
    return { value: undefined, done: true };
  }
}
