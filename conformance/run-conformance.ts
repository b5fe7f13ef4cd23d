// The conformance matrix: every property of a profile on every target, batched per target, failures shrunk per case.
import fc from 'fast-check';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Profile, Scenario } from '../model/scenario-types.ts';
import type { Outcome } from '../model/outcome.ts';
import { simulate } from '../model/simulate.ts';
import { isModelledProfile } from '../model/profiles.ts';
import type { Target, TargetResult } from '../properties/target.ts';
import { propertiesFor } from '../properties/rules/index.ts';
import { isFormat2Only, judgesFormat } from '../properties/format2/readiness.ts';
import type { PropertySpec } from '../properties/rules/property-types.ts';
import { hasOpenTie } from '../properties/lib/profile-rules.ts';
import { modelRunner, runnerFromTarget, UnsupportedCase } from '../properties/runners.ts';
import { checkProperty } from '../properties/checker.ts';
import { judge as judgeCase, type Judgement } from '../properties/evaluate.ts';
import { EngagementTally, unjudgedTotal, vacuity, type UnjudgedCounts } from '../properties/engagement.ts';
import { writeFailureFile, type FailureRecord } from '../properties/failure-file.ts';
import { checkArb, format2Arb, scenarioArb } from '../properties/arbitraries/index.ts';
import { format2OptionsOf, targetSpecOf } from './targets/index.ts';
import { isIsolatedTarget } from './isolation/index.ts';

/** Which profile a target is judged against: the seed, or the target's own. */
export type ProfileMode = 'seed' | 'own';

/** Timeouts of one target and profile after which its remaining cases are not run (`--max-timeouts`). */
export const DEFAULT_MAX_TIMEOUTS = 3;

/** What a progress line announces: a column started, a failure being shrunk, a column stopped for its timeouts. */
export type ProgressEvent = 'column' | 'shrinking' | 'stopped';

export interface ConformanceOptions {
  runs: number;
  seed: number;
  modes: readonly ProfileMode[];
  /** Per-case timeout of the target. */
  timeoutMs: number;
  /**
   * Once a target has timed out on this many cases of one profile, the rest of that column is not run (default
   * DEFAULT_MAX_TIMEOUTS): each timeout costs `timeoutMs`, and a target that hangs on most cases would run for minutes.
   */
  maxTimeouts?: number;
  /** Replay files go to `<failuresDir>/<mode>/`. */
  failuresDir: string;
  /** Scenarios to draw from (default: by `format`, see there). */
  arbitrary?: fc.Arbitrary<Scenario>;
  /**
   * The scenario format drawn by default (docs/rules.md §4, §4b), under the column's profile: 1 (scenarioArb), 2
   * (format2Arb: check's lifted format 1 families and random programs), or unset: check's mix (checkArb) on the
   * targets that run format 2 (FORMAT2_TARGETS), format 1 on the others. With 2, the properties that read format 1
   * only are `n/a`, and a column whose every case is unsupported is skipped; drawing format 1 only, the format 2
   * properties are left out.
   */
  format?: 1 | 2;
  /** Progress lines (stderr), and what each one announces. */
  onProgress?: (line: string, event: ProgressEvent) => void;
  /** Asked after each column: once true, the matrix ends with the columns finished before (cli/progress.ts, SIGINT). */
  shouldStop?: () => boolean;
}

export interface Cell {
  property: string;
  target: string;
  mode: ProfileMode;
  /** The profile the target was judged against. */
  profile: string;
  /** `vacuous`: held, but engaged on too few cases (properties/engagement.ts); counts like `fails`. */
  status: 'holds' | 'fails' | 'n/a' | 'vacuous';
  /** Cases judged (excluding unsupported, crashed and tie cases). */
  cases: number;
  /** Of those, the cases that reached the property's comparison. */
  engaged: number;
  /** Below the vacuity threshold: the share, and a rare property's declared reason. */
  note?: string;
  /** Cases not compared because the profile leaves an equal-deadline order open. */
  ties?: number;
  /** Cases not judged, per format: of a format the property does not read (its declared `formats`). */
  unjudged?: UnjudgedCounts;
  reason?: string;
  message?: string;
  scenario?: Scenario;
  failureFile?: string;
  /** A failure (or vacuity) that is an expected difference: the runtime's documented one, or a baseline entry. */
  expected?: ExpectedWhy;
}

/** Why a difference is expected (conformance/baseline.ts). */
export type ExpectedWhy = 'documented' | 'baseline';

/** A case the target crashed or hung on: reported with its replay file; the run went on. */
export interface TargetIssue {
  target: string;
  mode: ProfileMode;
  /** The profile the target was being judged against. */
  profile: string;
  kind: 'crash' | 'timeout';
  error: string;
  scenario: Scenario;
  failureFile: string;
  /** A crash or timeout kind the baseline lists for this target. */
  expected?: ExpectedWhy;
}

export interface TargetColumn {
  target: string;
  description: string;
  ownProfile: string;
  mode: ProfileMode;
  profile: string;
  /** Why the column has no cells (own profile not modelled, …). */
  skipped?: string;
  /** Judged against seed in place of its own profile, which has no model (seed's properties, its differences expected). */
  standIn?: string;
  /** A user's adapter, run in its own process (conformance/isolation/). */
  isolated?: true;
  /** An isolated adapter's output (stdout, stderr), when it wrote any. */
  log?: string;
  /**
   * Stopped after `maxTimeouts` timeouts, its other cases not run: "stopped: 3 cases timed out (…); the other 96 of
   * 100 cases not run". Its cells are `n/a` (not judged); the timeouts are its issues.
   */
  stopped?: string;
  unsupported: number;
  timeMs: number;
}

export interface ConformanceReport {
  seed: number;
  runs: number;
  columns: TargetColumn[];
  cells: Cell[];
  issues: TargetIssue[];
  /** The baseline file the run was judged with (`--baseline`), and its entries that no longer fail. */
  baseline?: { file: string; noLongerFailing: Array<{ target: string; profile: string; property: string }> };
}

type Judged = Judgement & { tie?: boolean };

/** properties/evaluate.ts's judge, with the pair each kind needs; a determinism case without a second run is not judged. */
function judge(
  property: PropertySpec,
  scenario: Scenario,
  model: Outcome,
  first: Outcome,
  second: Outcome | undefined,
): Judged {
  if (property.kind === 'outcome') return judgeCase(property, scenario, first);
  if (property.kind === 'determinism')
    return second === undefined ? { violation: null, engaged: false } : judgeCase(property, scenario, first, second);
  if (hasOpenTie(scenario, model, first)) return { violation: null, engaged: false, tie: true };
  return judgeCase(property, scenario, first, model);
}

/** Checks one target against one profile: one batch (twice, for determinism), then a shrink per failing property. */
export async function checkTarget(
  target: Target,
  mode: ProfileMode,
  options: ConformanceOptions,
): Promise<{ column: TargetColumn; cells: Cell[]; issues: TargetIssue[] }> {
  const started = performance.now();
  // A target whose own profile has no model is judged against seed in its place (its differences are expected ones).
  const standIn = mode === 'own' && !isModelledProfile(target.profile);
  const profile = mode === 'seed' || standIn ? 'seed' : target.profile;
  const column: TargetColumn = {
    target: target.name,
    description: target.description,
    ownProfile: target.profile,
    mode,
    profile,
    unsupported: 0,
    timeMs: 0,
  };
  const missing = await target.unavailable?.();
  if (missing !== undefined) {
    column.skipped = missing;
    return { column, cells: [], issues: [] };
  }
  if (standIn)
    column.standIn = `no model of profile ${JSON.stringify(target.profile)}: judged against seed, its known differences expected`;
  const drawn = drawnFormat(target, options);
  const runs2 = format2OptionsOf(targetSpecOf(target)) ?? {};
  const base =
    options.arbitrary ??
    (drawn === 2
      ? format2Arb(profile as Profile, runs2)
      : drawn === 'mixed'
        ? checkArb(profile as Profile, runs2)
        : scenarioArb({ profile: profile as Profile }));
  const arbitrary = base.map((s): Scenario => ({ ...s, profile: profile as Profile }));
  const scenarios = fc.sample(arbitrary, { seed: options.seed, numRuns: options.runs });
  // drawing format 1 only (the targets that do not run format 2), the format 2 only properties are left out
  const properties = propertiesFor(profile).filter((p) => drawn !== 1 || !isFormat2Only(p));
  const needsSecond = properties.some((p) => p.kind === 'determinism');
  options.onProgress?.(`${target.name} (${profile}): ${scenarios.length} cases`, 'column');
  const first = await runUntilTimeouts(target, scenarios, options);
  const dir = join(options.failuresDir, mode);

  const issues: TargetIssue[] = [];
  const usable: number[] = [];
  scenarios.forEach((scenario, i) => {
    if (i >= first.length) return; // not run: the column was stopped for its timeouts
    const r = first[i];
    if (r === undefined || (!r.ok && r.kind === 'unsupported')) {
      column.unsupported++;
      return;
    }
    if (!r.ok) {
      const record: FailureRecord = {
        loopcheck: 1,
        kind: 'failure',
        property: r.kind,
        target: target.name,
        targetSpec: targetSpecOf(target),
        profile,
        seed: options.seed,
        path: String(i),
        scenario,
        message: r.error,
        observed: null,
      };
      const failureFile = writeFailureFile(record, join(dir, 'issues', String(i)));
      issues.push({
        target: target.name,
        mode,
        profile,
        kind: r.kind === 'timeout' ? 'timeout' : 'crash',
        error: r.error,
        scenario,
        failureFile,
      });
      return;
    }
    usable.push(i);
  });
  if (first.length < scenarios.length) {
    // stopped for its timeouts: the cases answered are not judged either (a verdict on a few cases would mislead,
    // and shrinking a failure would run the hanging target again)
    const timedOut = issues.filter((x) => x.kind === 'timeout').length;
    column.stopped = `stopped: ${timedOut} cases timed out (no result within ${options.timeoutMs} ms); the other ${scenarios.length - first.length} of ${scenarios.length} cases not run`;
    options.onProgress?.(`${target.name} (${profile}): ${column.stopped}`, 'stopped');
    const cells = properties.map(
      (property): Cell => ({
        property: property.name,
        target: target.name,
        mode,
        profile,
        status: 'n/a',
        cases: 0,
        engaged: 0,
        reason: 'not run: the target was stopped for its timeouts',
      }),
    );
    closeColumn(column, target, started);
    return { column, cells, issues };
  }
  if (drawn === 2 && usable.length === 0 && issues.length === 0 && column.unsupported > 0) {
    const r = first[0];
    column.skipped = `every case unsupported${r !== undefined && !r.ok ? ` (${r.error})` : ''}`;
    column.timeMs = performance.now() - started;
    return { column, cells: [], issues };
  }
  // The second run (determinism) only of the cases the first run answered: a crash is not run twice.
  let second: TargetResult[] | undefined;
  if (needsSecond) {
    const again = await target.run(
      usable.map((i) => scenarios[i]!),
      { timeoutMs: options.timeoutMs },
    );
    second = [];
    usable.forEach((i, k) => {
      second![i] = again[k]!;
    });
  }
  const models = new Map(usable.map((i) => [i, simulate(scenarios[i]!)]));

  const cells: Cell[] = [];
  for (const property of properties) {
    const cell: Cell = {
      property: property.name,
      target: target.name,
      mode,
      profile,
      status: 'holds',
      cases: 0,
      engaged: 0,
    };
    const tally = new EngagementTally();
    if (property.kind === 'differential' && property.name === 'differential' && profile !== 'seed') {
      cell.status = 'n/a';
      cell.reason = 'exact traces';
    } else if (drawn === 2 && !judgesFormat(property, 2)) {
      cell.status = 'n/a';
      cell.reason = 'reads format 1 scenarios only';
    } else if (drawn !== 1 && property.name === 'shutdown-nothing-lost' && runs2.shutdown === false) {
      cell.status = 'n/a';
      cell.reason = `not drawn: ${target.name} refuses format 2's shutdown`;
    } else if (
      drawn !== 1 &&
      runs2.constructs !== undefined &&
      isFormat2Only(property) &&
      !property.profiles.includes(runs2.constructs)
    ) {
      cell.status = 'n/a';
      cell.reason = `not in profile ${runs2.constructs}, what ${target.name} runs (docs/rules.md §7)`;
    }
    let failing = -1;
    let ties = 0;
    for (const i of usable) {
      if (cell.status === 'n/a') break;
      const o1 = (first[i] as { outcome: Outcome }).outcome;
      const r2 = second?.[i];
      const o2 = r2?.ok ? r2.outcome : undefined;
      // The same case answered once and crashing or timing out the second time is not deterministic (it was
      // counted as a case not judged before 2026-11-30); unsupported the second time leaves it unjudged.
      const j: Judged =
        property.kind === 'determinism' && r2 !== undefined && !r2.ok && r2.kind !== 'unsupported'
          ? {
              violation: `the first run returned an outcome, the second ${r2.kind === 'timeout' ? 'timed out' : 'crashed'}: ${r2.error}`,
              engaged: true,
            }
          : judge(property, scenarios[i]!, models.get(i)!, o1, o2);
      if (j.tie) {
        ties++;
        continue;
      }
      tally.record(j);
      if (j.violation !== null && failing === -1) failing = i;
    }
    cell.cases = tally.cases;
    cell.engaged = tally.engaged;
    if (ties > 0) cell.ties = ties;
    if (unjudgedTotal(tally.unjudged) > 0) cell.unjudged = { ...tally.unjudged };
    if (cell.status === 'holds' && failing === -1) {
      const v = vacuity(property, tally.cases, tally.engaged);
      if (v.vacuous) cell.status = 'vacuous';
      if (v.note !== undefined) cell.note = v.note;
    }
    if (failing !== -1) {
      options.onProgress?.(
        `${target.name} (${profile}): ${property.name} fails; shrinking case ${failing}`,
        'shrinking',
      );
      const shrunk = await shrink(property, target, profile, failing, arbitrary, options, dir);
      Object.assign(cell, shrunk);
    }
    cells.push(cell);
  }
  closeColumn(column, target, started);
  return { column, cells, issues };
}

/** A column's time, and an isolated adapter's mark and log file (when it wrote one). */
function closeColumn(column: TargetColumn, target: Target, started: number): void {
  column.timeMs = performance.now() - started;
  if (isIsolatedTarget(target)) {
    column.isolated = true;
    if (existsSync(target.logFile)) column.log = target.logFile;
  }
}

/**
 * The first run of a column's cases, in order, ended early once `maxTimeouts` cases have timed out: the batch goes to
 * the target in slices no longer than the timeouts still allowed, so no case runs after the last one allowed (a
 * Target's run cannot be stopped midway). Returns the results of the cases run: fewer than `scenarios` when stopped.
 * A target that never times out gets the same cases in the same order, its results are the same (a missing result
 * stays a hole, as in one batch).
 */
async function runUntilTimeouts(
  target: Target,
  scenarios: Scenario[],
  options: ConformanceOptions,
): Promise<Array<TargetResult | undefined>> {
  const max = options.maxTimeouts ?? DEFAULT_MAX_TIMEOUTS;
  if (!Number.isSafeInteger(max) || max < 1) throw new RangeError(`maxTimeouts must be an integer ≥ 1, got ${max}`);
  const results: Array<TargetResult | undefined> = [];
  let timeouts = 0;
  while (results.length < scenarios.length && timeouts < max) {
    const slice = scenarios.slice(results.length, results.length + (max - timeouts));
    const answered = await target.run(slice, { timeoutMs: options.timeoutMs });
    for (let k = 0; k < slice.length; k++) {
      const r = answered[k];
      results.push(r);
      if (r !== undefined && !r.ok && r.kind === 'timeout') timeouts++;
    }
  }
  return results;
}

/** The format a column draws (ConformanceOptions.format): 1, 2, or check's mix on a target that runs format 2. */
function drawnFormat(target: Target, options: ConformanceOptions): 1 | 2 | 'mixed' {
  if (options.format !== undefined) return options.format;
  return format2OptionsOf(targetSpecOf(target)) !== undefined ? 'mixed' : 1;
}

/** Replays case `index` of the sample (fast-check's path) and shrinks it, one case per target run; writes the replay file. */
async function shrink(
  property: PropertySpec,
  target: Target,
  profile: string,
  index: number,
  arbitrary: fc.Arbitrary<Scenario>,
  options: ConformanceOptions,
  dir: string,
): Promise<Partial<Cell>> {
  const base = runnerFromTarget(target, { timeoutMs: options.timeoutMs });
  const runner = {
    ...base,
    profile,
    spec: targetSpecOf(target),
    // A case the target crashes or times out on is skipped, as one it does not support: a crash is not this property
    // failing (the batch reports crashes as issues), and taken as one the shrinker would walk to a crash or a hang.
    async run(scenario: Scenario) {
      try {
        return await base.run(scenario);
      } catch (e) {
        if (e instanceof UnsupportedCase) throw e;
        throw new UnsupportedCase(e instanceof Error ? e.message : String(e));
      }
    },
  };
  const result = await checkProperty(property, runner, {
    reference: modelRunner,
    seed: options.seed,
    path: String(index),
    runs: options.runs,
    arbitrary,
    failuresDir: dir,
  });
  if (result.status !== 'failed' || result.failure === undefined) {
    // Not reproduced one case at a time (a flaky target): report the batch's verdict without a shrunk case.
    return { status: 'fails', message: 'failed in the batch but not when replayed alone (non-deterministic target?)' };
  }
  const notReproduced = result.failure.message.startsWith('Property failed by returning false');
  return {
    status: 'fails',
    message: notReproduced
      ? 'fails, but the shrunk case passed when run once more: the target is not deterministic'
      : result.failure.message,
    scenario: result.failure.scenario,
    ...(result.failureFile ? { failureFile: result.failureFile } : {}),
  };
}

/** The whole matrix: each target in turn, each requested profile mode. Targets are closed afterwards. */
export async function runConformance(
  targets: readonly Target[],
  options: ConformanceOptions,
): Promise<ConformanceReport> {
  const report: ConformanceReport = { seed: options.seed, runs: options.runs, columns: [], cells: [], issues: [] };
  for (const target of targets) {
    for (const mode of options.modes) {
      if (mode === 'own' && options.modes.includes('seed') && target.profile === 'seed') continue; // same column twice
      if (mode === 'own' && options.modes.includes('seed') && !isModelledProfile(target.profile)) {
        // the seed column stands in for the own profile: not run twice
        const column: TargetColumn = {
          target: target.name,
          description: target.description,
          ownProfile: target.profile,
          mode,
          profile: target.profile,
          unsupported: 0,
          timeMs: 0,
        };
        column.skipped = `no model of profile ${JSON.stringify(target.profile)} (its differences: the seed column)`;
        if (isIsolatedTarget(target)) column.isolated = true;
        report.columns.push(column);
        continue;
      }
      const { column, cells, issues } = await checkTarget(target, mode, options);
      if (options.shouldStop?.() === true) return report; // interrupted during this column: its results are not trusted
      report.columns.push(column);
      report.cells.push(...cells);
      report.issues.push(...issues);
    }
  }
  return report;
}

/**
 * Whether a column's verdicts count for the exit status: the target judged against its own modelled profile, or,
 * when its own profile has no model, against seed (which stands in for it).
 */
export function counts(column: TargetColumn): boolean {
  return (
    column.skipped === undefined &&
    (column.profile === column.ownProfile || (column.profile === 'seed' && !isModelledProfile(column.ownProfile)))
  );
}

function countedColumn(report: ConformanceReport, target: string, profile: string): boolean {
  return report.columns.some((col) => col.target === target && col.profile === profile && counts(col));
}

/**
 * The failures that count against the run (exit 1): a property failing (or vacuous) where the target is judged
 * against its own profile (seed, when that has no model), and every crash or timeout, unless expected (documented or
 * in the baseline; conformance/baseline.ts marks them).
 */
export function newDifferences(report: ConformanceReport): Array<Cell | TargetIssue> {
  const cells = report.cells.filter(
    (c) =>
      (c.status === 'fails' || c.status === 'vacuous') &&
      c.expected === undefined &&
      countedColumn(report, c.target, c.profile),
  );
  const issues = report.issues.filter((i) => i.expected === undefined);
  return [...cells, ...issues];
}

/** Failures against a target's own modelled profile (for callers that judge built-in runtimes only). */
export function ownProfileFailures(report: ConformanceReport): Cell[] {
  return report.cells.filter(
    (c) =>
      (c.status === 'fails' || c.status === 'vacuous') &&
      report.columns.some((col) => col.target === c.target && col.ownProfile === c.profile),
  );
}
