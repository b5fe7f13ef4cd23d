// Public surface of reports/: timelines of runs, the model coverage report, and regression tests from failures.
export * from './timeline/index.ts';
export * from './coverage/index.ts';
export {
  collectModelCoverage,
  type CollectedCoverage,
  type CollectOptions,
  type TargetedScenario,
} from './coverage/collect.ts';
export { emitRegressionTest, PROJECT_ROOT, type EmitTestOptions } from './emit-test.ts';
