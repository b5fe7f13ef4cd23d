// The JavaScript side of the loop benchmark: each workload's best time and live heap per child, per size.
import { heapPerChild, loopcheckGather, promiseAllAsync, promiseAllResolved } from './js-gather.ts';
import { bestOf, bestOfAsync } from './measure.ts';

export type WorkloadId =
  | 'loopcheck'
  | 'loopcheck-yield'
  | 'promise-all-async'
  | 'promise-all-resolved'
  | 'cpython'
  | 'micropython';

export interface WorkloadInfo {
  id: WorkloadId;
  label: string;
  /** How memory per task is measured for it. */
  memory: string;
}

export const WORKLOADS: readonly WorkloadInfo[] = [
  { id: 'loopcheck', label: 'loopcheck loop, sleepMs(1) (virtual clock, timer heap)', memory: 'V8 heap' },
  { id: 'loopcheck-yield', label: 'loopcheck loop, sleepMs(0) (ready queue only)', memory: 'V8 heap' },
  { id: 'promise-all-async', label: 'Promise.all over async functions (await null)', memory: 'V8 heap' },
  { id: 'promise-all-resolved', label: 'Promise.all over resolved promises', memory: 'V8 heap' },
  { id: 'cpython', label: 'CPython asyncio.gather, sleep(0)', memory: 'tracemalloc' },
  { id: 'micropython', label: 'MicroPython (wasm) asyncio.gather, sleep(0)', memory: 'gc.mem_alloc' },
];

export interface LoopFigure {
  workload: WorkloadId;
  n: number;
  /** Best wall time of the whole gather, ms. */
  bestMs: number;
  /** Live memory per child in bytes, or null when not measured. */
  bytesPerTask: number | null;
}

/**
 * Each JavaScript workload at each size: best of `repeats` (after warm-up runs), then untimed runs for memory (the
 * median of `memorySamples`; each sample costs four full collections).
 */
export async function jsLoopFigures(
  sizes: readonly number[],
  repeats: number,
  memorySamples = 3,
): Promise<LoopFigure[]> {
  const figures: LoopFigure[] = [];
  const memory = (value: number): number | null => (Number.isFinite(value) ? value : null);
  for (const n of sizes) {
    const warmup = Math.min(50, Math.max(1, Math.round(20_000 / n))); // small sizes need more runs to be compiled
    figures.push({
      workload: 'loopcheck',
      n,
      bestMs: bestOf(repeats, () => loopcheckGather(n, 1), warmup),
      bytesPerTask: memory(await heapPerChild(n, (probe) => loopcheckGather(n, 1, probe), memorySamples)),
    });
    figures.push({
      workload: 'loopcheck-yield',
      n,
      bestMs: bestOf(repeats, () => loopcheckGather(n, 0), warmup),
      bytesPerTask: memory(await heapPerChild(n, (probe) => loopcheckGather(n, 0, probe), memorySamples)),
    });
    figures.push({
      workload: 'promise-all-async',
      n,
      bestMs: await bestOfAsync(repeats, () => promiseAllAsync(n), warmup),
      bytesPerTask: memory(await heapPerChild(n, (probe) => promiseAllAsync(n, probe), memorySamples)),
    });
    figures.push({
      workload: 'promise-all-resolved',
      n,
      bestMs: await bestOfAsync(repeats, () => promiseAllResolved(n), warmup),
      bytesPerTask: memory(await heapPerChild(n, (probe) => promiseAllResolved(n, probe), memorySamples)),
    });
  }
  return figures;
}
