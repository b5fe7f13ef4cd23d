// Exhaustive bounded exploration: the enumeration, the explorer and its certificate, shards, merging, workers.
export {
  DEFAULT_BOUND,
  ENUMERATION_VERSION,
  FAMILIES,
  type Family,
  describeEnumeration,
  enumerateScenarios,
  familyScenarios,
  scenariosWithChildren,
} from './enumerate.ts';
export {
  CRASH,
  EXPLORE_FAILURES_DIR,
  type Certificate,
  type ExploreFailure,
  type ExploreOptions,
  type PropertyResult,
  explore,
  exploreShard,
} from './explore.ts';
export { engagesFrom, mustEngage, unengaged } from './engagement.ts';
export { MergeError, checkShardSet, mergeResults, mergeShardFiles, readShardFile } from './merge.ts';
export { type ParallelOptions, defaultWorkers, exploreParallel } from './parallel.ts';
export { BLOCK_SIZE, type Shard, formatShard, parseShard } from './shard.ts';
export { canonicalScenario, scenarioKey, traceHash } from './canonical.ts';
