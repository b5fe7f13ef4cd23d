// Property (format 2): an outer cancel standing when a timeout expires stays a CancelledError, never a TimeoutError (TO3).
import { heldIf, type OutcomeProperty } from './property-types.ts';
import { AWAITER, type ScenarioV2 } from '../../model/scenario-types.ts';
import { PROFILE_CHOICES } from '../../model/profiles.ts';
import { traceViewOf } from '../lib/trace-view.ts';
import { sleepsOnly, stepsBodies, straightTo } from '../lib/format2-walk.ts';
import { jsonEqual, show, taskOutcome } from '../lib/values.ts';

export const timeoutVsCancel: OutcomeProperty = {
  kind: 'outcome',
  name: 'timeout-vs-cancel',
  description:
    'a task cancelled from outside while inside timeout(ms), at the deadline or before it, ends by CancelledError, never TimeoutError (TO3)',
  profiles: ['seed', 'cpython'],
  // reads format 1 and 2; NOT_APPLICABLE on format 1, which has no await, shield, timeout or shutdown (§4b)
  formats: [1, 2],
  format2Only: true,
  // Engaged: a scenario `cancels` entry reached a task inside a timeout scope (the awaiter's gather under
  // `timeoutMs`, or a steps body's `timeout` of sleeps reached in a straight line) at or before its deadline, as
  // its first cancel; its end was compared with a CancelledError's.
  check(scenario, outcome) {
    const s = scenario as unknown as ScenarioV2;
    if (s.loopcheck !== 2) return heldIf(false);
    const view = traceViewOf(outcome);
    const trace = outcome.trace;
    let engaged = false;
    // scopes: [task path, entry time, deadline, last instant still inside, its onCancel]
    const scopes: Array<{ path: string; from: number; deadline: number; until: number; onCancel: unknown }> = [];
    if (s.timeoutMs !== undefined) {
      const from = s.gatherAfter ?? 0;
      scopes.push({ path: AWAITER, from, deadline: from + s.timeoutMs, until: Infinity, onCancel: 'propagate' });
    }
    for (const body of stepsBodies(scenario)) {
      const k = body.steps.findIndex((x) => x !== 'hang' && 'timeout' in x);
      if (k === -1) continue;
      const step = body.steps[k] as { timeout: number; steps: [] };
      const span = sleepsOnly(step.steps);
      const at = straightTo(view, body, k);
      if (span === null || at === null) continue;
      const from = trace[at.reached]!.at;
      scopes.push({
        path: body.path,
        from,
        deadline: from + step.timeout,
        until: from + span,
        onCancel: body.onCancel,
      });
    }
    for (const scope of scopes) {
      const cancel = s.cancels.find(
        (c) => c.target === scope.path && c.at > scope.from && c.at <= scope.deadline && c.at <= scope.until,
      );
      if (cancel === undefined) continue;
      const first = view.find(scope.path, 'cancel-requested');
      // the scenario's cancel was this task's first request (no cancel before, and it had not ended)
      if (first === -1 || trace[first]!.at !== cancel.at) continue;
      const got = taskOutcome(outcome, scope.path)!;
      engaged = true;
      if (got.status === 'raised' && got.error === 'TimeoutError') {
        return `${scope.path} was cancelled @${cancel.at} inside its timeout (deadline @${scope.deadline}): an outer cancel must stay CancelledError (TO3), got TimeoutError @${got.at}`;
      }
      const h = scope.onCancel;
      // the awaiter's gather under `timeoutMs`: woken at once where G6 says so (seed); under cpython once its
      // children have ended (G6, awaiter-cancel-timing's): then only the exception type is compared
      const atOnce = scope.path !== AWAITER || PROFILE_CHOICES[s.profile].callerWokenAtOnceOnAwaiterCancel;
      if (scope.path === AWAITER || h === 'propagate') {
        if (got.status !== 'cancelled' || (atOnce && got.at !== cancel.at))
          return `${scope.path} was cancelled @${cancel.at} inside its timeout (deadline @${scope.deadline}): it should end cancelled @${cancel.at} (TO3), got ${got.status} @${got.at}`;
      } else if (typeof h === 'object' && h !== null && 'swallow' in h) {
        if (got.status !== 'returned' || !jsonEqual(got.value, (h as { swallow: unknown }).swallow))
          return `${scope.path} was cancelled @${cancel.at} inside its timeout and swallows: it should return ${show((h as { swallow: unknown }).swallow)}, got ${got.status} @${got.at}`;
      }
    }
    return heldIf(engaged);
  },
};
