// Timeouts (docs/rules.md TO1–TO5): `timeout(ms, body)` runs a body in the calling task with a deadline (asyncio's
// `async with timeout()`); `waitFor(aw, ms)` bounds one awaitable (asyncio 3.12's wait_for, which is that scope).
import type { Coro } from './coro.ts';
import { CancelledError, InvalidStateError, TimeoutError } from './errors.ts';
import { checkDelay } from './event-loop.ts';
import { Future } from './future.ts';
import { getRunningLoop } from './running.ts';

/**
 * Runs `body` (a coroutine, or a task or future to await) inside the calling task; if it has not ended `ms` from now,
 * the task is cancelled (TO1) and, once the body has let that CancelledError out (its cleanup done), `TimeoutError`
 * is raised instead (TO2). A cancel from anyone else meanwhile stays a CancelledError (TO3). A body that swallows
 * the cancel and returns gives its value (TO4).
 *
 * @example
 * const page = yield* timeout(100, fetch('a', 250));   // TimeoutError at t = 100 (plus fetch's cleanup)
 */
export function* timeout<T>(ms: number, body: Coro<T> | Future<T>): Coro<T> {
  checkDelay('timeout', ms);
  const loop = getRunningLoop('timeout()');
  const task = loop.currentTask();
  if (task === null) throw new InvalidStateError('timeout() must be used inside a task');
  const requestsAtEntry = task.cancelling();
  let expired = false;
  // TO1: the deadline is a timer set on entry, so it fires before any timer the body sets for the same instant.
  const deadline = loop.callLater(ms, () => {
    expired = true;
    task.cancel();
  });
  let value: T;
  try {
    value = yield* body;
  } catch (error) {
    deadline.cancel();
    // TO2/TO3: ours to convert only if no other cancel request is still standing.
    if (expired && task.uncancel() <= requestsAtEntry && error instanceof CancelledError) {
      throw new TimeoutError(`the ${ms} ms timeout of ${task.describe()} expired`);
    }
    throw error;
  }
  deadline.cancel();
  if (expired) task.uncancel(); // TO4: the body swallowed our cancel and returned
  return value;
}

/**
 * Waits for `aw` at most `ms` (asyncio 3.12's wait_for: a coroutine runs inside the calling task, under `timeout`).
 * With `ms` = 0 a coroutine is wrapped in a task that is cancelled before it starts, and an awaitable not done yet is
 * cancelled at once; both give TimeoutError once it has ended cancelled (TO5).
 *
 * @example
 * const v = yield* waitFor(fetch('a', 50), 100);   // 'a' at t = 50
 */
export function* waitFor<T>(aw: Coro<T> | Future<T>, ms: number): Coro<T> {
  checkDelay('waitFor', ms);
  if (ms > 0) return yield* timeout(ms, aw);
  const future = aw instanceof Future ? aw : getRunningLoop('waitFor()').createTask(aw);
  if (future.done()) return future.result();
  future.cancel();
  try {
    return yield* future;
  } catch (error) {
    // Stryker disable next-line LogicalOperator: equivalent: what it awaits ends in CancelledError exactly when it was cancelled (G8), so && and || agree
    if (error instanceof CancelledError && future.cancelled())
      throw new TimeoutError('waitFor(…, 0): not done at once');
    throw error;
  }
}
