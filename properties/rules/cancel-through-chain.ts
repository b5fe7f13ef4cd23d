// Property (format 2): a cancel of a task reaches every task below it, through awaits (T4g), gathers (G6) and timeouts (TO1), never through a shield (SH1): CH1.
import { heldIf, type OutcomeProperty } from './property-types.ts';
import { AWAITER, PATH_SEPARATOR, type GatherNodeV2, type Step } from '../../model/scenario-types.ts';
import { placedBodies } from '../../model/scenario-paths.ts';
import type { TraceEventName } from '../../model/outcome.ts';
import { describeEvent, traceViewOf, type TraceView } from '../lib/trace-view.ts';
import { stepsBodies, straightTo } from '../lib/format2-walk.ts';

/** The events one cancel emits while it travels down (T4, G6, G7): requests and the gathers it cancels. */
const INSIDE_A_CANCEL: readonly TraceEventName[] = ['cancel-requested', 'gather-cancelled'];

/**
 * What a step makes its task wait on when it suspends there: `await`/`shield` of a task, or a `timeout` whose first
 * inner step is one (entering the scope does not suspend; its deadline is a cancel of the task, TO1). Null for a step
 * that waits on no task (a sleep, a hang).
 */
export function waitOfStep(step: Step): { on: 'await' | 'shield'; target: string; inTimeout: boolean } | null {
  if (step === 'hang') return null;
  if ('await' in step) return { on: 'await', target: step.await, inTimeout: false };
  if ('shield' in step) return { on: 'shield', target: step.shield, inTimeout: false };
  if ('timeout' in step && step.steps.length > 0) {
    const inner = waitOfStep(step.steps[0]!);
    return inner === null ? null : { ...inner, inTimeout: true };
  }
  return null;
}

/** Every gather body by its task's path (the awaiter's, each nested gather child's) and the paths it gathers, once each. */
function gatherOwners(scenario: { children: unknown[] }): Array<{ owner: string; children: string[] }> {
  const entry = (owner: string, node: GatherNodeV2, prefix: string) => ({
    owner,
    children: [...new Set(node.args ?? node.children.map((c) => c.name))].map((n) => prefix + n),
  });
  const out = [entry(AWAITER, scenario as unknown as GatherNodeV2, '')];
  for (const p of placedBodies(scenario as never))
    if ('gather' in p.body) out.push(entry(p.path, p.body.gather, p.path + PATH_SEPARATOR));
  return out;
}

/**
 * Whether the cancel of the task at trace index `c` reached `below` in time: `below` had ended before it (nothing to
 * reach), had a cancel pending already (T4: no second event), or got its `cancel-requested` inside that same cancel
 * — at the same instant, among the requests and gather cancels that follow `c` without anything else between.
 */
function reached(view: TraceView, c: number, below: string): 'ended' | 'pending' | 'reached' | 'missed' {
  if (view.endedBefore(below, c)) return 'ended';
  if (view.cancelPendingBefore(below, c)) return 'pending';
  const trace = view.trace;
  for (let i = c + 1; i < trace.length; i++) {
    const e = trace[i]!;
    if (e.at !== trace[c]!.at || !INSIDE_A_CANCEL.includes(e.event)) break;
    if (e.task === below && e.event === 'cancel-requested') return 'reached';
  }
  return 'missed';
}

export const cancelThroughChain: OutcomeProperty = {
  kind: 'outcome',
  name: 'cancel-through-chain',
  description:
    'a cancel of a task reaches, inside that same cancel, the task it awaits (T4g, a timeout scope around the await included) and every unfinished child of the gather it waits on (G6); never the task behind a shield (SH1) — CH1',
  profiles: ['seed', 'cpython'],
  // reads format 1 and 2; NOT_APPLICABLE on format 1, which has no await, shield, timeout or shutdown (§4b)
  formats: [1, 2],
  format2Only: true,
  // Engaged: some task received a cancel while suspended on an await (reached in a straight line, or the first step
  // inside such a timeout) of a task not done and without a cancel pending, or while its gather was undecided with
  // such a child; each of those was looked for among the events of that cancel. A task behind a shield is exempt
  // (nothing to reach; that the cancel does not reach it is shield-isolation's, which knows the other routes).
  check(scenario, outcome) {
    if ((scenario as { loopcheck: number }).loopcheck !== 2) return heldIf(false);
    const view = traceViewOf(outcome);
    const trace = outcome.trace;
    let engaged = false;
    // awaits: each cancel of the body while it is suspended on the step (no resume between)
    for (const body of stepsBodies(scenario)) {
      for (let k = 0; k < body.steps.length; k++) {
        const wait = waitOfStep(body.steps[k]!);
        if (wait === null) continue;
        const at = straightTo(view, body, k);
        if (at === null || at.cancelBefore || at.suspended === -1) break;
        const woken = view.find(body.path, ['resumed', 'returned', 'raised', 'cancelled'], at.suspended);
        for (const c of view.eventsOf(body.path, 'cancel-requested')) {
          if (c < at.suspended || (woken !== -1 && c > woken)) continue;
          if (wait.on === 'shield') continue; // SH1: nothing to reach
          const r = reached(view, c, wait.target);
          if (r === 'ended' || r === 'pending') continue;
          engaged = true;
          if (r === 'missed')
            return `${describeEvent(trace[c])} while it awaited ${wait.target}${wait.inTimeout ? ' inside a timeout' : ''}: the cancel should be forwarded to ${wait.target} at once (T4g), but ${wait.target} got no cancel-requested then`;
        }
        break; // past its first suspension the body may have left the straight line
      }
    }
    // gathers: each cancel of an owner while its gather is undecided (G6: every child not finished is cancelled)
    for (const { owner, children } of gatherOwners(scenario)) {
      for (const c of view.eventsOf(owner, 'cancel-requested')) {
        if (!view.inUndecidedGatherBefore(owner, c)) continue;
        for (const child of children) {
          const r = reached(view, c, child);
          if (r === 'ended' || r === 'pending') continue;
          engaged = true;
          if (r === 'missed')
            return `${describeEvent(trace[c])} while its gather waited: its child ${child}, not finished, should be cancelled at once (G6), but got no cancel-requested then`;
        }
      }
    }
    return heldIf(engaged);
  },
};
