// Mutant (format 2): a task awaiting a task forwards a cancel and keeps it pending too (breaks T4g; Task.prototype.cancel patched per run).
import { Task } from '../../impl/index.ts';
import type { Mutant } from './mutant.ts';

/** After the forward the awaiting task is left with its own pending cancel: it gets CancelledError, whatever the awaited task ends with. */
function keepForwardedCancel(): () => void {
  const original = Task.prototype.cancel;
  Task.prototype.cancel = function (this: Task<unknown>): boolean {
    const awaited = this._waitingOn;
    const forwarding = !this._cancelPending && this._started && awaited instanceof Task && !awaited.done();
    const accepted = original.call(this);
    if (forwarding && accepted && !this.done()) this._cancelPending = true;
    return accepted;
  };
  return () => {
    Task.prototype.cancel = original;
  };
}

export const cancelKeptAfterForward: Mutant = {
  name: 'cancel-kept-after-forward',
  description:
    'a task awaiting a task forwards a cancel to it but keeps its own pending, so a swallowed cancel is not swallowed (T4g)',
  patch: keepForwardedCancel,
};
