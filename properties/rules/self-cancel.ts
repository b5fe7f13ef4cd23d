// Property (format 2): a task's cancel of itself is never lost: delivered at its next suspension (T4f), or, when it returns first, it ends cancelled (T4h).
import { heldIf, type OutcomeProperty } from './property-types.ts';
import type { Step } from '../../model/scenario-types.ts';
import { TERMINAL_EVENTS, traceViewOf } from '../lib/trace-view.ts';
import { stepsBodies, straightTo } from '../lib/format2-walk.ts';
import { jsonEqual, show, taskOutcome } from '../lib/values.ts';
import { PROFILE_CHOICES } from '../../model/profiles.ts';

/** What the body does right after its self-cancel, past the steps that neither suspend nor end (creates, cancels). */
function nextAfter(steps: readonly Step[], k: number): 'return' | { raise: string } | 'suspend' | 'other' {
  for (let i = k + 1; i < steps.length; i++) {
    const s = steps[i]!;
    if (s === 'hang' || 'sleep' in s) return 'suspend';
    if ('create' in s || 'cancel' in s) continue;
    if ('return' in s) return 'return';
    if ('raise' in s) return { raise: s.raise };
    return 'other'; // await, shield, timeout: T4g's forwarding on the way, another property's
  }
  return 'return'; // the body returns its current value
}

export const selfCancel: OutcomeProperty = {
  kind: 'outcome',
  name: 'self-cancel',
  description:
    'a task that cancels itself ends by that cancel: returning before it suspends again ends it cancelled (T4h), and its next sleep throws CancelledError at once (T4f); under micropython the step raises RuntimeError (T4f-m)',
  profiles: ['seed', 'cpython', 'micropython'],
  // reads format 1 and 2; NOT_APPLICABLE on format 1, which has no await, shield, timeout or shutdown (§4b)
  formats: [1, 2],
  format2Only: true,
  // Engaged: a steps body reached a `cancel` of itself in a straight line with no cancel of its own before, and
  // what follows returns, raises, or sleeps (hangs); its cancel-requested and its end were compared.
  check(scenario, outcome) {
    const view = traceViewOf(outcome);
    const trace = outcome.trace;
    let engaged = false;
    for (const body of stepsBodies(scenario)) {
      const k = body.steps.findIndex((s) => s !== 'hang' && 'cancel' in s && s.cancel === body.path);
      if (k === -1) continue;
      const at = straightTo(view, body, k);
      // (straightTo's cancelBefore counts the self-cancel too: only a request before the step counts here)
      if (at === null || view.eventsOf(body.path, 'cancel-requested').some((i) => i < at.reached)) continue;
      const then = nextAfter(body.steps, k);
      if (then === 'other') continue;
      const t = trace[at.reached]!.at;
      const got = taskOutcome(outcome, body.path)!;
      const c = view.find(body.path, 'cancel-requested', at.reached);
      const stop = view.find(body.path, ['suspended', 'resumed', ...TERMINAL_EVENTS], at.reached + 1);
      engaged = true;
      if (PROFILE_CHOICES[scenario.profile].cancelSelfRaisesRuntimeError) {
        // T4f-m (micropython): the step raises RuntimeError ("can't cancel self"), which onCancel does not catch
        if (c !== -1 || got.status !== 'raised' || got.error !== 'RuntimeError' || got.at !== t)
          return `${body.path} cancelled itself @${t}: under ${scenario.profile} the step raises RuntimeError then, without a cancel (T4f-m), got ${got.status}${got.error === undefined ? '' : ` ${got.error}`} @${got.at}${c === -1 ? '' : ' and a cancel-requested'}`;
        continue;
      }
      if (c === -1 || (stop !== -1 && c > stop))
        return `${body.path} cancelled itself @${t}: its cancel-requested should come then (T4f), got none before it ${stop === -1 ? 'stopped' : trace[stop]!.event}`;
      const end = `${got.status}${got.error === undefined ? '' : ` ${got.error}`}${got.status === 'returned' ? ` ${show(got.value)}` : ''} @${got.at}`;
      if (then === 'return') {
        if (got.status !== 'cancelled' || got.at !== t)
          return `${body.path} cancelled itself @${t} and returned without suspending: the accepted cancel is not lost, it should end cancelled @${t} (T4h), got ${end}`;
        continue;
      }
      if (typeof then === 'object') {
        if (got.status !== 'raised' || got.error !== then.raise || got.at !== t)
          return `${body.path} cancelled itself @${t} and raised ${then.raise} without suspending: it should end raised ${then.raise} @${t} (T4h), got ${end}`;
        continue;
      }
      // T4f: its next suspension delivers the cancel at once: the handler runs from t
      if (view.eventsOf(body.path, 'cancel-requested').some((i) => i > c)) continue; // cancelled again meanwhile
      const h = body.onCancel;
      const ok =
        typeof h === 'object' && 'swallow' in h
          ? got.status === 'returned' && jsonEqual(got.value, h.swallow) && got.at === t
          : got.status === 'cancelled' && got.at === t + (typeof h === 'object' && 'cleanupMs' in h ? h.cleanupMs : 0);
      if (!ok)
        return `${body.path} cancelled itself @${t} and then suspended: CancelledError should be thrown in at once (T4f), with onCancel ${show(h)}: got ${end}`;
    }
    return heldIf(engaged);
  },
};
