// Exhaustive bounded exploration: every enumerated scenario on the loop and (unless proved equal to an earlier run)
// the model, the differential on every scenario, every other property once per distinct trace; a certificate or a
// counterexample with a replay file.
import { join } from 'node:path';
import type { Outcome } from '../model/outcome.ts';
import type { Scenario } from '../model/scenario-types.ts';
import { type Evaluation, evaluateSync, judge } from '../properties/evaluate.ts';
import { DEFAULT_FAILURES_DIR, type FailureRecord, writeFailureFile } from '../properties/failure-file.ts';
import { propertiesFor } from '../properties/rules/index.ts';
import type { PropertySpec } from '../properties/rules/property-types.ts';
import { implRunner, modelRunner, type SyncRunner } from '../properties/runners.ts';
import { traceHash } from './canonical.ts';
import {
  DEFAULT_BOUND,
  ENUMERATION_VERSION,
  describeEnumeration,
  enumerateScenarios,
  leafAlternatives,
} from './enumerate.ts';
import { mustEngage } from './engagement.ts';
import { Reducer, summarise } from './reduction.ts';
import { BLOCK_SIZE, type Shard, WHOLE, ownsBlock } from './shard.ts';
import { LOOPCHECK_VERSION, mergeResults } from './merge.ts';

/** Where explore writes its replay files (a folder of the failures folder `loopcheck check` uses). */
export const EXPLORE_FAILURES_DIR = join(DEFAULT_FAILURES_DIR, 'explore');
/** The pseudo-property under which a target that throws is reported. */
export const CRASH = 'crash';

export interface ExploreOptions {
  /** Most children per scenario (default 3). */
  bound?: number;
  /** The reference (default: the model). */
  model?: SyncRunner;
  /** The loop side (default: impl; a mutant runner to see explore catch it). */
  loop?: SyncRunner;
  /** Go on after the first failure and report the first failure of every property × target. */
  allFailures?: boolean;
  /** Where replay files go (default EXPLORE_FAILURES_DIR); null writes none. */
  failuresDir?: string | null;
  /** The scenarios (default: enumerateScenarios(bound)). */
  scenarios?: Iterable<Scenario>;
  /** Skip model runs of scenarios provably equal to one already run in their block (default true; reduction.ts). */
  reduce?: boolean;
  /** Scenarios per block (default BLOCK_SIZE; smaller only to test sharding on a small enumeration). */
  blockSize?: number;
  /** Only the blocks of this shard (default: all). */
  shard?: Shard;
  /** Stop before any scenario whose case number is above this value (set by parallel runs after a failure). */
  stopAfter?: () => number;
  /** Called with each failure as it is found (parallel runs use it to stop the other workers early). */
  onFailure?: (failure: ExploreFailure) => void;
  /**
   * Blocks handed out on demand (parallel.ts): returns the next unclaimed position among the shard's blocks (0, 1, 2,
   * …; each position handed to one caller only). The run explores the blocks it claims, claiming the next one as it
   * leaves one, so workers that share a counter balance their load; counts do not depend on who runs a block.
   */
  claim?: () => number;
  /** Called every PROGRESS_EVERY scenarios with the count so far. */
  onProgress?: (scenarios: number) => void;
}

export const PROGRESS_EVERY = 2_000;

export interface PropertyResult {
  name: string;
  held: boolean;
  /** Evaluations made (see Certificate.covers for which). */
  checked: number;
  /** Evaluations whose scenario engaged the property (its premise occurred), as the evaluation reports it. */
  engaged: number;
  /**
   * Evaluations not made: scenarios of a format the property does not read (its declared `formats`,
   * properties/format2/readiness.ts), not counted in `checked`. Absent when none.
   */
  unjudged?: number;
  /**
   * Whether the enumeration at this bound holds the property's construct (engagement.ts): then a whole certificate
   * with 0 engaged fails. False on a stream of `ExploreOptions.scenarios`, which is not the enumeration.
   */
  mustEngage: boolean;
}

export interface ExploreFailure {
  property: string;
  target: string;
  message: string;
  /** 0-based position of the scenario in the enumeration. */
  case: number;
  scenario: Scenario;
  /** The target's outcome (null when it crashed) and the reference's, for the replay file. */
  observed: Outcome | null;
  expected?: Outcome;
  /** The replay file written, if any. */
  file?: string;
}

/** What one run (a shard, or the whole enumeration) found; shard results merge into one (merge.ts). */
export interface Certificate {
  /** The loopcheck version and the enumeration's version: merged results must agree on both. */
  version: string;
  enumeration: number;
  bound: number;
  /** In words: what the enumeration covers and what is checked on it. */
  covers: string;
  blockSize: number;
  /** The shard this result is (absent in a merged or unsharded certificate). */
  shard?: Shard;
  /** Shards merged into this certificate (1 for an unsharded run). */
  shards: number;
  /** Scenarios enumerated. */
  scenarios: number;
  /** Scenarios run on the model; the others were proved equal to a run in their block (reduction.ts). */
  ranOnModel: number;
  /** Scenarios run on the loop: every one (a crash of the model does not skip it). */
  ranOnLoop: number;
  /** Distinct normalised model traces among the scenarios. */
  distinctTraces: number;
  /** The loop side's name: `impl`, or `mutant:<name>`. */
  loop: string;
  properties: PropertyResult[];
  /** Wall time; for a merged certificate, of the longest shard. */
  timeMs: number;
  /** False when exploration stopped before the end: at the first failure, or interrupted. */
  complete: boolean;
  /** True when it was interrupted (SIGINT: `ParallelOptions.signal`): the counts are of what was explored before. */
  interrupted?: boolean;
  failures: ExploreFailure[];
  /** The distinct trace hashes, sorted (shard results only, for merging). */
  traceHashes?: string[];
}

interface Tally {
  held: boolean;
  checked: number;
  engaged: number;
  unjudged: number;
}

/** What is checked on the enumeration, in words (the second half of Certificate.covers). */
export function describeChecks(blockSize: number): string {
  return [
    'Checked: the loop runs every scenario; the model every scenario not proved equal to a run in its block;',
    'the differentials on every scenario; the other properties on the model once per distinct trace in each block of',
    `${blockSize} scenarios, on the loop where its outcome differs from the model's (where equal, the verdicts are the model's), determinism on both.`,
  ].join(' ');
}

/** Runs `runner`, turning an exception into a one-line message. */
function attempt(runner: SyncRunner, scenario: Scenario): Outcome | string {
  try {
    return runner.run(scenario);
  } catch (e) {
    return `${runner.name} crashed: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`;
  }
}

/**
 * What evaluateSync returns for an outcome property or a differential whose runners replay `observed` and `expected`
 * (the same judge, the same fields), without the runner wrappers: explore evaluates the differentials on every scenario.
 */
function judged(spec: PropertySpec, scenario: Scenario, observed: Outcome, expected?: Outcome): Evaluation {
  const ev: Evaluation = judge(spec, scenario, observed, expected) as Evaluation;
  ev.observed = observed;
  if (expected !== undefined) ev.expected = expected;
  return ev;
}

/** A runner that answers its first call with an outcome already computed and runs `runner` afresh after that (so
 * determinism still compares two real runs). */
function replaying(runner: SyncRunner, first: Outcome): SyncRunner {
  let used = false;
  return {
    sync: true,
    name: runner.name,
    profile: runner.profile,
    run(scenario) {
      if (used) return runner.run(scenario);
      used = true;
      return first;
    },
  };
}

/**
 * Explores every scenario of the stream (default: up to `bound` children) and returns the certificate; with
 * `shard`, only that shard's blocks, and the result keeps its trace hashes for `mergeResults`. Error stack traces are switched off while it runs: both sides create an exception per cancelled or
 * raising task, only messages are reported, and capturing stacks was a tenth of the time.
 */
export function explore(options: ExploreOptions = {}): Certificate {
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    const result = exploreShard(options);
    return options.shard === undefined ? mergeResults([result]) : result;
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

/** Writes the replay file of a failure (when `dir` is not null) and returns the failure with its path. */
export function withReplayFile(f: ExploreFailure, bound: number, dir: string | null): ExploreFailure {
  if (dir === null) return f;
  const record: FailureRecord = {
    loopcheck: 1,
    kind: 'failure',
    property: f.property,
    target: f.target,
    profile: f.scenario.profile,
    seed: 0,
    path: `explore --children ${bound}, case ${f.case}`,
    scenario: f.scenario,
    message: f.message,
    observed: f.observed,
  };
  if (f.expected !== undefined) record.expected = f.expected;
  return { ...f, file: writeFailureFile(record, dir) };
}

/** One shard's result (traceHashes included); `explore` and the workers build on it. */
export function exploreShard(options: ExploreOptions): Certificate {
  const started = performance.now();
  const bound = options.bound ?? DEFAULT_BOUND;
  const shard = options.shard ?? WHOLE;
  const blockSize = options.blockSize ?? BLOCK_SIZE;
  const model = options.model ?? modelRunner;
  const loop = options.loop ?? implRunner;
  const failuresDir = options.failuresDir === undefined ? EXPLORE_FAILURES_DIR : options.failuresDir;
  const specs: PropertySpec[] = propertiesFor('seed');
  const differentials = specs.filter((p) => p.kind === 'differential');
  const others = specs.filter((p) => p.kind !== 'differential');
  const determinisms = specs.filter((p) => p.kind === 'determinism');
  const tallies = new Map<string, Tally>(
    specs.map((p) => [p.name, { held: true, checked: 0, engaged: 0, unjudged: 0 }]),
  );
  const failures: ExploreFailure[] = [];
  const reported = new Set<string>();
  const allSeen = new Set<string>();
  let scenarios = 0;
  let ranOnModel = 0;
  let ranOnLoop = 0;
  let stopped = false;

  const fail = (
    index: number,
    scenario: Scenario,
    property: string,
    target: string,
    message: string,
    observed: Outcome | null,
    expected?: Outcome,
  ): void => {
    const tally = tallies.get(property);
    if (tally) tally.held = false;
    const key = `${property}\u0000${target}`;
    if (reported.has(key)) return;
    reported.add(key);
    const failure: ExploreFailure = { property, target, message, case: index, scenario, observed };
    if (expected !== undefined) failure.expected = expected;
    failures.push(withReplayFile(failure, bound, failuresDir));
    options.onFailure?.(failure);
    if (options.allFailures !== true) stopped = true;
  };

  /** Evaluates one property (through evaluate.ts, so its verdict and `engaged` are the ones `check` reports). */
  const evaluate = (
    scenario: Scenario,
    spec: PropertySpec,
    runner: SyncRunner,
    outcome: Outcome,
    reference?: [SyncRunner, Outcome],
  ): Evaluation => {
    // Determinism runs the target a second time (evaluateSync); an outcome property or a differential only reads the
    // outcomes already computed, which is what evaluateSync does with replaying runners: judge them directly.
    const ev: Evaluation =
      spec.kind === 'determinism' || (spec.kind === 'differential' && reference === undefined)
        ? evaluateSync(
            spec,
            scenario,
            replaying(runner, outcome),
            reference === undefined ? undefined : replaying(reference[0], reference[1]),
          )
        : judged(spec, scenario, outcome, reference?.[1]);
    const tally = tallies.get(spec.name)!;
    if (ev.unjudged !== undefined) tally.unjudged++;
    else tally.checked++;
    if (ev.engaged) tally.engaged++;
    return ev;
  };

  /** Outcome properties and determinism on one side's outcome, failures reported. */
  const checkSide = (
    index: number,
    scenario: Scenario,
    runner: SyncRunner,
    outcome: Outcome,
    which: readonly PropertySpec[],
  ): void => {
    for (const spec of which) {
      if (stopped) return;
      const ev = evaluate(scenario, spec, runner, outcome);
      if (ev.violation !== null) fail(index, scenario, spec.name, runner.name, ev.violation, ev.observed, ev.expected);
    }
  };

  let index = -1;
  let block = -1;
  let reducer: Reducer | undefined;
  let seen = new Set<string>();
  // with `claim`: the position of the current block among the shard's, and the position this run holds
  let position = -1;
  let claimed = options.claim?.() ?? 0;
  for (const scenario of options.scenarios ?? enumerateScenarios(bound)) {
    index++;
    if (index % blockSize === 0) {
      block++;
      reducer = options.reduce === false ? undefined : new Reducer(leafAlternatives);
      seen = new Set<string>();
      if (ownsBlock(shard, block)) position++;
    }
    if (!ownsBlock(shard, block)) continue;
    if (options.claim !== undefined) {
      while (claimed < position) claimed = options.claim();
      if (claimed !== position) continue;
    }
    if (options.stopAfter !== undefined && index > options.stopAfter()) {
      stopped = true;
      break;
    }
    scenarios++;
    if (options.onProgress !== undefined && scenarios % PROGRESS_EVERY === 0) options.onProgress(scenarios);

    // The model, or the run the reduction proved equal to it.
    let expected: Outcome | string;
    let hash: string | undefined;
    // the reduction reads format 1 leaves: a format 2 scenario always runs on the model
    const format2 = (scenario as { loopcheck: number }).loopcheck === 2;
    const equal = format2 ? undefined : reducer?.equivalent(scenario);
    if (equal !== undefined) {
      reducer!.remember(scenario, equal);
      expected = equal.outcome;
      hash = equal.hash;
    } else {
      ranOnModel++;
      expected = attempt(model, scenario);
      if (typeof expected === 'string') fail(index, scenario, CRASH, model.name, expected, null);
      else {
        hash = traceHash(scenario, expected);
        if (!format2) reducer?.remember(scenario, summarise(expected, hash));
      }
    }
    if (stopped) break;

    // The loop, on every scenario.
    ranOnLoop++;
    const observed = attempt(loop, scenario);
    if (typeof observed === 'string')
      fail(index, scenario, CRASH, loop.name, observed, null, typeof expected === 'string' ? undefined : expected);
    if (stopped) break;

    // The model's properties once per distinct trace in the block.
    const newTrace = hash !== undefined && !seen.has(hash);
    if (newTrace) {
      seen.add(hash!);
      allSeen.add(hash!);
      checkSide(index, scenario, model, expected as Outcome, others);
      if (stopped) break;
    }
    if (typeof observed === 'string') continue;

    // The loop: the differentials on every scenario. Where the loop's outcome equals the model's (the
    // `differential` property holds), every outcome property's verdict on it is the model's (a check is a pure
    // function of scenario and outcome), so only determinism is checked on the loop, once per distinct trace. Where
    // it differs, the loop's outcome is checked on its own (once per distinct loop trace) before the differentials
    // are reported, so a failure names the rule broken when there is one.
    if (typeof expected === 'string') {
      const key = `loop:${traceHash(scenario, observed)}`;
      if (!seen.has(key)) {
        seen.add(key);
        checkSide(index, scenario, loop, observed, others);
      }
      if (stopped) break;
      continue;
    }
    const verdicts = differentials.map(
      (spec) => [spec, evaluate(scenario, spec, loop, observed, [model, expected])] as const,
    );
    const same = verdicts.some(([spec, ev]) => spec.name === 'differential' && ev.violation === null);
    if (!same) {
      const key = `loop:${traceHash(scenario, observed)}`;
      if (!seen.has(key)) {
        seen.add(key);
        checkSide(index, scenario, loop, observed, others);
      }
    } else if (newTrace) {
      checkSide(index, scenario, loop, observed, determinisms);
    }
    for (const [spec, ev] of verdicts) {
      if (stopped) break;
      if (ev.violation !== null) fail(index, scenario, spec.name, loop.name, ev.violation, ev.observed, ev.expected);
    }
    if (stopped) break;
  }

  return {
    version: LOOPCHECK_VERSION,
    enumeration: ENUMERATION_VERSION,
    bound,
    covers: `${describeEnumeration(bound)} ${describeChecks(blockSize)}`,
    blockSize,
    shard,
    shards: 1,
    scenarios,
    ranOnModel,
    ranOnLoop,
    distinctTraces: allSeen.size,
    loop: loop.name,
    properties: specs.map((p) => {
      const { unjudged, ...tally } = tallies.get(p.name)!;
      return {
        name: p.name,
        ...tally,
        ...(unjudged > 0 ? { unjudged } : {}),
        mustEngage: options.scenarios === undefined && mustEngage(p, bound),
      };
    }),
    timeMs: Math.round(performance.now() - started),
    complete: !stopped,
    failures,
    traceHashes: [...allSeen].sort(),
  };
}
