// Mutant: a cancel that arrives while a task cleans up after a first cancel is lost (Task.prototype.cancel patched per run).
import { Task } from '../../impl/index.ts';
import type { Mutant } from './mutant.ts';

/** Makes every task accept one cancel only: later ones return true and do nothing (as a pending flag never cleared). */
function loseLaterCancels(): () => void {
  const original = Task.prototype.cancel;
  const cancelledOnce = new WeakSet<Task<unknown>>();
  Task.prototype.cancel = function (this: Task<unknown>): boolean {
    if (cancelledOnce.has(this)) return !this.done();
    const accepted = original.call(this);
    if (accepted) cancelledOnce.add(this);
    return accepted;
  };
  return () => {
    Task.prototype.cancel = original;
  };
}

export const cancelLostInCleanup: Mutant = {
  name: 'cancel-lost-in-cleanup',
  description: 'a second cancel, arriving while a task cleans up after the first, is ignored',
  patch: loseLaterCancels,
};
