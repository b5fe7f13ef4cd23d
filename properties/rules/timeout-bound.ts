// Property (format 2): a timeout wakes its task at the deadline, never before, and a scope still running then raises TimeoutError at once (TO1, TO2).
import { HELD, NOT_APPLICABLE, heldIf, type OutcomeProperty, type Verdict } from './property-types.ts';
import type { Scenario } from '../../model/scenario-types.ts';
import type { Outcome } from '../../model/outcome.ts';
import { DECISION_EVENTS, traceViewOf } from '../lib/trace-view.ts';
import {
  allSteps,
  otherCancelRoutes,
  sleepsOnly,
  stepsBodies,
  straightTo,
  type StepsBody,
} from '../lib/format2-walk.ts';
import { taskOutcome } from '../lib/values.ts';

const TIMEOUT_ERROR = 'TimeoutError';

/**
 * TO2 through an await: a `timeout` whose inner steps are one `await` of a task still running at the deadline. The
 * deadline's cancel is forwarded to that task (T4g) and the scope waits for it: a TimeoutError comes only once the
 * awaited task has ended (its cleanup done), never before — and, when nothing else cancels the body, exactly then if
 * it ended cancelled. NOT_APPLICABLE for any other timeout.
 */
function throughAwait(
  scenario: Scenario,
  outcome: Outcome,
  body: StepsBody,
  step: { timeout: number; steps: readonly unknown[] },
  at: { reached: number; suspended: number },
): Verdict {
  const inner = step.steps;
  const only = inner.length === 1 ? (inner[0] as object) : null;
  if (only === null || !('await' in only) || at.suspended === -1) return NOT_APPLICABLE;
  if (
    allSteps(body.steps).filter((x) => x !== 'hang' && ('timeout' in x || 'await' in x || 'shield' in x)).length !== 2
  )
    return NOT_APPLICABLE; // another await or timeout of the body may raise its own TimeoutError
  const view = traceViewOf(outcome);
  const trace = outcome.trace;
  const target = (only as { await: string }).await;
  const deadline = trace[at.reached]!.at + step.timeout;
  const c = view.find(body.path, 'cancel-requested', at.suspended);
  const woken = view.find(body.path, 'resumed', at.suspended);
  if (c === -1 || trace[c]!.at !== deadline || (woken !== -1 && woken < c)) return NOT_APPLICABLE;
  const innerEnd = view.terminal(target);
  if (innerEnd !== -1 && innerEnd < c) return NOT_APPLICABLE; // it had ended: the body was woken already
  const got = taskOutcome(outcome, body.path)!;
  const end = view.terminal(body.path);
  if (got.status === 'raised' && got.error === TIMEOUT_ERROR && (innerEnd === -1 || innerEnd > end))
    return `${body.path}'s timeout(${step.timeout}) expired @${deadline} while it awaited ${target}: it raised TimeoutError @${got.at}, before ${target} ended${innerEnd === -1 ? '' : ` (@${trace[innerEnd]!.at})`} — the scope must wait for the inner's cleanup (TO2)`;
  const inner_ = taskOutcome(outcome, target);
  const innerAt = inner_?.at ?? Number.NaN;
  const shared =
    otherCancelRoutes(scenario, body.path) ||
    view.eventsOf(body.path, 'cancel-requested').some((i) => i !== c && (end === -1 || i < end)) || // a gather's G6, …
    trace.some((e) => (e.at === deadline || e.at === innerAt) && DECISION_EVENTS.includes(e.event));
  if (
    !shared &&
    inner_?.status === 'cancelled' &&
    (got.status !== 'raised' || got.error !== TIMEOUT_ERROR || got.at !== innerAt)
  )
    return `${body.path}'s timeout(${step.timeout}) expired @${deadline} while it awaited ${target}, which ended cancelled @${innerAt}: it should raise TimeoutError @${innerAt} (TO2), got ${got.status}${got.error === undefined ? '' : ` ${got.error}`} @${got.at}`;
  return HELD;
}

export const timeoutBound: OutcomeProperty = {
  kind: 'outcome',
  name: 'timeout-bound',
  description:
    'a task inside timeout(ms) is cancelled at the deadline, never raises TimeoutError before it, and a body of sleeps still running then raises it at the deadline (TO1, TO2)',
  profiles: ['seed', 'cpython'],
  // reads format 1 and 2; NOT_APPLICABLE on format 1, which has no await, shield, timeout or shutdown (§4b)
  formats: [1, 2],
  format2Only: true,
  // Engaged: a steps body reached a `timeout` step of sleeps only in a straight line, with no cancel of its own
  // before; its cancel at the deadline (or none, when the sleeps end first) and its end were compared.
  check(scenario, outcome) {
    const view = traceViewOf(outcome);
    const trace = outcome.trace;
    let engaged = false;
    for (const body of stepsBodies(scenario)) {
      const k = body.steps.findIndex((s) => s !== 'hang' && 'timeout' in s);
      if (k === -1) continue;
      const step = body.steps[k] as { timeout: number; steps: [] };
      const span = sleepsOnly(step.steps);
      const at = straightTo(view, body, k);
      if (at === null || at.cancelBefore) continue;
      if (span === null) {
        const verdict = throughAwait(scenario, outcome, body, step, at);
        if (verdict === HELD) engaged = true;
        else if (typeof verdict === 'string') return verdict;
        continue;
      }
      const t0 = trace[at.reached]!.at;
      const deadline = t0 + step.timeout;
      const got = taskOutcome(outcome, body.path)!;
      const c = view.find(body.path, 'cancel-requested', at.reached);
      const cAt = c === -1 ? Infinity : trace[c]!.at;
      // another timeout step of the body may raise its own TimeoutError: then only TO1's cancel is read
      // (and an awaited or shielded task's TimeoutError reaches it as its own exception)
      const others = allSteps(body.steps).filter(
        (x) => x !== 'hang' && ('timeout' in x || 'await' in x || 'shield' in x),
      );
      const single = others.length === 1;
      // TO2: never before the deadline
      if (single && got.status === 'raised' && got.error === TIMEOUT_ERROR && got.at < deadline) {
        return `${body.path} entered timeout(${step.timeout}) @${t0}: it raised TimeoutError @${got.at}, before the deadline @${deadline}`;
      }
      if (cAt < Math.min(deadline, t0 + span)) continue; // cancelled inside the scope by someone else first
      // a sleep(0) only yields (no timer): sleeps of 0 under timeout(0) end before the deadline's timer runs
      if (span < step.timeout || span === 0) {
        // the sleeps end first: the timer is removed and no TimeoutError ever comes from this scope
        engaged = true;
        if (single && got.status === 'raised' && got.error === TIMEOUT_ERROR)
          return `${body.path}'s timeout(${step.timeout}) @${t0} ended its sleeps @${t0 + span}, before the deadline: yet it raised TimeoutError @${got.at}`;
        continue;
      }
      // TO1: still inside at the deadline (its timer was set at entry, so it fires before the body's own sleep ending then)
      engaged = true;
      if (cAt !== deadline)
        return `${body.path} entered timeout(${step.timeout}) @${t0} with ${span} ms of sleeps: it should be cancelled at the deadline @${deadline}, ${c === -1 ? 'it never was' : `got its cancel @${cAt}`}`;
      const shared =
        otherCancelRoutes(scenario, body.path) ||
        trace.some((e) => e.at === deadline && DECISION_EVENTS.includes(e.event));
      if (shared) continue; // another request may stand too, before or after ours at that instant (TO3: then CancelledError)
      if (got.status !== 'raised' || got.error !== TIMEOUT_ERROR || got.at !== deadline) {
        return `${body.path}'s timeout(${step.timeout}) expired @${deadline} during its sleeps: it should raise TimeoutError @${deadline} (TO2, nothing to clean up inside), got ${got.status}${got.error === undefined ? '' : ` ${got.error}`} @${got.at}`;
      }
    }
    return heldIf(engaged);
  },
};
