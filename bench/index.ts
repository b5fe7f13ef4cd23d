// Public surface of bench/: the workloads, the harness rates, the goals, the report and one whole run.
export { coroutinesOnly, loopcheckGather, promiseAllAsync, promiseAllResolved, heapPerChild } from './js-gather.ts';
export { loopRatios, spread, type RatioFigure, type Spread } from './loop-ratios.ts';
export { jsLoopFigures, WORKLOADS, type LoopFigure, type WorkloadId, type WorkloadInfo } from './loop-figures.ts';
export { cpythonGather, cpythonVersion, micropythonGather, type RuntimeFigure } from './external-runtimes.ts';
export {
  BENCH_SEED,
  differentialCheck,
  generatedDifferentialRate,
  harnessRates,
  sampleScenarios,
  timeExplore,
  type ExploreTiming,
  type HarnessRates,
} from './harness.ts';
export { evaluateGoals, type Goal, type GoalStatus, type LeanFigure } from './goals.ts';
export { machineInfo, cpuModel, type MachineInfo } from './machine.ts';
export { bestOf, bestOfAsync, forceGc, liveHeap, ratePerSecond } from './measure.ts';
export { renderMarkdown, renderText, textTable, markdownTable, type BenchReport } from './report.ts';
export { FULL, QUICK, runBench, type BenchOptions } from './suite.ts';
