// One benchmark run: the loop workloads (JavaScript, CPython, MicroPython), the harness rates and explore, the goals.
import { cpythonGather, cpythonVersion, micropythonGather, type RuntimeFigure } from './external-runtimes.ts';
import { evaluateGoals } from './goals.ts';
import { type ExploreTiming, harnessRates, sampleScenarios, timeExplore, type HarnessRates } from './harness.ts';
import { jsWorkloadsCompiled } from './compiled-js.ts';
import { jsWorkloads } from './js-workloads.ts';
import type { LoopFigure } from './loop-figures.ts';
import { machineInfo } from './machine.ts';
import { forceGc } from './measure.ts';
import type { BenchReport } from './report.ts';

export interface BenchOptions {
  /** Gather sizes (default 10^3, 10^4, 10^5). */
  sizes: number[];
  /** Best of this many timed runs (after a warm-up). */
  repeats: number;
  /** Rounds of the interleaved loop ÷ Promise.all measure (loop-ratios.ts), per size. */
  ratioRounds: number;
  /** Memory per task of the JavaScript workloads: the median of this many runs. */
  memorySamples: number;
  /** Run CPython and MicroPython. */
  external: boolean;
  micropython: boolean;
  /** MicroPython only up to this size (a 10^5 run takes ~40 s). */
  micropythonMaxN: number;
  /** Harness: scenarios in the generated sample, and the least time of each rate's batch (ms). */
  harnessScenarios: number;
  harnessMinMs: number;
  /** explore bounds to time ([] for none). */
  exploreBounds: number[];
  exploreRepeats: number;
  /**
   * Run the JavaScript workloads on tsc's output in fresh processes (compiled-js.ts: what the package ships, and
   * no workload's type feedback in another's), not in this process (tsx's output).
   */
  compiled: boolean;
  /** Progress lines (stderr). */
  log: (line: string) => void;
}

export const FULL: Omit<BenchOptions, 'log'> = {
  sizes: [1_000, 10_000, 100_000],
  repeats: 5,
  ratioRounds: 9,
  memorySamples: 3,
  external: true,
  micropython: true,
  micropythonMaxN: 100_000,
  harnessScenarios: 1_000,
  harnessMinMs: 2_000,
  exploreBounds: [2, 3],
  exploreRepeats: 2,
  compiled: true,
};

export const QUICK: Omit<BenchOptions, 'log'> = {
  ...FULL,
  repeats: 2,
  ratioRounds: 5,
  micropythonMaxN: 10_000,
  harnessScenarios: 300,
  harnessMinMs: 300,
  exploreRepeats: 1,
};

function fromRuntime(workload: 'cpython' | 'micropython', figures: RuntimeFigure[]): LoopFigure[] {
  return figures.map((f) => ({ workload, n: f.n, bestMs: f.bestMs, bytesPerTask: f.bytesPerTask }));
}

export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const { log } = options;
  const settings: string[] = [
    `time: best of ${options.repeats} runs after warm-up runs; harness rates: best of 3 batches of >= ${options.harnessMinMs} ms`,
    'memory per task: live memory when the last child first runs (every other child exists and is suspended) minus ' +
      'before the run, / N: V8 heapUsed after a forced full GC' +
      (forceGc() === null ? ' (unavailable here: no GC could be forced)' : '') +
      '; CPython tracemalloc; MicroPython gc.mem_alloc after gc.collect (fresh instance)',
  ];
  const runtimes: string[] = [];

  let harness: HarnessRates | null = null;
  if (options.harnessScenarios > 0) {
    log('harness: model, loop, differential');
    harness = harnessRates(sampleScenarios(options.harnessScenarios), options.harnessMinMs);
  }

  log(`loop: JavaScript workloads${options.compiled ? ' (tsc-compiled, in fresh processes)' : ''}`);
  const js = { sizes: options.sizes, repeats: options.repeats, memorySamples: options.memorySamples };
  const { loop, ratios, lean } = options.compiled
    ? jsWorkloadsCompiled({ ...js, ratioRounds: options.ratioRounds })
    : {
        ...(await jsWorkloads({ ...js, part: 'figures', ratioRounds: 0 })),
        ratios:
          options.ratioRounds > 0
            ? (await jsWorkloads({ ...js, part: 'ratios', ratioRounds: options.ratioRounds })).ratios
            : [],
      };
  settings.push(
    `loop ÷ Promise.all: ${options.ratioRounds} rounds per size, each timing both workloads back to back (CPU time ` +
      'of the process, GC threads included); the median ratio is the figure, the range the noise',
    options.compiled
      ? 'JavaScript workloads: compiled by tsc (as npm run build), run in two fresh processes (times and memory; the ratio)'
      : "JavaScript workloads: this process's code (tsx)",
  );

  if (options.external) {
    const version = await cpythonVersion();
    if (version === null) settings.push('CPython: skipped (python3 cannot be run)');
    else {
      runtimes.push(`CPython ${version}`);
      log('loop: CPython asyncio');
      loop.push(...fromRuntime('cpython', await cpythonGather(options.sizes, options.repeats)));
    }
    if (options.micropython) {
      const sizes = options.sizes.filter((n) => n <= options.micropythonMaxN);
      log(`loop: MicroPython (wasm), N = ${sizes.join(', ')}`);
      runtimes.push('MicroPython 1.27 wasm');
      loop.push(...fromRuntime('micropython', await micropythonGather(sizes, options.repeats)));
      if (sizes.length < options.sizes.length)
        settings.push(`MicroPython: only N <= ${options.micropythonMaxN} (--quick)`);
      settings.push('MicroPython: one run at 10^5 (about 40 s each), memory measured up to 10^4');
    } else settings.push('MicroPython: skipped');
  } else settings.push('CPython and MicroPython: skipped (--skip-external or LOOPCHECK_BENCH_SKIP_EXTERNAL)');

  const explore: ExploreTiming[] = [];
  for (const bound of options.exploreBounds) {
    log(`harness: explore N = ${bound}`);
    explore.push(timeExplore(bound, options.exploreRepeats));
  }

  return {
    machine: machineInfo(),
    runtimes,
    settings,
    loop,
    harness,
    explore,
    ratios,
    goals: evaluateGoals({ loop, harness, explore, ratios, lean }),
    date: new Date().toISOString().slice(0, 10),
  };
}
