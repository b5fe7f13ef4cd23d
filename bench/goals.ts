// The benchmark's goals (issue 8) and whether the figures meet them: met, not met, or not measured.
import type { HarnessRates, ExploreTiming } from './harness.ts';
import type { LoopFigure, WorkloadId } from './loop-figures.ts';

export const GOAL_N = 100_000;
export const MIN_SPEEDUP_OVER_CPYTHON = 10;
export const MIN_DIFFERENTIAL_PER_SECOND = 5_000;
export const MAX_EXPLORE_N3_MS = 10_000;

export type GoalStatus = 'met' | 'not met' | 'not measured';

export interface Goal {
  goal: string;
  target: string;
  measured: string;
  status: GoalStatus;
}

export interface GoalInputs {
  loop: readonly LoopFigure[];
  harness: HarnessRates | null;
  explore: readonly ExploreTiming[];
}

function timeOf(loop: readonly LoopFigure[], workload: WorkloadId, n: number): number | undefined {
  return loop.find((f) => f.workload === workload && f.n === n)?.bestMs;
}

function status(ok: boolean | undefined): GoalStatus {
  return ok === undefined ? 'not measured' : ok ? 'met' : 'not met';
}

export function evaluateGoals({ loop, harness, explore }: GoalInputs): Goal[] {
  const ours = timeOf(loop, 'loopcheck', GOAL_N);
  const cpython = timeOf(loop, 'cpython', GOAL_N);
  const promiseAll = timeOf(loop, 'promise-all-async', GOAL_N);
  const speedup = ours !== undefined && cpython !== undefined ? cpython / ours : undefined;
  const versusPromiseAll = ours !== undefined && promiseAll !== undefined ? ours / promiseAll : undefined;
  const n3 = explore.find((e) => e.bound === 3);
  return [
    {
      goal: 'loop vs CPython asyncio, gather of 10^5',
      target: `>= ${MIN_SPEEDUP_OVER_CPYTHON}x faster`,
      measured: speedup === undefined ? '-' : `${speedup.toFixed(1)}x faster`,
      status: status(speedup === undefined ? undefined : speedup >= MIN_SPEEDUP_OVER_CPYTHON),
    },
    {
      goal: 'loop vs Promise.all over async functions, 10^5',
      target: 'time ratio <= 1.00',
      measured: versusPromiseAll === undefined ? '-' : `${versusPromiseAll.toFixed(2)}`,
      status: status(versusPromiseAll === undefined ? undefined : versusPromiseAll <= 1),
    },
    {
      goal: 'differential checks per second (one core, <= 8 children)',
      target: `>= ${MIN_DIFFERENTIAL_PER_SECOND.toLocaleString('en-US')}/s`,
      measured: harness === null ? '-' : `${Math.round(harness.differential).toLocaleString('en-US')}/s`,
      status: status(harness === null ? undefined : harness.differential >= MIN_DIFFERENTIAL_PER_SECOND),
    },
    {
      goal: 'loopcheck explore, N = 3',
      target: `< ${MAX_EXPLORE_N3_MS / 1000} s`,
      measured: n3 === undefined ? '-' : `${(n3.ms / 1000).toFixed(2)} s`,
      status: status(n3 === undefined ? undefined : n3.ms < MAX_EXPLORE_N3_MS),
    },
  ];
}
