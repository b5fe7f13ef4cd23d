// Where a format 2 timeout's deadline is drawn: at its cancel request when it fired (TO1), else at its instant.
import type { TimeoutScope } from './format2.ts';
import { eventPoints } from './spans.ts';
import type { Point, RunTimeline } from './types.ts';

export function deadlinePoint(run: RunTimeline, scope: TimeoutScope): Point {
  if (scope.fired) {
    const points = eventPoints(run.trace);
    const index = run.trace.findIndex(
      (e) => e.task === scope.task && e.at === scope.deadline && e.event === 'cancel-requested',
    );
    if (index >= 0) return points[index]!;
  }
  return { at: scope.deadline, slot: 0 };
}
