// The events a gather's "cancel every child not finished yet, in argument order" must emit (rules T4, G3, G6, G7).
import { isGatherChild } from '../../model/scenario-types.ts';
import type { TraceEvent, TraceEventName } from '../../model/outcome.ts';
import type { GatherOwner } from './scenario-walk.ts';
import { describeEvent, type TraceView } from './trace-view.ts';

export interface ExpectedEvent {
  task: string;
  event: TraceEventName;
}

/**
 * The events that cancelling `owner`'s unfinished children emits when it starts just before trace index `pos`:
 * for each child not ended and without a pending cancel, `cancel-requested`; a child suspended on its own
 * undecided gather then reports `gather-cancelled` and cancels its children in turn (T4d, G6).
 */
export function expectedCascade(
  view: TraceView,
  owners: Map<string, GatherOwner>,
  owner: string,
  pos: number,
  out: ExpectedEvent[] = [],
): ExpectedEvent[] {
  const g = owners.get(owner);
  if (g === undefined) return out;
  for (const { path, child } of g.children) {
    const created = view.find(path, 'created');
    if (created === -1 || created >= pos) continue;
    if (view.endedBefore(path, pos) || view.cancelPendingBefore(path, pos)) continue;
    out.push({ task: path, event: 'cancel-requested' });
    if (isGatherChild(child) && view.inUndecidedGatherBefore(path, pos)) {
      out.push({ task: path, event: 'gather-cancelled' });
      expectedCascade(view, owners, path, pos, out); // recursion bounded by the nesting limit (MAX_NESTING)
    }
  }
  return out;
}

/** Compares the trace from `start` with `expected` (all at time `at`); returns a violation message or null. */
export function matchEvents(
  trace: TraceEvent[],
  start: number,
  expected: ExpectedEvent[],
  at: number,
  what: string,
): string | null {
  for (let k = 0; k < expected.length; k++) {
    const want = expected[k]!;
    const got = trace[start + k];
    if (got === undefined || got.task !== want.task || got.event !== want.event || got.at !== at) {
      return `${what}: expected event #${start + k} to be ${want.task} ${want.event} @${at}, got ${describeEvent(got)}`;
    }
  }
  return null;
}

export function ownersByPath(owners: GatherOwner[]): Map<string, GatherOwner> {
  return new Map(owners.map((o) => [o.path, o]));
}
