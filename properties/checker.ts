// Checks one property against one target with fast-check: runs, shrinks, reports seed/path/scenario, saves a replay file.
import fc from 'fast-check';
import type { Scenario } from '../model/scenario-types.ts';
import type { PropertySpec } from './rules/property-types.ts';
import type { Runner, SyncRunner } from './runners.ts';
import { modelRunner, UnsupportedCase } from './runners.ts';
import { scenarioArb } from './arbitraries/scenario.ts';
import { evaluateAsync, evaluateSync, type Evaluation } from './evaluate.ts';
import {
  EngagementTally,
  unjudgedNote,
  unjudgedText,
  unjudgedTotal,
  vacuity,
  type UnjudgedCounts,
} from './engagement.ts';
import {
  DEFAULT_FAILURES_DIR,
  removeFailureFile,
  replayCommand,
  writeFailureFile,
  type FailureRecord,
} from './failure-file.ts';
import { envRuns, envSeed, freshSeed } from './config.ts';
import type { CaseShard, ShardCases } from './shard-cases.ts';
import { NOT_OWNED, ShardedDraw } from './shard-draw.ts';

export interface CheckOptions {
  /** Runs (default LOOPCHECK_RUNS, else 100). */
  runs?: number;
  /** Seed (default LOOPCHECK_SEED, else fresh). */
  seed?: number;
  /** Replay only this counterexample path (with `seed`). */
  path?: string;
  /** The reference of the differential (default the model). */
  reference?: Runner;
  /**
   * The scenarios to draw from (default `scenarioArb()`, format 1: what a user's gather or property is written for;
   * `loopcheck check` and the mutant zoo pass `checkArb(profile)`, format 2 too under seed).
   */
  arbitrary?: fc.Arbitrary<Scenario>;
  /** Where to save the replay file of a failure; null saves nothing (default reports/out/failures). */
  failuresDir?: string | null;
  /** Called after each run (for progress). */
  onRun?: () => void;
  /**
   * Evaluate only the cases of this shard (case k is shard (k mod count) + 1's; shard-draw.ts): the result counts
   * them and carries `shardCases`, from which `check merge` rebuilds the unsharded result; no vacuity verdict.
   */
  shard?: CaseShard;
}

export interface CheckResult {
  property: string;
  target: string;
  profile: string;
  /** `vacuous`: it held, but engaged on too few cases (the vacuity rule, engagement.ts); it fails the run. */
  status: 'passed' | 'failed' | 'skipped' | 'vacuous';
  /** Runs performed (including the failing one, excluding shrinking). */
  runs: number;
  /** Of those runs, the ones that reached the property's comparison (not counting shrinking). */
  engaged: number;
  /** Set when fewer runs than `runs` were the property's cases: a format 2 case of a property reading format 1 only. */
  judged?: number;
  /**
   * Set with `judged` when runs went unjudged: how many of each format the property does not read (its declared
   * `formats`, format2/readiness.ts). A passing result's `note` says it, a failure's `describeFailure` too.
   */
  unjudged?: UnjudgedCounts;
  /**
   * Below the vacuity threshold: "vacuous: engaged 6 of 300 …", or a rare property's share and declared reason; and
   * when runs went unjudged, how many ("engaged 40 of 60 (67%) judged; 40 format 2 cases not judged …"). `loopcheck
   * check` prints it under its table (`ok *`), `describeFailure` beside the status.
   */
  note?: string;
  timeMs: number;
  seed: number;
  /** Why a check was skipped. */
  reason?: string;
  /** Present when failed: the shrunk counterexample and what went wrong. */
  failure?: FailureRecord;
  /** The replay file written for the failure. */
  failureFile?: string;
  /** A sharded check (`--shard i/n`): the codes of the shard's cases, for `check merge` (properties/check-merge.ts). */
  shardCases?: ShardCases;
}

/** Why a property does not apply to a target, or null when it does. */
export function skipReason(property: PropertySpec, runner: Runner, reference: Runner): string | null {
  if (!(property.profiles as readonly string[]).includes(runner.profile)) return `not in profile ${runner.profile}`;
  if (property.kind === 'differential' && runner.name === reference.name) return `${runner.name} is the reference`;
  return null;
}

/** Counts engagement during the runs only: shrinking calls the predicate again, after the first failure. */
function counting(
  tally: EngagementTally,
  evaluate: (s: Scenario) => Evaluation,
  options: CheckOptions,
  draw?: ShardedDraw,
): (s: Scenario) => Evaluation {
  let failed = false;
  return (s) => {
    const ev = evaluate(s);
    if (!failed) {
      options.onRun?.();
      tally.record(ev);
      draw?.record(ev);
    }
    if (ev.violation !== null) failed = true;
    return ev;
  };
}

function finish(
  property: PropertySpec,
  runner: Runner,
  options: CheckOptions,
  seed: number,
  started: number,
  details: fc.RunDetails<[Scenario]>,
  tally: EngagementTally,
  replay: (s: Scenario) => Evaluation,
  draw?: ShardedDraw,
): CheckResult {
  // A shard's runs are its own cases' (fast-check's count includes the other shards' placeholders).
  const runs = draw === undefined ? details.numRuns : draw.log.runs;
  const base = {
    // the runs of a format the property does not read (its declared `formats`): counted apart, failure or not
    ...(unjudgedTotal(tally.unjudged) > 0 ? { judged: tally.cases, unjudged: { ...tally.unjudged } } : {}),
    property: property.name,
    target: runner.name,
    profile: runner.profile,
    seed,
    runs,
    engaged: tally.engaged,
    timeMs: performance.now() - started,
    ...(draw === undefined ? {} : { shardCases: draw.log.record() }),
  };
  if (!details.failed || details.counterexample === null) {
    // fast-check fails a run whose every case was skipped (too many preconditions failed) without a counterexample:
    // nothing was judged, so it is no failure of the property (a replay of one case the target no longer runs)
    if (details.failed && !(details.errorInstance == null && details.numSkips > 0)) {
      const err: unknown = details.errorInstance;
      throw err instanceof Error ? err : new Error(String(err));
    }
    const dir = options.failuresDir === undefined ? DEFAULT_FAILURES_DIR : options.failuresDir;
    if (dir !== null && options.path === undefined) removeFailureFile(property.name, runner.name, dir);
    // A replay of one path is one case, a shard part of the cases (check merge judges the whole): the vacuity rule is
    // for runs.
    const v =
      options.path === undefined && draw === undefined
        ? vacuity(property, tally.cases, tally.engaged)
        : { vacuous: false };
    return {
      ...base,
      status: v.vacuous ? 'vacuous' : 'passed',
      ...(tally.cases < runs ? { judged: tally.cases } : {}),
      ...(v.note === undefined ? {} : { note: v.note }),
      ...unjudgedNote(v.note, tally),
    };
  }
  const [scenario] = details.counterexample;
  const ev = replay(scenario);
  const failure: FailureRecord = {
    loopcheck: 1,
    kind: 'failure',
    property: property.name,
    target: runner.name,
    targetSpec: runner.spec ?? runner.name,
    profile: runner.profile,
    seed,
    path: details.counterexamplePath ?? '',
    scenario,
    message:
      ev.violation ??
      (details.errorInstance instanceof Error ? details.errorInstance.message : 'failed (not reproduced on replay)'),
    ...(ev.expected ? { expected: ev.expected } : {}),
    observed: ev.observed,
  };
  const dir = options.failuresDir === undefined ? DEFAULT_FAILURES_DIR : options.failuresDir;
  const failureFile = dir === null ? undefined : writeFailureFile(failure, dir);
  return { ...base, status: 'failed', failure, ...(failureFile ? { failureFile } : {}) };
}

function parameters(options: CheckOptions, seed: number, draw?: ShardedDraw): fc.Parameters<[Scenario]> {
  if (draw !== undefined) return draw.parameters(seed);
  return { numRuns: options.runs ?? envRuns(), seed, ...(options.path ? { path: options.path } : {}) };
}

/** The shard's bookkeeping, or undefined for a whole check. `canSkip`: the target may answer unsupported (async). */
function shardedDraw(options: CheckOptions, canSkip: boolean): ShardedDraw | undefined {
  if (options.shard === undefined) return undefined;
  if (options.path !== undefined) throw new Error('a sharded check replays no path');
  return new ShardedDraw(options.shard, options.runs ?? envRuns(), canSkip);
}

function skipped(property: PropertySpec, runner: Runner, reason: string, seed: number): CheckResult {
  return {
    property: property.name,
    target: runner.name,
    profile: runner.profile,
    status: 'skipped',
    runs: 0,
    engaged: 0,
    timeMs: 0,
    seed,
    reason,
  };
}

/** Checks a property on a synchronous target (model, impl, a mutant). */
export function checkPropertySync(property: PropertySpec, runner: SyncRunner, options: CheckOptions = {}): CheckResult {
  const seed = options.seed ?? envSeed() ?? freshSeed();
  const reference = (options.reference ?? modelRunner) as SyncRunner;
  const reason = skipReason(property, runner, reference);
  if (reason !== null) return skipped(property, runner, reason, seed);
  const started = performance.now();
  const run = (s: Scenario) => evaluateSync(property, s, runner, reference);
  const tally = new EngagementTally();
  const draw = shardedDraw(options, false);
  const counted = counting(tally, run, options, draw);
  const prop = fc.property(options.arbitrary ?? scenarioArb(), (s) =>
    s === NOT_OWNED ? draw!.passOver() : counted(s).violation === null,
  );
  const details = fc.check(prop, parameters(options, seed, draw));
  return finish(property, runner, options, seed, started, details, tally, run, draw);
}

/** Checks a property on any target, synchronous or not. */
export async function checkProperty(
  property: PropertySpec,
  runner: Runner,
  options: CheckOptions = {},
): Promise<CheckResult> {
  const reference = options.reference ?? modelRunner;
  if (runner.sync && reference.sync) return checkPropertySync(property, runner, { ...options, reference });
  const seed = options.seed ?? envSeed() ?? freshSeed();
  const reason = skipReason(property, runner, reference);
  if (reason !== null) return skipped(property, runner, reason, seed);
  const started = performance.now();
  const tally = new EngagementTally();
  const draw = shardedDraw(options, true);
  let failed = false;
  const prop = fc.asyncProperty(options.arbitrary ?? scenarioArb(), async (s) => {
    if (s === NOT_OWNED) return draw!.passOver();
    let ev: Evaluation;
    try {
      ev = await evaluateAsync(property, s, runner, reference);
    } catch (e) {
      if (e instanceof UnsupportedCase) {
        if (!failed) draw?.skipped();
        fc.pre(false); // a case the target cannot run: skipped, never a failure
      }
      throw e;
    }
    if (!failed) {
      options.onRun?.();
      tally.record(ev);
      draw?.record(ev);
    }
    if (ev.violation !== null) failed = true;
    return ev.violation === null;
  });
  const details = await fc.check(prop, parameters(options, seed, draw));
  const [scenario] = details.counterexample ?? [];
  const ev = scenario === undefined ? undefined : await evaluateAsync(property, scenario, runner, reference);
  return finish(
    property,
    runner,
    options,
    seed,
    started,
    details,
    tally,
    () => ev ?? { violation: null, engaged: false, observed: null },
    draw,
  );
}

/** A multi-line report of a failed check: property, target, seed, path, message and the shrunk scenario. */
export function describeFailure(result: CheckResult): string {
  const f = result.failure;
  if (f === undefined)
    return `${result.property} on ${result.target}: ${result.status}${result.note === undefined ? '' : ` (${result.note})`}`;
  const unjudged = unjudgedText(result.unjudged);
  return [
    `${f.property} failed on ${f.target}: ${f.message}`,
    `  seed ${f.seed}, path ${JSON.stringify(f.path)} (LOOPCHECK_SEED=${f.seed})`,
    ...(unjudged === undefined ? [] : [`  judged ${result.judged ?? 0} of ${result.runs} runs: ${unjudged}`]),
    ...(result.failureFile ? [`  replay: ${replayCommand(result.failureFile)}`] : []),
    `  shrunk scenario: ${JSON.stringify(f.scenario)}`,
  ].join('\n');
}
