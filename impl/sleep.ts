// Sleeping: `yield* sleepMs(ms)` suspends the calling task for ms (0 = yield once to the ready queue, S3).
import type { Coro } from './coro.ts';
import { checkDelay } from './event-loop.ts';
import { getRunningLoop } from './running.ts';

/** Suspends the current task for `ms` milliseconds (RangeError if negative, NaN or infinite). */
export function sleepMs(ms: number): Coro<void> {
  checkDelay('sleepMs', ms);
  getRunningLoop('sleepMs()');
  return sleepSteps(ms);
}

/** Suspends the current task for `seconds` seconds (asyncio's sleep). */
export function sleep(seconds: number): Coro<void> {
  checkDelay('sleep', seconds, 'seconds');
  return sleepMs(seconds * 1000);
}

function* sleepSteps(ms: number): Coro<void> {
  yield ms;
}
