// Mutant (format 2): an expired timeout turns every CancelledError into TimeoutError, an outer cancel's too (breaks TO3; Task.prototype.uncancel patched per run).
import { Task } from '../../impl/index.ts';
import type { Mutant } from './mutant.ts';

/** uncancel() reports no request left standing, so the scope never sees an outer cancel (impl/timeout.ts reads it). */
function forgetOuterRequests(): () => void {
  const original = Task.prototype.uncancel;
  Task.prototype.uncancel = function (this: Task<unknown>): number {
    original.call(this);
    return 0;
  };
  return () => {
    Task.prototype.uncancel = original;
  };
}

export const outerCancelAsTimeout: Mutant = {
  name: 'outer-cancel-as-timeout',
  description: 'a timeout that expired raises TimeoutError even when an outer cancel stands too (TO3)',
  patch: forgetOuterRequests,
};
