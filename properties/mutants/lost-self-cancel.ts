// Mutant (format 2): a task's cancel of itself is kept only for its next suspension: returning first loses it (breaks T4h; Task/EventLoop prototypes patched per run).
import { EventLoop, Task } from '../../impl/index.ts';
import type { Mutant } from './mutant.ts';

type Suspend = (task: Task<unknown>, ...rest: unknown[]) => void;

/**
 * A self-cancel (T4f) is not left pending on the task: the patch takes the flag off at once and puts it back only
 * when the task reaches its next suspension (the loop's private suspendOnSleep / suspendOn), so the delivery there is
 * unchanged; a coroutine that returns before suspending again ends `returned` instead of `cancelled`.
 */
function loseSelfCancel(): () => void {
  const originalCancel = Task.prototype.cancel;
  const loop = EventLoop.prototype as unknown as Record<'suspendOnSleep' | 'suspendOn', Suspend>;
  const originals = { suspendOnSleep: loop.suspendOnSleep, suspendOn: loop.suspendOn };
  const deferred = new WeakSet<Task<unknown>>();
  Task.prototype.cancel = function (this: Task<unknown>): boolean {
    if (deferred.has(this)) return true; // already asked (pending, as far as it knows)
    const self = !this.done() && this._loop.currentTask() === this;
    const accepted = originalCancel.call(this);
    if (self && accepted && this._cancelPending) {
      this._cancelPending = false;
      deferred.add(this);
    }
    return accepted;
  };
  for (const name of ['suspendOnSleep', 'suspendOn'] as const) {
    const original = originals[name];
    loop[name] = function (this: EventLoop, task: Task<unknown>, ...rest: unknown[]) {
      if (deferred.delete(task)) task._cancelPending = true;
      return original.call(this, task, ...rest);
    };
  }
  return () => {
    Task.prototype.cancel = originalCancel;
    loop.suspendOnSleep = originals.suspendOnSleep;
    loop.suspendOn = originals.suspendOn;
  };
}

export const lostSelfCancel: Mutant = {
  name: 'lost-self-cancel',
  description:
    'a task that cancels itself keeps the cancel only for its next suspension: returning without suspending ends it returned (T4h)',
  patch: loseSelfCancel,
};
