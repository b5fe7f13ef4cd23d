// Mutant (format 2): cancelling a task that awaits a shield cancels the shielded task too (breaks SH1; Future/Task prototypes patched per run).
import { Future, Task } from '../../impl/index.ts';
import type { Mutant } from './mutant.ts';

/**
 * shield() adds its follower to the inner task, then a done callback to its own future (impl/shield.ts): the patch
 * pairs each shield future with the task last given a done callback, and a cancel of a task awaiting a shield
 * future cancels that task too, as if the shield were not there.
 */
function forwardThroughShields(): () => void {
  const originalAdd = Future.prototype.addDoneCallback;
  const originalCancel = Task.prototype.cancel;
  const innerOf = new WeakMap<Future<unknown>, Task<unknown>>();
  let lastTask: Task<unknown> | null = null;
  Future.prototype.addDoneCallback = function (
    this: Future<unknown>,
    ...args: Parameters<Future<unknown>['addDoneCallback']>
  ) {
    if (this instanceof Task) lastTask = this;
    else if (this.describe() === 'shield' && lastTask !== null && !innerOf.has(this)) innerOf.set(this, lastTask);
    return originalAdd.apply(this, args);
  } as Future<unknown>['addDoneCallback'];
  Task.prototype.cancel = function (this: Task<unknown>): boolean {
    const waiting = this._waitingOn;
    const accepted = originalCancel.call(this);
    const inner = waiting === null ? undefined : innerOf.get(waiting);
    if (accepted && inner !== undefined) inner.cancel();
    return accepted;
  };
  return () => {
    Future.prototype.addDoneCallback = originalAdd;
    Task.prototype.cancel = originalCancel;
  };
}

export const shieldForwardsCancel: Mutant = {
  name: 'shield-forwards-cancel',
  description: 'a cancel of a task awaiting shield(t) cancels t too, as if unshielded (SH1)',
  patch: forwardThroughShields,
};
