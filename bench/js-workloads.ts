// The JavaScript half of the benchmark, measured in one process: each workload's time and memory, loop ÷ Promise.all, and bytes per task.
import type { LeanFigure } from './goals.ts';
import { coroutinesOnly, heapPerChild } from './js-gather.ts';
import { jsLoopFigures, type LoopFigure } from './loop-figures.ts';
import { loopRatios, type RatioFigure } from './loop-ratios.ts';

export interface JsWorkloadOptions {
  /** figures: each workload's best time and memory, and bytes per task; ratios: loop ÷ Promise.all. */
  part: 'figures' | 'ratios';
  sizes: number[];
  repeats: number;
  memorySamples: number;
  /** Rounds of the interleaved loop ÷ Promise.all measure per size. */
  ratioRounds: number;
}

export interface JsWorkloadFigures {
  loop: LoopFigure[];
  ratios: RatioFigure[];
  lean: LeanFigure | null;
}

/** One part of the loop's and Promise.all's workloads in this process (compiled-js.ts runs each in a fresh one). */
export async function jsWorkloads(options: JsWorkloadOptions): Promise<JsWorkloadFigures> {
  if (options.part === 'ratios')
    return { loop: [], ratios: await loopRatios(options.sizes, options.ratioRounds), lean: null };
  const loop = await jsLoopFigures(options.sizes, options.repeats, options.memorySamples);
  return { loop, ratios: [], lean: await leanFigure(loop, options.memorySamples) };
}

/** Bytes per task of the sleepMs(0) gather at its largest size, and of its coroutines alone at that size. */
async function leanFigure(loop: readonly LoopFigure[], samples: number): Promise<LeanFigure | null> {
  const yields = loop.filter((f) => f.workload === 'loopcheck-yield' && f.bytesPerTask !== null);
  const largest = yields.reduce<LoopFigure | null>((a, f) => (a === null || f.n > a.n ? f : a), null);
  if (largest === null) return null;
  const coroutineBytes = await heapPerChild(largest.n, (probe) => coroutinesOnly(largest.n, probe), samples);
  if (!Number.isFinite(coroutineBytes)) return null;
  return { n: largest.n, bytesPerTask: largest.bytesPerTask!, coroutineBytes };
}
