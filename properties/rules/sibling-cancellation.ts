// Property (seed): when a gather raises, every child not finished yet is cancelled at once, in argument order (G3, G7);
// format 2 too (a repeated argument once), unless the cascade reaches a steps child (its cancel depends on its step).
import { heldIf, type OutcomeProperty } from './property-types.ts';
import { gatherOwners } from '../lib/scenario-walk.ts';
import { traceViewOf } from '../lib/trace-view.ts';
import { expectedCascade, matchEvents, ownersByPath } from '../lib/cancel-cascade.ts';

export const siblingCancellation: OutcomeProperty = {
  kind: 'outcome',
  name: 'sibling-cancellation',
  description: 'when a gather raises, its unfinished children are cancelled right away, in argument order',
  profiles: ['seed'],
  formats: [1, 2], // §4b: through the one walk (lib/scenario-walk.ts), or the outcomes alone
  // Engaged: a gather raised while some child had not finished (there was a cancel to expect).
  check(scenario, outcome) {
    const view = traceViewOf(outcome);
    const owners = gatherOwners(scenario);
    const byPath = ownersByPath(owners);
    let engaged = false;
    for (const owner of owners) {
      const d = view.decision(owner.path);
      if (d === -1 || outcome.trace[d]!.event !== 'gather-raised') continue;
      const expected = expectedCascade(view, byPath, owner.path, d + 1);
      if (expected === null) continue; // a steps child to cancel: not judged on this case (§4b)
      if (expected.length > 0) engaged = true;
      const bad = matchEvents(
        outcome.trace,
        d + 1,
        expected,
        outcome.trace[d]!.at,
        `after ${owner.path}'s gather raised`,
      );
      if (bad !== null) return bad;
    }
    return heldIf(engaged);
  },
};
