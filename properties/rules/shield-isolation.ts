// Property (format 2): a cancel of a task awaiting a shield wakes it at once with CancelledError and leaves the shielded task running (SH1).
import { heldIf, type OutcomeProperty } from './property-types.ts';
import { AWAITER, isStepsChild, type AnyScenario, type ScenarioV2 } from '../../model/scenario-types.ts';
import { placedBodies } from '../../model/scenario-paths.ts';
import { DECISION_EVENTS, describeEvent, traceViewOf } from '../lib/trace-view.ts';
import { allSteps, everyStep, stepsBodies, straightTo } from '../lib/format2-walk.ts';
import { jsonEqual, show, taskOutcome } from '../lib/values.ts';

/** Whether the task at `path` may cancel itself through a timeout of its own (a timeout step, a gather's timeoutMs). */
function ownTimeouts(scenario: AnyScenario, path: string): boolean {
  const body = placedBodies(scenario).find((p) => p.path === path)?.body;
  if (body === undefined) return false;
  if ('gather' in body) return body.gather.timeoutMs !== undefined;
  return isStepsChild(body) && allSteps(body.steps).some((s) => s !== 'hang' && 'timeout' in s);
}

export const shieldIsolation: OutcomeProperty = {
  kind: 'outcome',
  name: 'shield-isolation',
  description:
    'a task cancelled while awaiting a shield gets CancelledError at once; the shielded task is not cancelled by it and runs on (SH1)',
  profiles: ['seed', 'cpython'],
  // reads format 1 and 2; NOT_APPLICABLE on format 1, which has no await, shield, timeout or shutdown (§4b)
  formats: [1, 2],
  format2Only: true,
  // Engaged: a task reached a `shield` step in a straight line, suspended there, and was cancelled before the
  // shielded task ended; its wake-up and end were compared, and (when nothing else may cancel the shielded task at
  // that instant) the shielded task was seen not cancelled by it.
  check(scenario, outcome) {
    const view = traceViewOf(outcome);
    const trace = outcome.trace;
    const steps = everyStep(scenario);
    let engaged = false;
    for (const body of stepsBodies(scenario)) {
      for (let k = 0; k < body.steps.length; k++) {
        const step = body.steps[k]!;
        if (step === 'hang' || !('shield' in step)) continue;
        const at = straightTo(view, body, k);
        if (at === null || at.cancelBefore || at.suspended === -1) break;
        const c = view.find(body.path, 'cancel-requested', at.suspended);
        if (c === -1) break;
        const target = step.shield;
        const innerEnd = view.terminal(target);
        if (innerEnd !== -1 && innerEnd < c) break; // the shield had followed its task to its end (SH2)
        const woken = view.find(body.path, 'resumed', c);
        const t = trace[c]!.at;
        engaged = true;
        if (woken === -1 || trace[woken]!.at !== t) {
          return `${body.path} was cancelled @${t} while awaiting shield(${target}): it should resume at once with CancelledError (SH1), got ${woken === -1 ? 'no resume' : describeEvent(trace[woken])}`;
        }
        const got = taskOutcome(outcome, body.path)!;
        const h = body.onCancel;
        const later = view.eventsOf(body.path, 'cancel-requested').some((i) => i > c);
        if (!later) {
          const ok =
            typeof h === 'object' && 'swallow' in h
              ? got.status === 'returned' && jsonEqual(got.value, h.swallow) && got.at === t
              : got.status === 'cancelled' &&
                got.at === t + (typeof h === 'object' && 'cleanupMs' in h ? h.cleanupMs : 0);
          if (!ok)
            return `${body.path} was cancelled @${t} while awaiting shield(${target}), with onCancel ${show(h)}: got ${got.status} @${got.at}`;
        }
        // The cancel must not reach the shielded task. Another route may cancel it at the same instant (a scenario
        // cancel, a cancel step, an await forwarding a cancel, a gather's decision, the shutdown): then no verdict.
        const others =
          scenario.cancels.some((x) => x.target === target) ||
          steps.some(
            (s) =>
              s !== 'hang' &&
              (('cancel' in s && s.cancel === target) ||
                ('await' in s && s.await === target) ||
                ('shield' in s && s.shield === target && s !== step)),
          ) ||
          ((scenario as unknown as ScenarioV2).shutdown === true &&
            view.terminal(AWAITER) !== -1 &&
            view.terminal(AWAITER) < c) ||
          trace.some((e, i) => i < c && e.at === t && DECISION_EVENTS.includes(e.event)) ||
          ownTimeouts(scenario, target);
        if (others) continue;
        // forwarded, the target's cancel-requested would come inside this cancel: the very next event
        const innerCancel = c + 1;
        if (trace[innerCancel]?.task === target && trace[innerCancel]!.event === 'cancel-requested') {
          return `${body.path}'s cancel @${t} reached ${target} through the shield (${describeEvent(trace[innerCancel])}): a shield cancels only its own future (SH1)`;
        }
        break;
      }
    }
    return heldIf(engaged);
  },
};
