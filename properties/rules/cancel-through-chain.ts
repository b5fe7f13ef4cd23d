// Property (format 2): a cancel of a task reaches every task below it, through awaits (T4g), gathers (G6, G6m) and timeouts (TO1), never through a shield (SH1): CH1.
import { heldIf, type OutcomeProperty } from './property-types.ts';
import { AWAITER, PATH_SEPARATOR, type AnyScenario, type GatherNodeV2, type Step } from '../../model/scenario-types.ts';
import { PROFILE_CHOICES } from '../../model/profiles.ts';
import { placedBodies } from '../../model/scenario-paths.ts';
import type { TraceEventName } from '../../model/outcome.ts';
import { describeEvent, traceViewOf, type TraceView } from '../lib/trace-view.ts';
import { stepsBodies, straightTo, type StepsBody } from '../lib/format2-walk.ts';

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

/** The events that start or end a task's step: the last of them before a position says which task runs there. */
const STEP_EDGES: readonly TraceEventName[] = ['started', 'resumed', 'suspended', 'returned', 'raised', 'cancelled'];

/** The task whose step is running at trace index `pos` (its last step edge before `pos` opened a step), or null. */
export function runningAt(view: TraceView, pos: number): string | null {
  for (let i = pos - 1; i >= 0; i--) {
    const e = view.trace[i]!;
    if (!STEP_EDGES.includes(e.event)) continue;
    return e.event === 'started' || e.event === 'resumed' ? e.task : null;
  }
  return null;
}

/**
 * Whether the cancel at trace index `c` (the task's `cancel-requested`, or under G6m its gather owner's `resumed`)
 * reached `below` in time: `below` had ended before it (nothing to reach), had a cancel pending already (T4: no
 * second event), or got its `cancel-requested` inside that same cancel — at the same instant, among the requests and
 * gather cancels that follow `c` without anything else between.
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

/**
 * The first wait of a steps body on a task, when reached in a straight line (straightTo) without a cancel before:
 * where it suspended there and the index of the event that woke it (`Infinity` while it still waits). Null when the
 * body has none, did not suspend there, or may have left the straight line; past that first wait nothing is read.
 */
function awaitOfBody(
  view: TraceView,
  body: StepsBody,
): (NonNullable<ReturnType<typeof waitOfStep>> & { suspended: number; woken: number }) | null {
  for (let k = 0; k < body.steps.length; k++) {
    const wait = waitOfStep(body.steps[k]!);
    if (wait === null) continue;
    const at = straightTo(view, body, k);
    if (at === null || at.cancelBefore || at.suspended === -1) return null;
    const woken = view.find(body.path, ['resumed', 'returned', 'raised', 'cancelled'], at.suspended);
    return { ...wait, suspended: at.suspended, woken: woken === -1 ? Infinity : woken };
  }
  return null;
}

/** The events that end a suspension: the task runs again, or ends. */
const WAKES: readonly TraceEventName[] = ['resumed', 'returned', 'raised', 'cancelled'];

/**
 * The task a steps body awaits at trace index `pos`, read from its steps and its trace: its sleeps and awaits taken
 * in order, each the next of its suspensions (an await of a task that had ended before the step runs does not
 * suspend), creates and cancels of others passing. Null when it is not suspended on an `await` then, or when the
 * reading is not sure: a cancel of the body before `pos`, a step of another kind first, an awaited task that ended
 * other than by returning. Wider than awaitOfBody (a later await, not the first), for MicroPython's chains only.
 */
function awaitedAt(view: TraceView, body: StepsBody, pos: number): string | null {
  let cursor = view.find(body.path, 'started');
  if (cursor === -1 || cursor >= pos) return null;
  if (view.eventsOf(body.path, 'cancel-requested').some((i) => i < pos)) return null;
  const suspensions = view.eventsOf(body.path, 'suspended');
  let j = 0;
  for (const step of body.steps) {
    if (step === 'hang') return null;
    if ('create' in step) continue;
    if ('cancel' in step) {
      if (step.cancel === body.path) return null;
      continue;
    }
    const isAwait = 'await' in step;
    if (!isAwait && !('sleep' in step)) return null;
    if (isAwait && view.endedBefore(step.await, cursor)) continue; // done already: no suspension (T5)
    const suspended = suspensions[j++];
    if (suspended === undefined || suspended >= pos) return null;
    const woken = view.find(body.path, WAKES, suspended + 1);
    if (woken === -1 || woken > pos) return isAwait ? step.await : null;
    if (isAwait && eventAt(view, view.terminal(step.await)) !== 'returned') return null;
    cursor = woken;
  }
  return null;
}

function eventAt(view: TraceView, index: number): TraceEventName | undefined {
  return index === -1 ? undefined : view.trace[index]?.event;
}

/**
 * The await chain from `from` at trace index `pos`: `from`, the task it awaits (awaitedAt), the task that one
 * awaits, and so on, each once.
 */
function awaitChain(view: TraceView, bodies: ReadonlyMap<string, StepsBody>, from: string, pos: number): string[] {
  const chain: string[] = [];
  for (let task: string | null = from; task !== null && !chain.includes(task); ) {
    chain.push(task);
    const body = bodies.get(task);
    task = body === undefined ? null : awaitedAt(view, body, pos);
  }
  return chain;
}

export const cancelThroughChain: OutcomeProperty = {
  kind: 'outcome',
  name: 'cancel-through-chain',
  description:
    'a cancel of a task reaches, inside that same cancel, the task it awaits (T4g, a timeout scope around the await included) and every unfinished child of the gather it waits on (G6; under micropython when the cancelled task runs, G6m); never the task behind a shield (SH1) — CH1',
  // micropython: G6m moves the gather's part to when the cancelled owner runs; its Task.cancel walks an await chain to
  // the last task (T4g) and loses it at the running task (T4g-m; read from PROFILE_CHOICES below); F2m leaves no
  // shield or timeout to pass through
  profiles: ['seed', 'cpython', 'micropython'],
  // reads format 1 and 2; NOT_APPLICABLE on format 1, which has no await, shield, timeout or shutdown (§4b)
  formats: [1, 2],
  format2Only: true,
  // Engaged: some task received a cancel while suspended on an await (reached in a straight line, or the first step
  // inside such a timeout) of a task not done and without a cancel pending, or while its gather was undecided with
  // such a child; each of those was looked for among the events of that cancel. A task behind a shield is exempt
  // (nothing to reach; that the cancel does not reach it is shield-isolation's, which knows the other routes).
  // Under G6m (micropython) a gather's children are looked for among the events that follow the owner's `resumed`
  // after the cancel instead (a child that ended or got a cancel of its own before the owner runs is exempt; an owner
  // that never runs again fails, unless R1m stopped the run); a task below is reached there when any task of its
  // await chain is, and exempt when that chain ends at the running task (T4g-m: MicroPython loses that cancel).
  check(scenario, outcome) {
    if ((scenario as { loopcheck: number }).loopcheck !== 2) return heldIf(false);
    const choices = PROFILE_CHOICES[(scenario as AnyScenario).profile];
    const view = traceViewOf(outcome);
    const trace = outcome.trace;
    let engaged = false;
    const bodies = stepsBodies(scenario);
    const byPath = new Map(bodies.map((b) => [b.path, b]));
    // MicroPython's Task.cancel walks the await chain to its last task and cancels that one only (rules.md §7, T4g
    // under micropython: the tasks between get no cancel-requested), so there a cancel reaches `target` when it reaches
    // any task of its chain; a chain that ends at the running task loses it (T4g-m: nothing to reach). Every other
    // profile forwards through each task (T4g): `target` itself must get it. `run` is where the canceller runs.
    const walksChain = choices.cancelForwardedToRunningTaskLost;
    const reachedDown = (target: string, c: number, run: number): ReturnType<typeof reached> | 'lost' => {
      if (!walksChain) return reached(view, c, target);
      const chain = awaitChain(view, byPath, target, run);
      const running = runningAt(view, run);
      if (running !== null && chain.includes(running)) return 'lost';
      for (const task of chain) {
        const r = reached(view, c, task);
        if (r !== 'missed') return r;
      }
      return 'missed';
    };
    // awaits: each cancel of the body while it is suspended on the step (no resume between)
    for (const body of bodies) {
      const wait = awaitOfBody(view, body);
      if (wait === null) continue;
      for (const c of view.eventsOf(body.path, 'cancel-requested')) {
        if (c < wait.suspended || c > wait.woken) continue;
        if (wait.on === 'shield') continue; // SH1: nothing to reach
        const r = reachedDown(wait.target, c, c);
        if (r === 'ended' || r === 'pending' || r === 'lost') continue;
        engaged = true;
        if (r === 'missed')
          return `${describeEvent(trace[c])} while it awaited ${wait.target}${wait.inTimeout ? ' inside a timeout' : ''}: the cancel should be forwarded to ${wait.target} at once (T4g), but ${wait.target} got no cancel-requested then`;
      }
    }
    // gathers: each cancel of an owner while its gather is undecided (G6: every child not finished is cancelled)
    for (const { owner, children } of gatherOwners(scenario)) {
      for (const c of view.eventsOf(owner, 'cancel-requested')) {
        if (!view.inUndecidedGatherBefore(owner, c)) continue;
        // G6m: the owner is queued with CancelledError at once; its gather cancels the children when it runs
        let from = c;
        if (choices.childrenCancelledWhenCallerRuns) {
          from = view.find(owner, 'resumed', c + 1);
          if (from === -1) {
            // R1m: the run stops when the awaiter ends, maybe before the owner ran again; nothing was due yet
            if ((scenario as { shutdown?: boolean }).shutdown === true && choices.shutdownStopsAtOnce) continue;
            engaged = true;
            return `${describeEvent(trace[c])} while its gather waited, but ${owner} never ran again: its gather should cancel its unfinished children when it runs (G6m)`;
          }
        }
        for (const child of children) {
          const r = reachedDown(child, from, from === c ? c : from + 1); // under G6m the owner runs after `from`
          if (r === 'ended' || r === 'pending' || r === 'lost') continue;
          engaged = true;
          if (r === 'missed')
            return from === c
              ? `${describeEvent(trace[c])} while its gather waited: its child ${child}, not finished, should be cancelled at once (G6), but got no cancel-requested then`
              : `${describeEvent(trace[c])} while its gather waited: when ${owner} ran (${describeEvent(trace[from])}) its child ${child}, not finished, should have been cancelled (G6m), but got no cancel-requested then`;
        }
      }
    }
    return heldIf(engaged);
  },
};
