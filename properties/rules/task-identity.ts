// Property: every task is created exactly once, where the rules say; gather wraps coroutines only, never a task (G1, T1);
// format 2 (§4b): a repeated coroutine is wrapped once (G1a), a task child left out of `args` is created all the same.
import { heldIf, type OutcomeProperty } from './property-types.ts';
import { AWAITER } from '../../model/scenario-types.ts';
import { allTaskPaths, gatherOwners } from '../lib/scenario-walk.ts';
import { traceViewOf, describeEvent } from '../lib/trace-view.ts';
import type { ExpectedEvent } from '../lib/cancel-cascade.ts';
import { matchEvents } from '../lib/cancel-cascade.ts';

export const taskIdentity: OutcomeProperty = {
  kind: 'outcome',
  name: 'task-identity',
  description: 'each task is created once; task children keep their identity, only coroutines are wrapped by gather',
  profiles: ['seed', 'cpython'],
  formats: [1, 2], // §4b: through the one walk (lib/scenario-walk.ts), or the outcomes alone
  // Engaged: a started gather owner with children had its task children's and coroutines' creation compared.
  check(scenario, outcome) {
    const view = traceViewOf(outcome);
    const trace = outcome.trace;
    let engaged = false;
    const known = new Set(allTaskPaths(scenario));
    for (const task of view.tasks())
      if (!known.has(task)) return `unknown task ${JSON.stringify(task)} in the trace (not in the scenario)`;
    for (const task of view.tasks()) {
      const idx = view.indexesOf(task);
      const created = idx.filter((i) => trace[i]!.event === 'created');
      if (created.length !== 1) return `${task} was created ${created.length} times`;
      if (idx[0] !== created[0]) return `${task}'s first event is ${describeEvent(trace[idx[0]!])}, not created`;
    }
    if (trace[0]?.task !== AWAITER || trace[0].event !== 'created' || trace[0].at !== 0)
      return `the trace must begin with awaiter created @0, got ${describeEvent(trace[0])}`;
    for (const owner of gatherOwners(scenario)) {
      const started = view.find(owner.path, 'started');
      if (started === -1) continue;
      const at = trace[started]!.at;
      if (owner.members.length > 0) engaged = true;
      const tasks: ExpectedEvent[] = owner.members
        .filter((c) => c.child.task === true)
        .map((c) => ({ task: c.path, event: 'created' }));
      const bad = matchEvents(trace, started + 1, tasks, at, `${owner.path} creates its task children first`);
      if (bad !== null) return bad;
      const gs = view.gatherStarted(owner.path);
      if (gs === -1) continue;
      // in argument order, a repeated one once (G1a)
      const coroutines: ExpectedEvent[] = [...new Set(owner.children.filter((c) => c.child.task !== true))].map(
        (c) => ({ task: c.path, event: 'created' }),
      );
      const bad2 = matchEvents(
        trace,
        gs - coroutines.length,
        coroutines,
        trace[gs]!.at,
        `${owner.path}'s gather wraps its coroutines, in order, just before gather-started`,
      );
      if (bad2 !== null) return bad2;
    }
    return heldIf(engaged);
  },
};
