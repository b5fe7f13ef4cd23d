// The benchmark's goals (issues 8 and 15) and whether the figures meet them: met, not met, or not measured.
import type { HarnessRates, ExploreTiming } from './harness.ts';
import type { LoopFigure, WorkloadId } from './loop-figures.ts';
import type { RatioFigure } from './loop-ratios.ts';

export const GOAL_N = 100_000;
export const MIN_SPEEDUP_OVER_CPYTHON = 10;
export const MIN_DIFFERENTIAL_PER_SECOND = 5_000;
export const MAX_EXPLORE_N3_MS = 10_000;
/** Issue 15 §4: the loop's gather no slower than Promise.all at each of these sizes. */
export const RATIO_SIZES = [1_000, 10_000, 100_000];
/** Issue 15 §4: time per child at 10^5 at most this many times that at 10^4. */
export const MAX_GROWTH_PER_CHILD = 2;
export const MAX_BYTES_PER_TASK = 200;

/** Live bytes per task of the loop's gather at 10^5, and of its coroutines alone (the floor under it). */
export interface LeanFigure {
  n: number;
  bytesPerTask: number;
  coroutineBytes: number;
}

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
  /** Loop ÷ Promise.all per size, from interleaved rounds (loop-ratios.ts); [] when not measured. */
  ratios?: readonly RatioFigure[];
  lean?: LeanFigure | null;
}

function timeOf(loop: readonly LoopFigure[], workload: WorkloadId, n: number): number | undefined {
  return loop.find((f) => f.workload === workload && f.n === n)?.bestMs;
}

function status(ok: boolean | undefined): GoalStatus {
  return ok === undefined ? 'not measured' : ok ? 'met' : 'not met';
}

export function evaluateGoals({ loop, harness, explore, ratios = [], lean = null }: GoalInputs): Goal[] {
  const ours = timeOf(loop, 'loopcheck', GOAL_N);
  const cpython = timeOf(loop, 'cpython', GOAL_N);
  const speedup = ours !== undefined && cpython !== undefined ? cpython / ours : undefined;
  const n3 = explore.find((e) => e.bound === 3);
  return [
    {
      goal: 'loop vs CPython asyncio, gather of 10^5',
      target: `>= ${MIN_SPEEDUP_OVER_CPYTHON}x faster`,
      measured: speedup === undefined ? '-' : `${speedup.toFixed(1)}x faster`,
      status: status(speedup === undefined ? undefined : speedup >= MIN_SPEEDUP_OVER_CPYTHON),
    },
    ...ratioGoals(ratios),
    growthGoal(ratios),
    leanGoal(lean ?? null),
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

function formatN(n: number): string {
  const k = Math.log10(n);
  return Number.isInteger(k) ? `10^${k}` : String(n);
}

/** One goal per size: the median CPU-time ratio of the rounds (its range beside it, as the noise seen). */
function ratioGoals(ratios: readonly RatioFigure[]): Goal[] {
  return RATIO_SIZES.map((n) => {
    const f = ratios.find((r) => r.n === n);
    return {
      goal: `loop vs Promise.all over async functions, ${formatN(n)} (each child yields once; CPU time)`,
      target: 'median ratio <= 1.00',
      measured:
        f === undefined
          ? '-'
          : `${f.cpuRatio.median.toFixed(2)} (rounds ${f.cpuRatio.min.toFixed(2)}-${f.cpuRatio.max.toFixed(2)})`,
      status: status(f === undefined ? undefined : f.cpuRatio.median <= 1),
    };
  });
}

function growthGoal(ratios: readonly RatioFigure[]): Goal {
  const small = ratios.find((r) => r.n === 10_000);
  const big = ratios.find((r) => r.n === 100_000);
  const growth = small !== undefined && big !== undefined ? big.loopUsPerChild / small.loopUsPerChild : undefined;
  return {
    goal: 'loop time per child, 10^5 vs 10^4',
    target: `<= ${MAX_GROWTH_PER_CHILD.toFixed(2)}x`,
    measured:
      growth === undefined
        ? '-'
        : `${growth.toFixed(2)}x (${small!.loopUsPerChild.toFixed(3)} -> ${big!.loopUsPerChild.toFixed(3)} us; ` +
          `Promise.all ${(big!.promiseAllUsPerChild / small!.promiseAllUsPerChild).toFixed(2)}x, ` +
          `the bare coroutines ${(big!.floorUsPerChild / small!.floorUsPerChild).toFixed(2)}x)`,
    status: status(growth === undefined ? undefined : growth <= MAX_GROWTH_PER_CHILD),
  };
}

function leanGoal(lean: LeanFigure | null): Goal {
  return {
    goal: `live bytes per task, ${lean === null ? '10^5' : formatN(lean.n)} (sleepMs(0))`,
    target: `<= ${MAX_BYTES_PER_TASK}`,
    measured:
      lean === null
        ? '-'
        : `${Math.round(lean.bytesPerTask)} (the coroutine alone ${Math.round(lean.coroutineBytes)}, the loop's own ` +
          `${Math.round(lean.bytesPerTask - lean.coroutineBytes)})`,
    status: status(lean === null ? undefined : lean.bytesPerTask <= MAX_BYTES_PER_TASK),
  };
}
