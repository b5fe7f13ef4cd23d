// Property (cpython, micropython): when a gather raises, its unfinished children are not cancelled; they run to their own end (G3 variant).
import { NOT_APPLICABLE, heldIf, type OutcomeProperty } from './property-types.ts';
import { gatherOwners } from '../lib/scenario-walk.ts';
import { traceViewOf, describeEvent } from '../lib/trace-view.ts';
import { choicesOf } from '../lib/profile-rules.ts';
import { taskOutcome } from '../lib/values.ts';

export const siblingsKeepRunning: OutcomeProperty = {
  kind: 'outcome',
  name: 'siblings-keep-running',
  description: 'when a gather raises, its unfinished children keep running to their own end (nothing cancels them)',
  profiles: ['cpython', 'micropython'],
  // format 1 only: not yet shown to judge format 2 right (its format 2 cases are not judged, §4b)
  formats: [1],
  // Engaged: a gather raised while some child had not finished (one that should keep running).
  check(scenario, outcome) {
    if (choicesOf(scenario).siblingsCancelledOnFailure) return NOT_APPLICABLE;
    const view = traceViewOf(outcome);
    const trace = outcome.trace;
    let engaged = false;
    const scheduled = new Set(scenario.cancels.map((x) => `${x.at}\u0000${x.target}`));
    for (const owner of gatherOwners(scenario)) {
      const d = view.decision(owner.path);
      if (d === -1 || trace[d]!.event !== 'gather-raised') continue;
      const decidedAt = trace[d]!.at;
      const ownerFirstCancel = view.find(owner.path, 'cancel-requested');
      if (owner.children.some((c) => !view.endedBefore(c.path, d))) engaged = true;
      for (const c of owner.children) {
        // A child may be cancelled only by a scenario cancel aimed at it, or because its gather's owner was cancelled.
        for (const k of view.eventsOf(c.path, 'cancel-requested')) {
          const e = trace[k]!;
          const byScenario = scheduled.has(`${e.at}\u0000${c.path}`);
          const ownerCancelled = ownerFirstCancel !== -1 && ownerFirstCancel < k;
          if (!byScenario && !ownerCancelled) {
            return `${owner.path}'s gather raised @${decidedAt}; ${c.path} should keep running, but it was cancelled: ${describeEvent(e)} (event #${k})`;
          }
        }
        // An undisturbed leaf that was still running ends on its own time, as its scenario says.
        const got = taskOutcome(outcome, c.path);
        if (
          !('sleeps' in c.child) ||
          c.child.end === 'hang' ||
          view.find(c.path, 'cancel-requested') !== -1 ||
          got === undefined
        )
          continue;
        const created = view.find(c.path, 'created');
        if (created === -1 || got.at <= decidedAt) continue;
        const want = trace[created]!.at + c.child.sleeps.reduce((a, b) => a + b, 0);
        const status = 'return' in c.child.end ? 'returned' : 'raised';
        if (got.status !== status || got.at !== want) {
          return `${c.path} was still running when ${owner.path}'s gather raised @${decidedAt}: it should end ${status} @${want}, got ${got.status} @${got.at}`;
        }
      }
    }
    return heldIf(engaged);
  },
};
