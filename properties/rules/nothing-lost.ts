// Property: every task ends in a terminal state or is reported pending, consistently with its trace; nothing runs after it ended.
// Format 2 (§4b) too: created tasks are listed after their creator; a shutdown that saw every task end stops the run then (R1).
import { heldIf, type OutcomeProperty } from './property-types.ts';
import { AWAITER, type AnyScenario } from '../../model/scenario-types.ts';
import { PROFILE_CHOICES } from '../../model/profiles.ts';
import { allChildren, allTaskPaths, gatherOwners } from '../lib/scenario-walk.ts';
import { traceViewOf, describeEvent, isTerminal } from '../lib/trace-view.ts';
import { objectKeyOrder, show, taskOutcome } from '../lib/values.ts';

type Phase = 'new' | 'running' | 'waiting' | 'done';

export const nothingLost: OutcomeProperty = {
  kind: 'outcome',
  name: 'nothing-lost',
  description:
    'every task is terminal or pending as its trace says; no task acts after it ended; end is when the loop idles',
  profiles: ['seed', 'cpython'],
  formats: [1, 2], // §4b: through the one walk (lib/scenario-walk.ts), or the outcomes alone
  // Engaged: the scenario has a child (a task that could be lost); the awaiter alone is not much to keep.
  check(scenario, outcome) {
    const view = traceViewOf(outcome);
    const trace = outcome.trace;
    const children = allChildren(scenario);
    const want = objectKeyOrder(allTaskPaths(scenario).slice(1)); // scenario order, as far as an object keeps it
    const got = Object.keys(outcome.children);
    if (show(want) !== show(got))
      return `outcome.children should list ${show(want)} (scenario order), got ${show(got)}`;
    for (let i = 1; i < trace.length; i++) {
      if (trace[i]!.at < trace[i - 1]!.at)
        return `the clock went backwards at event #${i}: ${describeEvent(trace[i])} after ${describeEvent(trace[i - 1])}`;
    }
    let lastAt = Math.max(0, trace.at(-1)?.at ?? 0);
    // R1: a shutdown that saw every task end stops the run at the last end; timers nobody waits for are dropped
    const v2 = (scenario as AnyScenario).loopcheck === 2;
    const stopped =
      v2 &&
      (scenario as AnyScenario as { shutdown: boolean }).shutdown &&
      [AWAITER, ...want].every((p) => view.find(p, 'created') === -1 || view.terminal(p) !== -1);
    if (!stopped) for (const c of scenario.cancels) lastAt = Math.max(lastAt, c.at);
    if (outcome.end !== lastAt) return `end should be ${lastAt} (the last event or cancel timer), got ${outcome.end}`;
    const owners = new Map(gatherOwners(scenario).map((o) => [o.path, o]));
    for (const owner of owners.values()) {
      const gs = view.gatherStarted(owner.path);
      if (gs === -1) continue;
      for (const c of owner.children) {
        const created = view.find(c.path, 'created');
        if (created === -1 || created > gs)
          return `${owner.path}'s gather started (event #${gs}) without ${c.path}: the child was lost`;
      }
    }
    const leafEnd = new Map(children.map((c) => [c.path, 'end' in c.child ? c.child.end : undefined]));
    for (const path of [AWAITER, ...want]) {
      let phase: Phase = 'new';
      // T4f (format 2): a cancel reaching a task while it runs is delivered at its next suspension, which then
      // emits no `suspended` (the task is queued with CancelledError and `resumed`)
      let cancelledRunning = false;
      for (const i of view.indexesOf(path)) {
        const ev = trace[i]!.event;
        const bad = `${path}: ${ev} (event #${i}) while ${phase}`;
        if (phase === 'done') return `${path} acts after it ended: ${describeEvent(trace[i])} (event #${i})`;
        if (ev === 'started') {
          if (phase !== 'new') return bad;
          phase = 'running';
        } else if (ev === 'suspended') {
          if (phase !== 'running') return bad;
          phase = 'waiting';
          cancelledRunning = false;
        } else if (ev === 'cancel-requested') {
          if (v2 && phase === 'running') cancelledRunning = true;
        } else if (ev === 'resumed') {
          if (phase !== 'waiting' && !(phase === 'running' && cancelledRunning)) return bad;
          phase = 'running';
          cancelledRunning = false;
        } else if (ev === 'gather-started') {
          if (phase !== 'running') return bad;
        } else if (isTerminal(ev)) {
          if (phase === 'waiting' || (phase === 'new' && ev !== 'cancelled')) return bad;
          phase = 'done';
        }
      }
      const task = taskOutcome(outcome, path);
      if (task === undefined) return `no outcome for ${path}`;
      const t = view.terminal(path);
      if (t === -1) {
        if (task.status !== 'pending' || task.at !== outcome.end)
          return `${path} has no terminal event, so it should be pending @${outcome.end}; got ${task.status} @${task.at}`;
        if (phase !== 'new' && leafEnd.get(path) !== undefined && leafEnd.get(path) !== 'hang')
          return `${path} is pending but does not hang: it was lost`;
        // G6 (cpython): a cancelled owner is woken only once its gather's children have ended: one still pending
        // (an await cycle, a hang) keeps it waiting
        const deferred =
          !PROFILE_CHOICES[(scenario as AnyScenario).profile].callerWokenAtOnceOnAwaiterCancel &&
          owners.has(path) &&
          owners.get(path)!.children.some((c) => view.find(c.path, 'created') !== -1 && view.terminal(c.path) === -1);
        if (phase !== 'new' && owners.has(path) && !deferred && !view.inUndecidedGatherBefore(path, trace.length)) {
          return `${path} is pending but is not waiting on an undecided gather: its wake-up was lost`;
        }
        continue;
      }
      const e = trace[t]!;
      if (task.status !== e.event || task.at !== e.at)
        return `${path}'s outcome is ${task.status} @${task.at} but its trace ends ${describeEvent(e)}`;
      if (task.status === 'returned' && task.value === undefined) return `${path} returned without a value`;
      if (task.status === 'raised' && typeof task.error !== 'string') return `${path} raised without an error name`;
    }
    return heldIf(children.length > 0);
  },
};
