// Property (format 2): a gather gives one entry per argument, each its argument's task's result; a repeated argument is one task (G1, G1a, G4).
import { heldIf, type OutcomeProperty } from './property-types.ts';
import { AWAITER, PATH_SEPARATOR, type GatherNodeV2 } from '../../model/scenario-types.ts';
import { placedBodies, scenarioTaskPaths } from '../../model/scenario-paths.ts';
import { traceViewOf } from '../lib/trace-view.ts';
import { entryOf, jsonEqual, show, taskOutcome } from '../lib/values.ts';

export const gatherEntries: OutcomeProperty = {
  kind: 'outcome',
  name: 'gather-entries',
  description:
    "every task of the run is a task of the scenario, created once; a gather that returns gives one entry per argument, each that argument's task's result — a coroutine passed twice is one task, so both entries are its result (G1, G1a, G4)",
  profiles: ['seed', 'cpython', 'micropython'],
  // reads format 1 and 2; NOT_APPLICABLE on format 1, which has no await, shield, timeout or shutdown (§4b)
  formats: [1, 2],
  format2Only: true,
  // Engaged: a gather given one argument twice (G1a: every task's `created` events were counted), or a gather owner
  // (the awaiter, a nested gather child) whose gather returned and who returned its list, never cancelled after
  // calling it; each entry was compared with its argument's task's outcome.
  check(scenario, outcome) {
    if ((scenario as { loopcheck: number }).loopcheck !== 2) return heldIf(false);
    const view = traceViewOf(outcome);
    const known = new Set([AWAITER, ...scenarioTaskPaths(scenario as never)]);
    for (const task of view.tasks()) {
      if (!known.has(task))
        return `${task} is a task the scenario never makes (G1: one task per child, G1a: per coroutine)`;
      if (view.eventsOf(task, 'created').length > 1)
        return `${task} was created ${view.eventsOf(task, 'created').length} times (G1a: a coroutine is wrapped once)`;
    }
    const owners: Array<[string, GatherNodeV2, string]> = [[AWAITER, scenario as unknown as GatherNodeV2, '']];
    for (const p of placedBodies(scenario as never))
      if ('gather' in p.body) owners.push([p.path, p.body.gather, p.path + PATH_SEPARATOR]);
    let engaged = owners.some(([, node]) => node.args !== undefined && new Set(node.args).size < node.args.length);
    for (const [owner, node, prefix] of owners) {
      const started = view.gatherStarted(owner);
      const decided = view.decision(owner);
      if (started === -1 || decided === -1 || outcome.trace[decided]!.event !== 'gather-returned') continue;
      if (view.eventsOf(owner, 'cancel-requested').some((i) => i > started)) continue;
      const got = taskOutcome(outcome, owner);
      if (got?.status !== 'returned' || !Array.isArray(got.value)) continue;
      const args = node.args ?? node.children.map((c) => c.name);
      engaged = true;
      if (got.value.length !== args.length)
        return `${owner}'s gather of ${args.length} arguments (${args.join(', ')}) gave ${got.value.length} entries: ${show(got.value)} (G4)`;
      for (let i = 0; i < args.length; i++) {
        const child = taskOutcome(outcome, prefix + args[i]);
        const want = child === undefined ? undefined : entryOf(child);
        if (want === undefined || !jsonEqual(got.value[i], want)) {
          const repeat =
            args.indexOf(args[i]!) !== i ? `, a repeat of argument ${args.indexOf(args[i]!)} (G1a: one task)` : '';
          return `${owner}'s gather entry ${i} (${args[i]}${repeat}) is ${show(got.value[i])}, but ${prefix + args[i]} ended ${show(want)} (G4)`;
        }
      }
    }
    return heldIf(engaged);
  },
};
