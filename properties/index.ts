// Public surface of properties/: generators, the property registry, runners, the checker, replay files, formatting.
export * from './arbitraries/index.ts';
export { PROPERTIES, propertiesFor, findProperty, outcomeViolations } from './rules/index.ts';
export type {
  PropertySpec,
  OutcomeProperty,
  DeterminismProperty,
  DifferentialProperty,
  Verdict,
  ScenarioFormat,
} from './rules/index.ts';
export {
  modelRunner,
  implRunner,
  BUILTIN_RUNNERS,
  runnerFromTarget,
  type Runner,
  type SyncRunner,
  type AsyncRunner,
} from './runners.ts';
export {
  checkProperty,
  checkPropertySync,
  describeFailure,
  skipReason,
  type CheckOptions,
  type CheckResult,
} from './checker.ts';
export { evaluateSync, evaluateAsync, type Evaluation } from './evaluate.ts';
export { runSuite, type SuiteOptions } from './suite.ts';
export {
  CheckMergeError,
  checkCheckShardSet,
  mergeCheckRuns,
  mergeRow,
  readCheckShardFile,
  type CheckRun,
} from './check-merge.ts';
export type { CaseShard, ShardCases } from './shard-cases.ts';
export { DEFAULT_RUNS, TEST_SEED, envRuns, envSeed, freshSeed } from './config.ts';
export {
  DEFAULT_FAILURES_DIR,
  ReplayFileError,
  failureFileName,
  readReplayFile,
  replayCommand,
  replayInputFromJson,
  writeFailureFile,
  type FailureRecord,
  type ReplayInput,
} from './failure-file.ts';
export { RUN_FAILURES, recordedRunner, rejudgeFailure, type Judgeable, type Rejudgement } from './rejudge.ts';
export {
  expectationDifferences,
  recordExpectation,
  regressionProfiles,
  regressionText,
  withProfile,
  withoutTrace,
  type ExpectedOutcome,
  type RegressionRecord,
} from './regression-file.ts';
export * from './format/index.ts';
export {
  gatherOwners,
  allChildren,
  allTaskPaths,
  cancelTargets,
  undisturbedDuration,
  type GatherOwner,
  type PlacedChild,
} from './lib/scenario-walk.ts';
export { MAX_TASKS, MAX_EVENTS, scenarioSize, scenarioSizeProblem, type ScenarioSize } from './lib/scenario-size.ts';
export { registerTarget, knownTargets, resolveRunner } from './target-registry.ts';
