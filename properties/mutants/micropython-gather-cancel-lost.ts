// Mutant (format 2, profile micropython): a cancelled gather owner, when it runs, cancels none of its children (breaks G6m; the model's micropython gather patched per run).
import { machinesFor } from '../../model/index.ts';
import type { Mutant } from './mutant.ts';

/**
 * MicroPython's `gather` cancels the unfinished children in its `except CancelledError` (`cancel_all`, G6m). Here
 * that cleanup is missing: the owner still receives its CancelledError, its gather is decided `gather-cancelled`, but
 * the action that arms the children's cancel for when the owner runs does nothing, so they run on to their own end
 * (nested gathers and await chains below them are never reached). Patched on the micropython gather machine only.
 */
function forgetChildrenWhenCallerRuns(): () => void {
  const actions = machinesFor('micropython').gather.implementations.actions as Record<string, unknown>;
  const original = actions.cancelChildrenWhenCallerRuns;
  actions.cancelChildrenWhenCallerRuns = () => {};
  return () => {
    actions.cancelChildrenWhenCallerRuns = original;
  };
}

export const micropythonGatherCancelLost: Mutant = {
  name: 'micropython-gather-cancel-lost',
  description:
    "under profile micropython, a cancelled gather owner runs its CancelledError but never cancels its unfinished children (G6m's cancel_all lost)",
  profile: 'micropython',
  patch: forgetChildrenWhenCallerRuns,
};
