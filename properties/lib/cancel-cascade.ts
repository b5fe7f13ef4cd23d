// The events a gather's "cancel every child not finished yet, in argument order" must emit (rules T4, G3, G6, G7).
import { isStepsChild } from '../../model/scenario-types.ts';
import type { TraceEvent, TraceEventName } from '../../model/outcome.ts';
import type { AnyGatherOwner } from './scenario-walk.ts';
import { describeEvent, type TraceView } from './trace-view.ts';

export interface ExpectedEvent {
  task: string;
  event: TraceEventName;
}

/**
 * The events that cancelling `owner`'s unfinished children emits when it starts just before trace index `pos`:
 * for each child not ended and without a pending cancel, `cancel-requested` (a repeated argument once, G1a); a child
 * suspended on its own undecided gather then reports `gather-cancelled` and cancels its children in turn (T4d, G6).
 * null when the cascade reaches a steps child (format 2, §4b): what its cancel emits depends on the step it waits on
 * (an awaited task gets the cancel forwarded, T4g; a shield keeps it, SH1), which the trace does not say.
 */
export function expectedCascade(
  view: TraceView,
  owners: Map<string, AnyGatherOwner>,
  owner: string,
  pos: number,
  out: ExpectedEvent[] = [],
): ExpectedEvent[] | null {
  const requested = new Set(out.filter((e) => e.event === 'cancel-requested').map((e) => e.task));
  return cascade(view, owners, owner, pos, out, requested);
}

/** expectedCascade, with the tasks `out` already requests a cancel of as a set (a search of `out` per child was quadratic). */
function cascade(
  view: TraceView,
  owners: Map<string, AnyGatherOwner>,
  owner: string,
  pos: number,
  out: ExpectedEvent[],
  requested: Set<string>,
): ExpectedEvent[] | null {
  const g = owners.get(owner);
  if (g === undefined) return out;
  for (const { path, child } of g.children) {
    const created = view.find(path, 'created');
    if (created === -1 || created >= pos) continue;
    if (view.endedBefore(path, pos)) continue;
    // a steps child may have forwarded an earlier cancel (T4g) and keep none pending: not judged
    if (isStepsChild(child)) return null;
    if (view.cancelPendingBefore(path, pos)) continue;
    if (requested.has(path)) continue;
    requested.add(path);
    out.push({ task: path, event: 'cancel-requested' });
    if ('gather' in child && view.inUndecidedGatherBefore(path, pos)) {
      out.push({ task: path, event: 'gather-cancelled' });
      // recursion bounded by the nesting limit (MAX_NESTING)
      if (cascade(view, owners, path, pos, out, requested) === null) return null;
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

export function ownersByPath(owners: AnyGatherOwner[]): Map<string, AnyGatherOwner> {
  return new Map(owners.map((o) => [o.path, o]));
}
