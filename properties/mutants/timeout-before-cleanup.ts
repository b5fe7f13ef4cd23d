// Mutant (format 2): an expired timeout raises TimeoutError at its deadline, before the awaited task's cleanup ends (breaks TO2; EventLoop.prototype.callLater patched per run).
import { EventLoop, Task } from '../../impl/index.ts';
import type { Mutant } from './mutant.ts';

/**
 * A timer set by a running task is a timeout's deadline (only timeout() sets one, impl/timeout.ts). When it fires the
 * scope cancels its task as usual (the cancel is forwarded to an awaited task, T4g); then the patch stops waiting for
 * that task: the waiter leaves its waiters and gets CancelledError now, so the scope raises TimeoutError at the
 * deadline while the awaited task is still cleaning up (or about to return what it swallowed).
 */
function abandonAtDeadline(): () => void {
  const original = EventLoop.prototype.callLater;
  EventLoop.prototype.callLater = function (this: EventLoop, ms: number, fn: () => void) {
    const task = this.currentTask();
    if (task === null) return original.call(this, ms, fn);
    return original.call(this, ms, () => {
      fn();
      const awaited = task._waitingOn;
      if (task.done() || !(awaited instanceof Task) || awaited.done()) return;
      awaited.removeDoneCallback(task as never);
      task._cancelPending = true;
      task._wake();
    });
  } as EventLoop['callLater'];
  return () => {
    EventLoop.prototype.callLater = original;
  };
}

export const timeoutBeforeCleanup: Mutant = {
  name: 'timeout-before-cleanup',
  description:
    "an expired timeout raises TimeoutError at the deadline without waiting for the awaited task's cleanup to end (TO2)",
  patch: abandonAtDeadline,
};
