// Property: children run concurrently — every sleep lasts its duration and a gather ends when its slowest child ends,
// exactly, on virtual time. Format 2 (§4b) too: a gather waits for its arguments (a repeat once, a task child left out
// not at all); a steps child's own time is known only without awaits and shields (format2: null duration, not judged).
import { heldIf, type OutcomeProperty } from './property-types.ts';
import {
  AWAITER,
  PATH_SEPARATOR,
  type AnyScenario,
  type ChildV2,
  type GatherNodeV2,
  type Profile,
} from '../../model/scenario-types.ts';
import { PROFILE_CHOICES } from '../../model/profiles.ts';
import type { TraceEvent } from '../../model/outcome.ts';
import { allChildren, durationOf, gatherOwners } from '../lib/scenario-walk.ts';
import { traceViewOf, isTerminal } from '../lib/trace-view.ts';
import { taskOutcome } from '../lib/values.ts';

/**
 * The tasks whose subtree (the task and every task below it; for the awaiter, every task) has a cancel-requested
 * or a gather-raised: one pass over the trace, each disturbing event marking its task and the task's ancestors.
 */
function disturbedSubtrees(trace: readonly TraceEvent[], gathered: (top: string) => boolean): Set<string> {
  const out = new Set<string>();
  for (const e of trace) {
    if (e.event !== 'cancel-requested' && e.event !== 'gather-raised') continue;
    // format 2: a task child left out of the awaiter's `args` runs beside its gather, not inside it
    const top = e.task.split(PATH_SEPARATOR)[0]!;
    if (e.task === AWAITER || gathered(top)) out.add(AWAITER);
    for (
      let path = e.task;
      path !== '' && !out.has(path);
      path = path.slice(0, Math.max(0, path.lastIndexOf(PATH_SEPARATOR)))
    )
      out.add(path);
  }
  return out;
}

export const maxNotSum: OutcomeProperty = {
  kind: 'outcome',
  name: 'max-not-sum',
  description:
    "children start together, every sleep lasts exactly its duration, and a gather ends at its slowest child's end (max, not sum of delays)",
  profiles: ['seed', 'cpython', 'micropython'],
  formats: [1, 2], // §4b: through the one walk (lib/scenario-walk.ts), or the outcomes alone
  // Engaged: an end time was compared for a gather of two or more children (where max and sum differ).
  check(scenario, outcome) {
    const view = traceViewOf(outcome);
    const trace = outcome.trace;
    const owners = gatherOwners(scenario);
    let engaged = false;
    const concurrent = (node: ChildV2 | GatherNodeV2): boolean => {
      const g = 'sleeps' in node || 'steps' in node ? undefined : 'gather' in node ? node.gather : node;
      return g !== undefined && new Set(g.args ?? g.children.map((c) => c.name)).size >= 2;
    };
    // Children start when the rules say: task children with their owner, coroutine children at the gather call.
    for (const owner of owners) {
      const started = view.find(owner.path, 'started');
      const gs = view.gatherStarted(owner.path);
      for (const c of owner.members) {
        const created = view.find(c.path, 'created');
        if (created === -1) continue;
        const at = trace[created]!.at;
        const want =
          c.child.task === true
            ? started === -1
              ? undefined
              : trace[started]!.at
            : gs === -1
              ? undefined
              : trace[gs]!.at;
        if (want !== undefined && at !== want) {
          return `${c.path} (${c.child.task === true ? 'task' : 'coroutine'}) was created @${at}, expected @${want}`;
        }
      }
      // A gather returns exactly when its last child ends (or at the call, when all had ended before).
      const d = view.decision(owner.path);
      if (d !== -1 && gs !== -1 && trace[d]!.event === 'gather-returned') {
        let want = trace[gs]!.at;
        for (const c of owner.children) want = Math.max(want, taskOutcome(outcome, c.path)?.at ?? Infinity);
        if (concurrent(owner.node)) engaged = true;
        if (trace[d]!.at !== want)
          return `${owner.path}'s gather returned @${trace[d]!.at}, expected @${want} (its slowest child's end)`;
      }
    }
    // Every sleep of a leaf lasts exactly its duration, until a cancel reaches the leaf (a timer that fires late or
    // early shows here even when the task's end is not judged: a heap that mis-orders deadlines, a lost wake-up).
    for (const c of allChildren(scenario)) {
      if (!('sleeps' in c.child)) continue;
      const sleeps = c.child.sleeps;
      let k = 0;
      let since: number | undefined;
      for (const i of view.indexesOf(c.path)) {
        const e = trace[i]!;
        if (e.event === 'cancel-requested') break;
        if (e.event === 'suspended') since = e.at;
        else if (e.event === 'resumed' && since !== undefined) {
          if (k < sleeps.length && e.at - since !== sleeps[k]) {
            return `${c.path}'s sleep #${k + 1} (${sleeps[k]} ms from @${since}) ended @${e.at}, expected @${since + sleeps[k]!}`;
          }
          k++;
          since = undefined;
        }
      }
    }
    // A task whose subtree nothing cancels and no gather raises in ends exactly its undisturbed duration after creation.
    const tasks = [
      { path: AWAITER, node: scenario as AnyScenario as ChildV2 | GatherNodeV2 },
      ...allChildren(scenario).map((c) => ({ path: c.path, node: c.child as ChildV2 | GatherNodeV2 })),
    ];
    const args = (scenario as AnyScenario as { args?: string[] }).args;
    const disturbed = disturbedSubtrees(trace, (top) => args === undefined || args.includes(top));
    // T4f-m (micropython): a self-cancel raises RuntimeError at the step, ending the task (and maybe its gather) early
    if (PROFILE_CHOICES[(scenario as AnyScenario).profile].cancelSelfRaisesRuntimeError)
      for (const [path, o] of Object.entries(outcome.children))
        if (o.status === 'raised' && o.error === 'RuntimeError') {
          const top = path.split(PATH_SEPARATOR)[0]!;
          if (args === undefined || args.includes(top)) disturbed.add(AWAITER);
          for (let p = path; p !== ''; p = p.slice(0, Math.max(0, p.lastIndexOf(PATH_SEPARATOR)))) disturbed.add(p);
        }
    // R1m (micropython, format 2 shutdown): the run stops when the awaiter ends; what was due later never runs
    const s = scenario as AnyScenario as { shutdown?: boolean; profile: Profile };
    const stop =
      s.shutdown === true && PROFILE_CHOICES[s.profile].shutdownStopsAtOnce && view.terminal(AWAITER) !== -1
        ? trace[view.terminal(AWAITER)]!.at
        : Infinity;
    for (const { path, node } of tasks) {
      const created = view.find(path, 'created');
      if (disturbed.has(path) || created === -1) continue;
      const duration = durationOf(node);
      if (duration === null) continue; // format 2: it awaits or shields another task
      const end = view.terminal(path);
      if (!Number.isFinite(duration)) {
        if (end !== -1)
          return `${path} ended (${trace[end]!.event} @${trace[end]!.at}) though it waits on a hang and nothing cancelled it`;
        continue;
      }
      const want = trace[created]!.at + duration;
      if (concurrent(node)) engaged = true;
      if (end === -1 && want >= stop) continue;
      if (end === -1) return `${path} never ended; expected it to end @${want}`;
      if (trace[end]!.at !== want || !isTerminal(trace[end]!.event)) {
        return `${path} ended @${trace[end]!.at}, expected @${want} (created @${trace[created]!.at} + ${duration} ms, children concurrent)`;
      }
    }
    return heldIf(engaged);
  },
};
