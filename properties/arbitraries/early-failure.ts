// Arbitrary edit: a gather without return_exceptions where one child raises early while a sibling still runs (G3's
// decision, sibling cancellation or siblings running on) — random leaves raise, but rarely while a sibling runs.
import fc from 'fast-check';
import type { Child, GatherNode } from '../../model/scenario-types.ts';
import { ERROR_NAMES } from './end.ts';
import { undisturbedDuration } from '../lib/scenario-walk.ts';
import { returningNode, withAtLeast, withRaise } from './node-edits.ts';

export interface EarlyFailure {
  /** Which child raises (modulo the number of children). */
  pick: number;
  /** When it raises, 0–2 ms after it starts (after the nested gather returned, with `returnedFirst`). */
  at: number;
  error: string;
  /** Added to a sibling's sleeps when no sibling outlives the failure. */
  longer: number;
  /** With a nested gather sibling: it returns before the failure (else it is still waiting then). */
  returnedFirst: boolean;
}

export function earlyFailurePlanArb(): fc.Arbitrary<EarlyFailure> {
  return fc.record({
    pick: fc.nat(7),
    at: fc.constantFrom(0, 1, 2),
    error: fc.constantFrom(...ERROR_NAMES),
    longer: fc.constantFrom(3, 5, 10),
    returnedFirst: fc.constant(false),
  });
}

function lengthened(c: Child, ms: number): Child {
  return 'sleeps' in c ? { ...c, sleeps: [...c.sleeps, ms] } : { ...c, gather: withAtLeast(c.gather, 1, [ms]) };
}

/**
 * The node without return_exceptions, with child `pick` raising and a sibling running longer. With `sibling`, the
 * next child becomes a nested gather task (return_exceptions, returning): either it returns its list before the
 * failure (order, entries and max-not-sum judged inside a raising gather), or it is still waiting then —
 * cancelled with the rest (seed: the cancel reaches a task waiting on a gather) or running on to return its list
 * (CPython, MicroPython), where a scheduled cancel can still reach it while it waits.
 */
export function withEarlyFailure(node: GatherNode, plan: EarlyFailure, sibling?: GatherNode): GatherNode {
  const { pick, error, longer, returnedFirst } = plan;
  const base = withRaise(withAtLeast({ ...node, returnExceptions: false }, 2), pick, error);
  const children = [...base.children];
  const k = pick % children.length;
  const j = (k + 1) % children.length;
  let at = plan.at;
  if (sibling !== undefined) {
    const { name, onCancel } = children[j]!;
    // One child is enough (a list to return, a cancel to forward), so that counterexamples shrink to three tasks.
    const gather = returningNode(withAtLeast(sibling, 1, [longer]), pick, error, 1);
    const nested = { name, gather, task: true, ...(onCancel === undefined ? {} : { onCancel }) } as Child;
    const took = undisturbedDuration(nested);
    if (returnedFirst) at += took + 1; // a task starts at 0: it has returned when the failure comes
    children[j] = took > at || returnedFirst ? nested : { ...nested, gather: { ...gather, gatherAfter: longer + at } };
  }
  children[k] = { ...children[k]!, sleeps: at === 0 ? [] : [at] } as Child;
  // Every other sibling outlives the failure (so dropping the nested one while shrinking keeps two running).
  children.forEach((c, i) => {
    if (i !== k && !(i === j && sibling !== undefined) && undisturbedDuration(c) <= at)
      children[i] = lengthened(c, at + longer);
  });
  return { ...base, children };
}

/** The edit: a plan, and with `inner`, a nested gather sibling (always for `returned-first`, else half the time). */
export function earlyFailureEditArb(
  inner: fc.Arbitrary<GatherNode> | undefined,
  shape: 'returned-first' | 'waiting',
): fc.Arbitrary<{ plan: EarlyFailure; sibling?: GatherNode }> {
  // Returned first: a nested sibling nearly always, but shrinking may drop it (then it is the waiting shape).
  const sibling =
    inner === undefined
      ? fc.constant(undefined)
      : fc.option(inner, { freq: shape === 'returned-first' ? 20 : 2, nil: undefined });
  return fc.record({ plan: earlyFailurePlanArb(), sibling }).map(({ plan, sibling }) => ({
    plan: { ...plan, returnedFirst: shape === 'returned-first' && sibling !== undefined },
    ...(sibling === undefined ? {} : { sibling }),
  }));
}
