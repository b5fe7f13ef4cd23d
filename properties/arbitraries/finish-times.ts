// The virtual times at which each task would end if nothing cancelled it (to aim cancels exactly at a finish).
import type { GatherNode } from '../../model/scenario-types.ts';
import { isGatherChild } from '../../model/scenario-types.ts';
import { undisturbedDuration } from '../lib/scenario-walk.ts';

/** Finite undisturbed end times of every task below `node` started at `start`, sorted, without duplicates. */
export function undisturbedFinishTimes(node: GatherNode, start = 0): number[] {
  const times = new Set<number>();
  const visit = (n: GatherNode, at: number): void => {
    for (const c of n.children) {
      const begin = at + (c.task === true ? 0 : (n.gatherAfter ?? 0));
      const end = begin + undisturbedDuration(c);
      if (Number.isFinite(end)) times.add(end);
      if (isGatherChild(c)) visit(c.gather, begin);
    }
  };
  visit(node, start);
  const own = undisturbedDuration(node);
  if (Number.isFinite(own)) times.add(start + own);
  return [...times].sort((a, b) => a - b);
}
