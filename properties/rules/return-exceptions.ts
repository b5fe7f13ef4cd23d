// Property: with return_exceptions a gather never raises; it waits for every child and lists exceptions as entries (G4).
import { heldIf, type OutcomeProperty } from './property-types.ts';
import { gatherOwners } from '../lib/scenario-walk.ts';
import { traceViewOf, describeEvent } from '../lib/trace-view.ts';
import { entryOf, jsonEqual, show, taskOutcome } from '../lib/values.ts';

export const returnExceptions: OutcomeProperty = {
  kind: 'outcome',
  name: 'return-exceptions',
  description: 'with return_exceptions a gather never raises, returns once all children end, exceptions as entries',
  profiles: ['seed', 'cpython', 'micropython'],
  formats: [1, 2], // §4b: through the one walk (lib/scenario-walk.ts), or the outcomes alone
  // Engaged: a return_exceptions gather with a failed child (raised or cancelled) had its result compared.
  check(scenario, outcome) {
    const view = traceViewOf(outcome);
    const trace = outcome.trace;
    let engaged = false;
    for (const owner of gatherOwners(scenario)) {
      if (!owner.node.returnExceptions) continue;
      const gs = view.gatherStarted(owner.path);
      if (gs === -1) continue;
      const d = view.decision(owner.path);
      if (d !== -1 && trace[d]!.event === 'gather-raised')
        return `${owner.path}'s gather has return_exceptions but raised (event #${d})`;
      if (d !== -1 && trace[d]!.event === 'gather-cancelled') continue;
      // Every child ended: the gather must have returned by then.
      let last = gs;
      let allEnded = true;
      for (const c of owner.children) {
        const t = view.terminal(c.path);
        if (t === -1) allEnded = false;
        else last = Math.max(last, t);
      }
      if (!allEnded) {
        if (d !== -1) return `${owner.path}'s gather returned (event #${d}) while a child is still running`;
        continue;
      }
      if (d === -1 || d < last)
        return `${owner.path}'s gather should return after its last child ended (event #${last}), got ${describeEvent(trace[d])}`;
      const end = view.terminal(owner.path);
      // a cancel of the owner from its gather's start may reach it once decided (T4b; R1c's shutdown, traced before)
      const laterCancel = view.find(owner.path, 'cancel-requested', Math.max(0, view.gatherStarted(owner.path)));
      if (end === -1 || (laterCancel !== -1 && laterCancel < end)) continue;
      const expected = owner.children.map((c) => entryOf(taskOutcome(outcome, c.path)!) ?? null);
      const got = taskOutcome(outcome, owner.path);
      if (
        owner.children.some((c) => {
          const s = taskOutcome(outcome, c.path)?.status;
          return s === 'raised' || s === 'cancelled';
        })
      )
        engaged = true;
      if (got?.status !== 'returned' || !jsonEqual(got.value, expected)) {
        return `${owner.path} should return ${show(expected)} (exceptions as entries), got ${got?.status} ${show(got?.value ?? got?.error)}`;
      }
    }
    return heldIf(engaged);
  },
};
