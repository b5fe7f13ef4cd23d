// Property (format 2): a task awaiting another gets that task's result or exception at the moment it ends (T5, T4g).
import { heldIf, type OutcomeProperty } from './property-types.ts';
import type { TaskOutcome } from '../../model/outcome.ts';
import { traceViewOf } from '../lib/trace-view.ts';
import { stepsBodies, straightTo } from '../lib/format2-walk.ts';
import { jsonEqual, show, taskOutcome } from '../lib/values.ts';
import { PROFILE_CHOICES } from '../../model/profiles.ts';
import type { ScenarioV2 } from '../../model/scenario-types.ts';

/** What a task whose last step awaits `awaited` ends with, given its onCancel (§4b: it returns its current value). */
function expectedEnd(
  awaited: TaskOutcome,
  onCancel: unknown,
): { status: string; value?: unknown; error?: string; at: number } {
  if (awaited.status === 'returned') return { status: 'returned', value: awaited.value, at: awaited.at };
  if (awaited.status === 'raised') return { status: 'raised', error: awaited.error!, at: awaited.at };
  if (typeof onCancel === 'object' && onCancel !== null && 'swallow' in onCancel)
    return { status: 'returned', value: (onCancel as { swallow: unknown }).swallow, at: awaited.at };
  const cleanup =
    typeof onCancel === 'object' && onCancel !== null && 'cleanupMs' in onCancel
      ? (onCancel as { cleanupMs: number }).cleanupMs
      : 0;
  return { status: 'cancelled', at: awaited.at + cleanup };
}

const describeEnd = (o: { status: string; value?: unknown; error?: string; at: number }): string =>
  `${o.status}${o.status === 'returned' ? ` ${show(o.value)}` : o.status === 'raised' ? ` ${o.error}` : ''} @${o.at}`;

export const awaitResult: OutcomeProperty = {
  kind: 'outcome',
  name: 'await-result',
  description:
    "a task whose last step awaits another ends with that task's result or exception, when it ends (T5), a cancel forwarded meanwhile included (T4g)",
  profiles: ['seed', 'cpython', 'micropython'],
  // reads format 1 and 2; NOT_APPLICABLE on format 1, which has no await, shield, timeout or shutdown (§4b)
  formats: [1, 2],
  format2Only: true,
  // Engaged: a steps body whose last step is `await` reached it in a straight line (sleeps, creates, other tasks'
  // cancels before it, no cancel of its own first) and its end was compared with the awaited task's.
  check(scenario, outcome) {
    const view = traceViewOf(outcome);
    // R1m (micropython): with shutdown, the run stops when the awaiter ends: a task still waiting then stays pending
    const s = scenario as unknown as ScenarioV2;
    const stopAt =
      s.shutdown === true && PROFILE_CHOICES[s.profile].shutdownStopsAtOnce ? view.terminal('awaiter') : -1;
    let engaged = false;
    for (const body of stepsBodies(scenario)) {
      const last = body.steps.at(-1);
      if (last === undefined || last === 'hang' || !('await' in last)) continue;
      const at = straightTo(view, body, body.steps.length - 1);
      if (at === null || at.cancelBefore) continue;
      const target = last.await;
      const got = taskOutcome(outcome, body.path);
      const awaited = taskOutcome(outcome, target);
      if (got === undefined || awaited === undefined) continue;
      const awaitedEnd = view.terminal(target);
      if (at.suspended === -1 || (awaitedEnd !== -1 && awaitedEnd < at.reached)) {
        if (at.suspended !== -1 && view.eventsOf(body.path, 'cancel-requested').length > 0) continue;
        // no suspension: the awaited task had ended already; the body takes its result at once
        if (got.status === 'pending' || awaitedEnd === -1) continue;
        const want = expectedEnd(awaited, body.onCancel);
        if (want.status !== got.status || !jsonEqual(want.value, got.value) || want.error !== got.error) {
          return `${body.path} awaited ${target}, already ${describeEnd(awaited)}: it should end ${want.status}, got ${describeEnd(got)}`;
        }
        engaged = true;
        continue;
      }
      const cancels = view.eventsOf(body.path, 'cancel-requested');
      if (stopAt !== -1 && got.status === 'pending' && (awaitedEnd === -1 || awaitedEnd >= stopAt)) continue;
      if (awaitedEnd === -1) {
        // the awaited task never ends (an await cycle, a hang): neither does its awaiter (a forwarded cancel included)
        if (got.status !== 'pending')
          return `${body.path} awaits ${target}, which never ends, yet it ended ${describeEnd(got)}`;
        engaged = true;
        continue;
      }
      // a cancel arriving after the awaited task ended stays pending (T4b): another rule's
      if (cancels.some((i) => i > awaitedEnd)) continue;
      const want = expectedEnd(awaited, body.onCancel);
      engaged = true;
      if (
        want.status !== got.status ||
        !jsonEqual(want.value, got.value) ||
        want.error !== got.error ||
        want.at !== got.at
      ) {
        const forwarded =
          cancels.length > 0
            ? ` (a cancel of ${body.path} @${outcome.trace[cancels[0]!]!.at} was forwarded to it, T4g)`
            : '';
        return `${body.path} awaited ${target}, which ended ${describeEnd(awaited)}${forwarded}: ${body.path} should end ${describeEnd(want)}, got ${describeEnd(got)}`;
      }
    }
    return heldIf(engaged);
  },
};
