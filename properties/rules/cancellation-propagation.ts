// Property: a scheduled cancel reaches a live task; cancelling a task that awaits a gather cancels every running child at
// once; a cancelled task goes no further. Format 2 (§4b) too: the third clause for leaves and gather bodies without a
// timeout only (a steps child's cancel depends on its step: forwarded by an await, T4g; turned into TimeoutError, TO2).
import { heldIf, type OutcomeProperty } from './property-types.ts';
import { AWAITER } from '../../model/scenario-types.ts';
import { isStepsChild, type AnyScenario, type GatherNodeV2, type OnCancel } from '../../model/scenario-types.ts';
import { allChildren, gatherOwners } from '../lib/scenario-walk.ts';
import { traceViewOf, describeEvent } from '../lib/trace-view.ts';
import { expectedCascade, matchEvents, ownersByPath } from '../lib/cancel-cascade.ts';
import { jsonEqual, show, taskOutcome } from '../lib/values.ts';

export const cancellationPropagation: OutcomeProperty = {
  kind: 'outcome',
  name: 'cancellation-propagation',
  description:
    'a cancel reaches a live task (even in its cleanup); a cancelled gather cancels every running child at once; a cancelled task ends cancelled unless it swallows',
  profiles: ['seed'],
  formats: [1, 2], // §4b: through the one walk (lib/scenario-walk.ts), or the outcomes alone
  // Engaged: a scheduled cancel found its target alive (the first clause), or a cancel reached a task waiting on an
  // undecided gather (the second). The third clause runs on every cancelled task but does not engage on its own:
  // sibling cancellation alone would make the property look exercised while no scheduled cancel reached anything.
  check(scenario, outcome) {
    const view = traceViewOf(outcome);
    const trace = outcome.trace;
    const owners = gatherOwners(scenario);
    const byPath = ownersByPath(owners);
    let engaged = false;
    // Every scheduled cancel of a task created before it and ending after it is requested then (T4: a cancel during
    // the cleanup after an earlier cancel is a new request). Same-instant ties are left alone.
    for (const cancel of scenario.cancels) {
      const created = view.find(cancel.target, 'created');
      if (created === -1 || trace[created]!.at >= cancel.at) continue;
      const end = view.terminal(cancel.target);
      if (end !== -1 && trace[end]!.at <= cancel.at) continue;
      engaged = true;
      const requested = view.eventsOf(cancel.target, 'cancel-requested').some((i) => trace[i]!.at === cancel.at);
      if (!requested)
        return `the scenario cancels ${cancel.target} @${cancel.at}, while it is running, but there is no cancel-requested for it then`;
    }
    // G6: a cancel reaching a task suspended on an undecided gather cancels the gather, then its children.
    for (let k = 0; k < trace.length; k++) {
      const e = trace[k]!;
      if (e.event !== 'cancel-requested' || !byPath.has(e.task) || !view.inUndecidedGatherBefore(e.task, k)) continue;
      const expected = expectedCascade(view, byPath, e.task, k + 1, [{ task: e.task, event: 'gather-cancelled' }]);
      if (expected === null) continue; // a steps child to cancel: not judged on this case (§4b)
      engaged = true;
      const bad = matchEvents(trace, k + 1, expected, e.at, `after ${e.task}'s cancel-requested @${e.at}`);
      if (bad !== null) return bad;
    }
    // A task asked to cancel ends cancelled (or returns its swallow value), on time, without finishing its work.
    const v2 = (scenario as AnyScenario).loopcheck === 2;
    const onCancelOf = new Map<string, OnCancel | undefined>();
    if ((scenario as AnyScenario as GatherNodeV2).timeoutMs === undefined) onCancelOf.set(AWAITER, undefined);
    for (const c of allChildren(scenario)) {
      if (isStepsChild(c.child) || ('gather' in c.child && c.child.gather.timeoutMs !== undefined)) continue;
      onCancelOf.set(c.path, c.child.onCancel);
    }
    for (const [path, onCancel] of onCancelOf) {
      const requests = view.eventsOf(path, 'cancel-requested');
      if (requests.length === 0) continue;
      const first = requests[0]!;
      const end = view.terminal(path);
      if (end !== -1 && end < first) return `${path} got cancel-requested (event #${first}) after it ended`;
      if (end === -1) return `${path} was asked to cancel @${trace[first]!.at} but never ended`;
      const endEvent = trace[end]!;
      const got = taskOutcome(outcome, path);
      const started = view.find(path, 'started');
      const ranBody = started !== -1 && started < first;
      // Format 2: a cancel reaching a task while it runs (forwarded by a task awaiting it, T4g) is pending until its
      // next suspension, and a body that ends first ends as T4h says: another rule's
      if (v2 && ranBody) {
        const before = view.indexesOf(path).filter((i) => i < first && trace[i]!.event !== 'cancel-requested');
        if (trace[before.at(-1)!]!.event !== 'suspended') continue;
      }
      if (!ranBody) {
        if (endEvent.event !== 'cancelled' || endEvent.at !== trace[first]!.at) {
          return `${path} was cancelled before it started, so it should end cancelled @${trace[first]!.at} without running; got ${describeEvent(endEvent)}`;
        }
        continue;
      }
      if (typeof onCancel === 'object' && 'swallow' in onCancel) {
        if (got?.status !== 'returned' || !jsonEqual(got.value, onCancel.swallow) || endEvent.at !== trace[first]!.at) {
          return `${path} swallows the cancel: it should return ${show(onCancel.swallow)} @${trace[first]!.at}, got ${got?.status} ${show(got?.value ?? got?.error)} @${endEvent.at}`;
        }
        continue;
      }
      if (endEvent.event !== 'cancelled')
        return `${path} was asked to cancel @${trace[first]!.at} but ended ${describeEvent(endEvent)}`;
      const cleanup = typeof onCancel === 'object' && 'cleanupMs' in onCancel ? onCancel.cleanupMs : 0;
      const want = requests.length > 1 ? trace[requests[requests.length - 1]!]!.at : trace[first]!.at + cleanup;
      // A gather child whose gather already raised may be in its cleanup when the cancel comes: it ends at once.
      const d = view.decision(path);
      const maybeInCleanup = cleanup > 0 && d !== -1 && d < first && trace[d]!.event === 'gather-raised';
      if (endEvent.at !== want && !(maybeInCleanup && endEvent.at === trace[first]!.at)) {
        return `${path} should end cancelled @${want} (cancel @${trace[first]!.at}${cleanup > 0 ? ` + cleanup ${cleanup}` : ''}), got @${endEvent.at}`;
      }
    }
    return heldIf(engaged);
  },
};
