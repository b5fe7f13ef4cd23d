// Merging the shards of one check (`check --shard i/n --json` for i = 1..n): every row rebuilt case by case from the
// shards' case codes, so runs, engagement, the first failure and the vacuity verdict are an unsharded run's.
import { readFileSync } from 'node:fs';
import type { CheckResult } from './checker.ts';
import { EngagementTally, unjudgedNote, unjudgedTotal, vacuity } from './engagement.ts';
import { formatsOf } from './format2/readiness.ts';
import { findProperty } from './rules/index.ts';
import {
  CASE_ENGAGED,
  CASE_SKIPPED,
  CASE_UNJUDGED,
  type CaseCode,
  type CaseShard,
  readCases,
  shardSetProblem,
} from './shard-cases.ts';

/** Shard results that cannot be merged; the message is one line. */
export class CheckMergeError extends Error {
  override readonly name = 'CheckMergeError';
}

/** What `loopcheck check --json` prints; a shard's also has `shard`, `version` and every row's `shardCases`. */
export interface CheckRun {
  ok: boolean;
  seed: number;
  runs: number;
  profile: string;
  interrupted?: true;
  checks?: number;
  shard?: CaseShard;
  version?: string;
  results: CheckResult[];
}

const EXPECTED = 'expected the output of loopcheck check --shard i/n --json';

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Reads a file written by `loopcheck check --shard i/n --json`; a one-line CheckMergeError when it is not one. */
export function readCheckShardFile(file: string): CheckRun {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new CheckMergeError(
      `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e))}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CheckMergeError(`${file} is not JSON (${EXPECTED})`);
  }
  const run = json as Partial<CheckRun>;
  const rowsOk =
    Array.isArray(run.results) &&
    run.results.every(
      (r: unknown) =>
        isObject(r) &&
        typeof r.property === 'string' &&
        typeof r.target === 'string' &&
        typeof r.status === 'string' &&
        typeof r.timeMs === 'number' &&
        (r.status === 'skipped' || isObject(r.shardCases)) &&
        (r.status !== 'failed' ||
          (isObject(r.failure) && r.failure.property === r.property && r.failure.target === r.target)),
    );
  const ok =
    isObject(json) &&
    typeof run.seed === 'number' &&
    typeof run.runs === 'number' &&
    typeof run.profile === 'string' &&
    isObject(run.shard) &&
    typeof run.shard.index === 'number' &&
    typeof run.shard.count === 'number' &&
    rowsOk;
  if (!ok) throw new CheckMergeError(`${file} is not a check shard result (${EXPECTED})`);
  if (run.interrupted === true)
    throw new CheckMergeError(
      `${file} is an interrupted run (SIGINT): it covers part of its shard; run that shard again`,
    );
  return run as CheckRun;
}

const rowKey = (r: CheckResult): string => `${r.property} on ${r.target} (${r.profile})`;
const shardText = (s: CaseShard): string => `${s.index}/${s.count}`;

/** Checks that `runs` are exactly shards 1..n of one check; throws a one-line CheckMergeError otherwise. */
export function checkCheckShardSet(runs: readonly CheckRun[], files: readonly string[]): void {
  const [first] = runs;
  if (first === undefined) throw new CheckMergeError('merge needs at least one shard file');
  const rows = (r: CheckRun): string => r.results.map(rowKey).join(', ');
  runs.forEach((r, i) => {
    const file = files[i] ?? `shard ${i + 1}`;
    for (const key of ['version', 'seed', 'runs', 'profile'] as const) {
      if (r[key] !== first[key])
        throw new CheckMergeError(
          `${file} has ${key} ${JSON.stringify(r[key])}, ${files[0]} has ${key} ${JSON.stringify(first[key])}: not shards of one check`,
        );
    }
    if (rows(r) !== rows(first))
      throw new CheckMergeError(
        `${file} checked other properties or targets than ${files[0]} (${r.results.length} and ${first.results.length} checks): not shards of one check`,
      );
    if (r.shard!.count !== first.shard!.count)
      throw new CheckMergeError(
        `${file} is shard ${shardText(r.shard!)}, ${files[0]} is shard ${shardText(first.shard!)}: different shard counts`,
      );
  });
  const problem = shardSetProblem(
    runs.map((r) => r.shard!),
    files,
  );
  if (problem !== null) throw new CheckMergeError(problem);
}

/**
 * One row from its shards (`rows[s]` is shard s + 1's): walks fast-check's cases 0, 1, 2, … as the unsharded run
 * does (case k is shard (k mod n) + 1's j-th, j = ⌊k / n⌋), skips skipped cases, and stops at the first failing case
 * or at `runs` runs. A failure past that point (a shard going on beyond the unsharded run's cases) is not reported.
 */
export function mergeRow(rows: readonly CheckResult[], runs: number): CheckResult {
  const first = rows[0]!;
  const statuses = new Set(rows.map((r) => r.status));
  if (statuses.has('skipped')) {
    if (statuses.size > 1) throw new CheckMergeError(`${rowKey(first)} is skipped in some shards only`);
    return first;
  }
  if (![...statuses].every((s) => s === 'passed' || s === 'failed'))
    throw new CheckMergeError(`${rowKey(first)} has a status a shard does not give (${[...statuses].join(', ')})`);
  const count = rows.length;
  const codes: CaseCode[][] = rows.map((r, s) => {
    const c = r.shardCases === undefined ? null : readCases(r.shardCases);
    if (c === null || (r.status === 'failed' && (c.length === 0 || r.failure === undefined)))
      throw new CheckMergeError(`shard ${s + 1}/${count}: ${rowKey(r)} has no valid case record (shardCases)`);
    return c;
  });
  const property = findProperty(first.property);
  if (property === undefined) throw new CheckMergeError(`unknown property ${JSON.stringify(first.property)}`);
  // An unjudged case is of the one format the property does not read (it reads 1, 2 or both: formatsOf).
  const unjudgedFormat = formatsOf(property).includes(1) ? 2 : 1;
  const tally = new EngagementTally();
  let done = 0;
  let cases = 0;
  let engaged = 0;
  let failedIn: CheckResult | undefined;
  for (let k = 0; done < runs && failedIn === undefined; k++) {
    const s = k % count;
    const j = Math.floor(k / count);
    const code = codes[s]![j];
    if (code === undefined)
      throw new CheckMergeError(
        `shard ${s + 1}/${count} stopped before case ${k} of ${rowKey(first)}, which the unsharded run reaches (its target skipped many cases): run this check unsharded`,
      );
    if (code === CASE_SKIPPED) continue;
    done++;
    if (code !== CASE_UNJUDGED) cases++;
    else tally.unjudged[unjudgedFormat] = (tally.unjudged[unjudgedFormat] ?? 0) + 1;
    if (code === CASE_ENGAGED) engaged++;
    if (rows[s]!.status === 'failed' && j === codes[s]!.length - 1) failedIn = rows[s];
  }
  tally.cases = cases;
  tally.engaged = engaged;
  const base = {
    ...(unjudgedTotal(tally.unjudged) > 0 ? { judged: cases, unjudged: { ...tally.unjudged } } : {}),
    property: first.property,
    target: first.target,
    profile: first.profile,
    seed: first.seed,
    runs: done,
    engaged,
    timeMs: rows.reduce((sum, r) => sum + r.timeMs, 0),
  };
  if (failedIn !== undefined) return { ...base, status: 'failed', failure: failedIn.failure! };
  const v = vacuity(property, cases, engaged);
  return {
    ...base,
    status: v.vacuous ? 'vacuous' : 'passed',
    ...(cases < done ? { judged: cases } : {}),
    ...(v.note === undefined ? {} : { note: v.note }),
    ...unjudgedNote(v.note, tally),
  };
}

/** The rows of an unsharded run from a checked set of shards (in any order). */
export function mergeCheckRuns(runs: readonly CheckRun[]): CheckResult[] {
  const byIndex = [...runs].sort((a, b) => a.shard!.index - b.shard!.index);
  return byIndex[0]!.results.map((_, i) =>
    mergeRow(
      byIndex.map((r) => r.results[i]!),
      byIndex[0]!.runs,
    ),
  );
}
