// Property: a gather that returns gives its children's results in argument order, not completion order (G4).
import { heldIf, type OutcomeProperty } from './property-types.ts';
import { gatherOwners } from '../lib/scenario-walk.ts';
import { traceViewOf } from '../lib/trace-view.ts';
import { childOutcome, entryOf, jsonEqual, show, taskOutcome } from '../lib/values.ts';

export const orderPreservation: OutcomeProperty = {
  kind: 'outcome',
  name: 'order-preservation',
  description: "a returning gather lists its children's results in argument order",
  profiles: ['seed', 'cpython', 'micropython'],
  formats: [1, 2], // §4b: through the one walk (lib/scenario-walk.ts), or the outcomes alone
  // Engaged: a returning gather of two or more children had its owner's result compared (one child has no order).
  check(scenario, outcome) {
    const view = traceViewOf(outcome);
    let engaged = false;
    for (const owner of gatherOwners(scenario)) {
      const d = view.decision(owner.path);
      if (d === -1 || outcome.trace[d]!.event !== 'gather-returned') continue;
      const expected = [];
      for (const c of owner.children) {
        if (!view.endedBefore(c.path, d)) return `${owner.path}'s gather returned (event #${d}) before ${c.path} ended`;
        const child = childOutcome(outcome, c.path);
        const entry = child === undefined ? undefined : entryOf(child);
        if (entry === undefined) return `${owner.path}'s gather returned but ${c.path} has no finished outcome`;
        expected.push(entry);
      }
      const end = view.terminal(owner.path);
      // a cancel of the owner from its gather's start may reach it once decided (T4b; under cpython a shutdown's
      // cancel traced before the decision, R1c): then it need not return the list
      const laterCancel = view.find(owner.path, 'cancel-requested', Math.max(0, view.gatherStarted(owner.path)));
      if (end === -1 || (laterCancel !== -1 && laterCancel < end)) continue;
      const got = taskOutcome(outcome, owner.path);
      if (owner.children.length >= 2) engaged = true;
      if (got?.status !== 'returned' || !jsonEqual(got.value, expected)) {
        return `${owner.path} should return ${show(expected)} (results in argument order), got ${got?.status} ${show(got?.value)}`;
      }
    }
    return heldIf(engaged);
  },
};
