// Mutant (format 2): a cancel of a task awaiting a task is kept by the awaiting task, never forwarded (breaks T4g; Task.prototype.cancel patched per run).
import { Task } from '../../impl/index.ts';
import type { Mutant } from './mutant.ts';

/**
 * While the original cancel() runs, the awaiting task seems to wait on nothing (T4b's path): its cancel stays pending
 * and is delivered only when the awaited task ends and wakes it; the awaited task, and the chain below it, run on.
 */
function keepCancelAtTheAwait(): () => void {
  const original = Task.prototype.cancel;
  Task.prototype.cancel = function (this: Task<unknown>): boolean {
    const awaited = this._waitingOn;
    if (!(awaited instanceof Task) || this.done()) return original.call(this);
    this._waitingOn = null;
    try {
      return original.call(this);
    } finally {
      this._waitingOn = awaited;
    }
  };
  return () => {
    Task.prototype.cancel = original;
  };
}

export const awaitCancelNotForwarded: Mutant = {
  name: 'await-cancel-not-forwarded',
  description:
    'a cancel of a task awaiting a task stays with it until the awaited task ends; the awaited task is never cancelled (T4g)',
  patch: keepCancelAtTheAwait,
};
