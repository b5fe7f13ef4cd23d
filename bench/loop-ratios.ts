// The loop against Promise.all inside one process: interleaved rounds, ratios per round, medians and their spread.
//
// Why not best-of times: on a shared machine a best time is whichever run the scheduler left alone, and the two
// workloads' best runs come from different moments. Each round times the loop's gather and Promise.all back to
// back (which goes first alternates), so a round's ratio sees the same load on both; the median over rounds is the
// figure, min–max its noise.
// CPU time (process.cpuUsage: this process's threads, the GC's helpers included) is the main figure, as time other
// processes take from us does not count in it; wall time is given beside it.
import { bareCoroutines, loopcheckGather, promiseAllAsync } from './js-gather.ts';

export interface RatioFigure {
  n: number;
  rounds: number;
  /** Median CPU µs per child of the loop's gather (each child sleepMs(0), then returns). */
  loopUsPerChild: number;
  /** Median CPU µs per child of Promise.all over async functions (each awaits once, then returns). */
  promiseAllUsPerChild: number;
  /**
   * Median CPU µs per child of the same coroutines stepped by a bare loop (js-gather.ts bareCoroutines): what any
   * generator-based loop pays before its own work, timed in the same rounds.
   */
  floorUsPerChild: number;
  /** Loop ÷ Promise.all, CPU time: median, least and greatest over the rounds. */
  cpuRatio: Spread;
  /** The same with wall time. */
  wallRatio: Spread;
}

export interface Spread {
  median: number;
  min: number;
  max: number;
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

export function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

/**
 * `rounds` rounds at each size; a round runs each workload `batch` times (enough children per batch, 2·10^5, that
 * a small N's time is above the clock's resolution) after warm-up runs.
 */
export async function loopRatios(sizes: readonly number[], rounds: number): Promise<RatioFigure[]> {
  const figures: RatioFigure[] = [];
  for (const n of sizes) {
    const batch = Math.max(1, Math.round(200_000 / n));
    // Warm-up: a batch's worth of each workload (2·10^5 children) before the first round. A gather's own functions run
    // once per run: with 20 warm-up runs at 10^3 (before 2026-11-30) they were still being optimised during the
    // first rounds, on compiler threads whose CPU time the rounds counted (round ratios up to 2.4 where the others
    // were ~1.0).
    const warmup = batch;
    for (let i = 0; i < warmup; i++) {
      loopcheckGather(n, 0);
      await promiseAllAsync(n);
      bareCoroutines(n);
    }
    const loopCpu: number[] = [];
    const floorCpu: number[] = [];
    const allCpu: number[] = [];
    const cpuRatios: number[] = [];
    const wallRatios: number[] = [];
    for (let r = 0; r < rounds; r++) {
      // Which goes first alternates: each workload leaves garbage that the next one's collections pay for, so a fixed
      // order would bill one of them for the other's.
      let loopC = 0;
      let loopW = 0;
      let allC = 0;
      let allW = 0;
      for (const loopTurn of r % 2 === 0 ? [true, false] : [false, true]) {
        const wall = performance.now();
        const cpu = cpuMs();
        if (loopTurn) for (let k = 0; k < batch; k++) loopcheckGather(n, 0);
        else for (let k = 0; k < batch; k++) await promiseAllAsync(n);
        if (loopTurn) [loopC, loopW] = [cpuMs() - cpu, performance.now() - wall];
        else [allC, allW] = [cpuMs() - cpu, performance.now() - wall];
      }
      const cpu = cpuMs();
      for (let k = 0; k < batch; k++) bareCoroutines(n);
      floorCpu.push(((cpuMs() - cpu) * 1000) / (batch * n));
      loopCpu.push((loopC * 1000) / (batch * n));
      allCpu.push((allC * 1000) / (batch * n));
      cpuRatios.push(loopC / allC);
      wallRatios.push(loopW / allW);
    }
    figures.push({
      n,
      rounds,
      loopUsPerChild: spread(loopCpu).median,
      promiseAllUsPerChild: spread(allCpu).median,
      floorUsPerChild: spread(floorCpu).median,
      cpuRatio: spread(cpuRatios),
      wallRatio: spread(wallRatios),
    });
  }
  return figures;
}
