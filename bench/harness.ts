// Harness throughput: scenarios per second on the model, on the loop, and through the differential check; and
// the time of `loopcheck explore` for a bound.
import fc from 'fast-check';
import type { Scenario } from '../model/scenario-types.ts';
import { simulate } from '../model/index.ts';
import { runOnLoop } from '../properties/run-on-loop.ts';
import { differential } from '../properties/rules/differential.ts';
import { checkPropertySync } from '../properties/checker.ts';
import { implRunner } from '../properties/runners.ts';
import { scenarioArb } from '../properties/arbitraries/scenario.ts';
import { explore } from '../explore/explore.ts';
import { ratePerSecond } from './measure.ts';

/** The fixed seed of every generated sample (the same scenarios every run). */
export const BENCH_SEED = 20_240_508;

/** `count` scenarios of up to `maxChildren` children (nested gathers to depth 2), generated with BENCH_SEED. */
export function sampleScenarios(count: number, maxChildren = 8): Scenario[] {
  return fc.sample(scenarioArb({ maxChildren }), { numRuns: count, seed: BENCH_SEED });
}

/** Model, then loop, then the differential property's comparison: one differential check. */
export function differentialCheck(scenario: Scenario): void {
  const expected = simulate(scenario);
  const observed = runOnLoop(scenario);
  const verdict = differential.check(scenario, expected, observed);
  if (typeof verdict === 'string') throw new Error(`bench: the loop differs from the model: ${verdict}`);
}

export interface HarnessRates {
  /** Scenarios in the sample, and their mean number of tasks (children at every depth). */
  scenarios: number;
  meanChildren: number;
  model: number;
  loop: number;
  /** simulate + runOnLoop + compare, on the pre-generated sample. */
  differential: number;
  /** checkPropertySync(differential, impl): fast-check generating each scenario, then model + loop + compare. */
  differentialWithGeneration: number;
}

function countChildren(node: { children: readonly ({ gather?: unknown } & object)[] }): number {
  let n = 0;
  for (const child of node.children) {
    n++;
    if ('gather' in child) n += countChildren(child.gather as typeof node);
  }
  return n;
}

/** Runs per second over a sample (cycled through), each figure from batches of at least `minMs`. */
export function harnessRates(sample: Scenario[], minMs: number): HarnessRates {
  if (sample.length === 0) throw new Error('bench: harnessRates needs at least one scenario');
  const cycle = (run: (s: Scenario) => void): (() => void) => {
    let i = 0;
    return () => {
      run(sample[i]!);
      i = (i + 1) % sample.length;
    };
  };
  const model = ratePerSecond(cycle(simulate), minMs);
  const loop = ratePerSecond(cycle(runOnLoop), minMs);
  const diff = ratePerSecond(cycle(differentialCheck), minMs);
  const withGeneration = generatedDifferentialRate(Math.max(50, Math.round((diff * minMs) / 1000)));
  const meanChildren = sample.reduce((sum, s) => sum + countChildren(s), 0) / sample.length;
  return {
    scenarios: sample.length,
    meanChildren,
    model,
    loop,
    differential: diff,
    differentialWithGeneration: withGeneration,
  };
}

/** Checks per second of the real checker (fast-check drives generation; no shrinking as nothing fails). */
export function generatedDifferentialRate(runs: number): number {
  checkPropertySync(differential, implRunner, { runs: Math.min(runs, 100), seed: BENCH_SEED, failuresDir: null }); // warm-up
  const result = checkPropertySync(differential, implRunner, { runs, seed: BENCH_SEED, failuresDir: null });
  if (result.status !== 'passed')
    throw new Error(`bench: the differential check failed: ${result.failure?.message ?? result.status}`);
  return (result.runs * 1000) / result.timeMs;
}

export interface ExploreTiming {
  bound: number;
  ms: number;
  scenarios: number;
  distinctTraces: number;
}

/** The best of `repeats` full explorations at `bound` (no replay files written). */
export function timeExplore(bound: number, repeats: number): ExploreTiming {
  let best: ExploreTiming | undefined;
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    const certificate = explore({ bound, failuresDir: null });
    const ms = performance.now() - start;
    if (certificate.failures.length > 0) throw new Error(`bench: explore found a failure at bound ${bound}`);
    if (best === undefined || ms < best.ms) {
      best = { bound, ms, scenarios: certificate.scenarios, distinctTraces: certificate.distinctTraces };
    }
  }
  return best!;
}
