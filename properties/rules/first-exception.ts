// Property: without return_exceptions the first child to fail in time decides the gather, and its owner re-raises it (G3).
import { heldIf, type OutcomeProperty } from './property-types.ts';
import { gatherOwners } from '../lib/scenario-walk.ts';
import { CANCELLED_ERROR, traceViewOf, describeEvent } from '../lib/trace-view.ts';
import { jsonEqual, show, taskOutcome } from '../lib/values.ts';

export const firstException: OutcomeProperty = {
  kind: 'outcome',
  name: 'first-exception',
  description: 'without return_exceptions the first child exception in time is re-raised, at the time it happens',
  profiles: ['seed'],
  formats: [1, 2], // §4b: through the one walk (lib/scenario-walk.ts), or the outcomes alone
  // Engaged: a gather without return_exceptions had a child fail before it decided, or raised.
  check(scenario, outcome) {
    const view = traceViewOf(outcome);
    const trace = outcome.trace;
    let engaged = false;
    for (const owner of gatherOwners(scenario)) {
      if (owner.node.returnExceptions) continue;
      const gs = view.gatherStarted(owner.path);
      if (gs === -1) continue;
      const d = view.decision(owner.path);
      let firstFail = -1;
      for (const c of owner.children) {
        const t = view.terminal(c.path);
        if (t !== -1 && trace[t]!.event !== 'returned' && (firstFail === -1 || t < firstFail)) firstFail = t;
      }
      const failedFirst = firstFail !== -1 && (d === -1 || firstFail < d);
      if (failedFirst || (d !== -1 && trace[d]!.event === 'gather-raised')) engaged = true;
      if (failedFirst && (d === -1 || trace[d]!.event !== 'gather-raised')) {
        return `${describeEvent(trace[firstFail])} should decide ${owner.path}'s gather (gather-raised), got ${describeEvent(trace[d])}`;
      }
      if (d === -1 || trace[d]!.event !== 'gather-raised') continue;
      if (firstFail === -1 || firstFail > d)
        return `${owner.path}'s gather raised (event #${d}) but no child had failed`;
      const failAt = Math.max(trace[firstFail]!.at, trace[gs]!.at);
      if (trace[d]!.at !== failAt)
        return `${owner.path}'s gather raised @${trace[d]!.at}, expected @${failAt} (first failure)`;
      // The owner ends with that exception, unless a cancel replaced it before it resumed.
      const end = view.terminal(owner.path);
      const laterCancel = view.find(owner.path, 'cancel-requested', d);
      if (end === -1 || (laterCancel !== -1 && laterCancel < end)) continue;
      const failed = trace[firstFail]!;
      const error = failed.event === 'cancelled' ? CANCELLED_ERROR : taskOutcome(outcome, failed.task)?.error;
      const got = taskOutcome(outcome, owner.path);
      if (error === CANCELLED_ERROR) {
        const swallow =
          typeof owner.onCancel === 'object' && 'swallow' in owner.onCancel ? owner.onCancel.swallow : undefined;
        const ok =
          got?.status === 'cancelled' ||
          (swallow !== undefined && got?.status === 'returned' && jsonEqual(got.value, swallow));
        if (!ok)
          return `${owner.path} should end by the CancelledError of ${failed.task}, got ${got?.status} ${show(got?.value ?? got?.error)}`;
      } else if (got?.status !== 'raised' || got.error !== error) {
        return `${owner.path} should re-raise ${error} (first exception, from ${failed.task}), got ${got?.status} ${show(got?.error ?? got?.value)}`;
      }
    }
    return heldIf(engaged);
  },
};
