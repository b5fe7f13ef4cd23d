// The virtual times at which each task would end if nothing cancelled it (to aim cancels exactly at a finish).
import type { GatherNode } from '../../model/scenario-types.ts';
import { undisturbedDuration, walkScenario } from '../lib/scenario-walk.ts';

/** Finite undisturbed end times of every task below `node` started at `start`, sorted, without duplicates. */
export function undisturbedFinishTimes(node: GatherNode, start = 0): number[] {
  const times = new Set<number>();
  for (const c of walkScenario(node, start).children) {
    const end = c.start + undisturbedDuration(c.child);
    if (Number.isFinite(end)) times.add(end);
  }
  const own = undisturbedDuration(node);
  if (Number.isFinite(own)) times.add(start + own);
  return [...times].sort((a, b) => a - b);
}
