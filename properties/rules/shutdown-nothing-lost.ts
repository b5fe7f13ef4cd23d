// Property (format 2): with `shutdown`, every task still running when the awaiter ends is cancelled and ends, its cleanup done, before the run ends (R1).
import { heldIf, type OutcomeProperty } from './property-types.ts';
import { AWAITER, type ScenarioV2 } from '../../model/scenario-types.ts';
import { placedBodies } from '../../model/scenario-paths.ts';
import { traceViewOf } from '../lib/trace-view.ts';
import { allSteps } from '../lib/format2-walk.ts';
import { isStepsChild, type ChildV2, type CreatedChild } from '../../model/scenario-types.ts';

const awaitsATask = (body: ChildV2 | CreatedChild): boolean =>
  isStepsChild(body) && allSteps(body.steps).some((s) => s !== 'hang' && ('await' in s || 'shield' in s));
import { taskOutcome } from '../lib/values.ts';

export const shutdownNothingLost: OutcomeProperty = {
  kind: 'outcome',
  name: 'shutdown-nothing-lost',
  description:
    'with shutdown, every task not done when the awaiter ends is cancelled and ends (its cleanup included) before the run ends (R1)',
  profiles: ['seed', 'cpython'],
  // reads format 1 and 2; NOT_APPLICABLE on format 1, which has no await, shield, timeout or shutdown (§4b)
  formats: [1, 2],
  format2Only: true,
  // Engaged: a shutdown run whose awaiter ended while some started task was not done; those tasks' ends (or an
  // await cycle's pending pair) and their cleanup time were compared.
  check(scenario, outcome) {
    const s = scenario as unknown as ScenarioV2;
    if (s.loopcheck !== 2 || !s.shutdown) return heldIf(false);
    const view = traceViewOf(outcome);
    const trace = outcome.trace;
    const a = view.terminal(AWAITER);
    if (a === -1) return heldIf(false); // the awaiter never ended: no shutdown began
    const left = placedBodies(scenario).filter((p) => {
      const t = view.terminal(p.path);
      // created before the awaiter ended: the shutdown lists the tasks left then (one created during it is not its)
      const created = view.find(p.path, 'created');
      return created !== -1 && created < a && (t === -1 || t > a);
    });
    if (left.length === 0) return heldIf(false);
    const pending = left.filter((p) => view.terminal(p.path) === -1);
    // only an await cycle (two tasks at least, each waiting on another) never ends once idle — or a task whose
    // shutdown cancel was forwarded to a task it awaited, which swallowed it (T4g), and that ran on into a hang
    const ranOnAfterItsCancel = (path: string): boolean => {
      const c = view.find(path, 'cancel-requested', a);
      return c !== -1 && view.find(path, 'resumed', c) !== -1;
    };
    if (pending.length === 1 && !ranOnAfterItsCancel(pending[0]!.path))
      return `${pending[0]!.path} was still running when the awaiter ended @${trace[a]!.at}; the shutdown should cancel it and wait for its end, but it is left pending (R1)`;
    for (const p of left) {
      const t = view.terminal(p.path);
      if (t === -1) continue;
      const requests = view.eventsOf(p.path, 'cancel-requested');
      const own = requests.filter((i) => i > a);
      // its cleanup ran to its end: a task cancelled for the first time by the shutdown ends no sooner than its cleanupMs after
      const h = p.body.onCancel;
      // (and did not run between the awaiter's end and that cancel: it may have met a CancelledError from a task it
      // awaited and be in its cleanup already, which the shutdown's cancel cuts short as asyncio does)
      // — also before the awaiter's end: a body that awaits is not judged on its cleanup time)
      const awaits = 'steps' in p.body && allSteps(p.body.steps).some((x) => x !== 'hang' && 'await' in x);
      const quiet = !awaits && own.length > 0 && !view.indexesOf(p.path).some((i) => i > a && i < own[0]!);
      // (a second cancel during that cleanup is a new request that cuts it short, T4: only a lone request is judged)
      if (
        quiet &&
        requests.length === own.length &&
        own.length === 1 && // a later cancel (a scenario's, during the cleanup) may cut it short, as asyncio does
        !awaitsATask(p.body) && // an awaited task's CancelledError may have started its cleanup before, unseen in the trace
        typeof h === 'object' &&
        'cleanupMs' in h &&
        taskOutcome(outcome, p.path)!.status === 'cancelled'
      ) {
        const from = trace[own[0]!]!.at;
        if (trace[t]!.at < from + h.cleanupMs)
          return `${p.path} was cancelled by the shutdown @${from} and cleans up for ${h.cleanupMs} ms, yet it ended @${trace[t]!.at}: its cleanup was cut short (R1)`;
      }
    }
    if (pending.length === 0) {
      const last = Math.max(trace[a]!.at, ...left.map((p) => trace[view.terminal(p.path)]!.at));
      if (outcome.end !== last)
        return `the shutdown should end the run when the last task left ends (@${last}), got end ${outcome.end} (R1)`;
    }
    return heldIf(true);
  },
};
