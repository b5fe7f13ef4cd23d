// Replay files: writing a property failure to reports/out/failures/, and reading back a failure, regression or scenario.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from '../model/scenario-types.ts';
import type { Outcome } from '../model/outcome.ts';
import { isModelledProfile, ScenarioError } from '../model/index.ts';
import { PROFILES } from '../model/scenario.ts';
import type { RegressionRecord } from './regression-file.ts';
import { parseAnyScenario } from './lib/parse-scenario.ts';

/** A saved property failure: enough to replay it (`loopcheck replay FILE`) and to show what went wrong. */
export interface FailureRecord {
  loopcheck: 1;
  kind: 'failure';
  property: string;
  /** The target's display name (table rows, the file's name). */
  target: string;
  /**
   * How `loopcheck replay FILE` gets the target back to judge `property` on it again: a built-in or registered
   * name (`model`, `impl`, `cpython`, …), `mutant:NAME`, or a user adapter's absolute path. Files written before
   * it existed have none; replay then compares the model and the loop, as it used to.
   */
  targetSpec?: string;
  profile: string;
  seed: number;
  /** fast-check's counterexample path (replay with `{ seed, path }`). */
  path: string;
  /** The shrunk scenario. */
  scenario: Scenario;
  /** The violation message. */
  message: string;
  /** The reference outcome (differential: the model's; determinism: the first run). */
  expected?: Outcome;
  /** The target's outcome; null when the target crashed. */
  observed: Outcome | null;
}

/** reports/out/failures under the current directory (never inside the installed package). */
export const DEFAULT_FAILURES_DIR = join('reports', 'out', 'failures');

export function failureFileName(property: string, target: string): string {
  return `${property}-${target}.json`.replace(/[^A-Za-z0-9._-]+/g, '_');
}

/**
 * Writes the record as `<property>-<target>.json` in `dir`; returns the file's path. A record without `targetSpec`
 * gets its target's name as one (right for model, impl, mutants and named conformance targets; an adapter's
 * writer passes its path).
 */
export function writeFailureFile(record: FailureRecord, dir = DEFAULT_FAILURES_DIR): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, failureFileName(record.property, record.target));
  const { loopcheck, kind, property, target, targetSpec, ...rest } = record;
  const ordered: FailureRecord = { loopcheck, kind, property, target, targetSpec: targetSpec ?? target, ...rest };
  writeFileSync(file, `${JSON.stringify(ordered, null, 2)}\n`);
  return file;
}

/** The command that re-judges a failure file, ready to paste (the path quoted when the shell would split it). */
export function replayCommand(file: string): string {
  return `loopcheck replay ${/^[\w@%+=:,./-]+$/.test(file) ? file : `'${file.replace(/'/g, `'\\''`)}'`}`;
}

/**
 * Removes the replay file of (property, target) and its drawn timelines (`.svg`, `.txt`) when that check has
 * passed, so the failures folder always shows the failures of the latest runs, not stale ones.
 */
export function removeFailureFile(property: string, target: string, dir = DEFAULT_FAILURES_DIR): void {
  const stem = join(dir, failureFileName(property, target)).replace(/\.json$/, '');
  for (const ext of ['.json', '.svg', '.txt']) rmSync(`${stem}${ext}`, { force: true });
}

/** A replay file that cannot be used; the message is one line. */
export class ReplayFileError extends Error {
  override readonly name = 'ReplayFileError';
}

export interface ReplayInput {
  scenario: Scenario;
  /** Present when the file is a failure file. */
  failure?: FailureRecord;
  /** Present when the file is a regression file (regressions/*.json, with the model's expected outcomes). */
  regression?: RegressionRecord;
}

/** Reads a scenario, failure or regression file; throws ReplayFileError (one line) when it is missing, not JSON or invalid. */
export function readReplayFile(file: string): ReplayInput {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ReplayFileError(
      `cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (e as Error).message}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ReplayFileError(`${file}: not valid JSON (${(e as Error).message.replace(/\s+/g, ' ')})`);
  }
  return replayInputFromJson(json, file); // the size limit too (parse-scenario.ts)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A regression file's `expected`: an object of outcomes (without traces) by modelled profile. */
function parseExpected(raw: unknown, file: string): RegressionRecord['expected'] {
  if (!isRecord(raw))
    throw new ReplayFileError(
      `${file}: a regression file needs "expected" (record it with loopcheck replay ${file} --record-expectation ${file})`,
    );
  for (const [profile, outcome] of Object.entries(raw)) {
    if (!isModelledProfile(profile))
      throw new ReplayFileError(`${file}: expected.${profile}: not a modelled profile (${PROFILES.join(', ')})`);
    if (
      !isRecord(outcome) ||
      !isRecord(outcome.awaiter) ||
      !isRecord(outcome.children) ||
      typeof outcome.end !== 'number'
    ) {
      throw new ReplayFileError(`${file}: expected.${profile}: not an outcome ({ awaiter, children, end })`);
    }
  }
  return raw as RegressionRecord['expected'];
}

export function replayInputFromJson(json: unknown, file = 'input'): ReplayInput {
  const kind = isRecord(json) ? json.kind : undefined;
  if (kind !== undefined && kind !== 'failure' && kind !== 'regression')
    throw new ReplayFileError(
      `${file}: unknown file kind ${JSON.stringify(kind)} (a scenario, "failure" or "regression")`,
    );
  const wrapped = kind !== undefined;
  const raw = wrapped ? (json as { scenario?: unknown }).scenario : json;
  let scenario: Scenario;
  try {
    // format 2 too (§4b): check's generators draw it under seed; it travels as a Scenario (the runners read `loopcheck`)
    scenario = parseAnyScenario(raw) as unknown as Scenario;
  } catch (e) {
    if (e instanceof ScenarioError) {
      const [first, ...rest] = e.problems;
      throw new ReplayFileError(
        `${file}: invalid scenario${wrapped ? ` in ${kind} file` : ''}: ${first}${rest.length > 0 ? ` (and ${rest.length} more)` : ''}`,
      );
    }
    throw e;
  }
  if (!wrapped) return { scenario };
  const f = json as Partial<FailureRecord> & Record<string, unknown>;
  if (kind === 'regression') {
    return {
      scenario,
      regression: { loopcheck: 1, kind: 'regression', scenario, expected: parseExpected(f.expected, file) },
    };
  }
  if (f.targetSpec !== undefined && (typeof f.targetSpec !== 'string' || f.targetSpec.trim() === '')) {
    throw new ReplayFileError(
      `${file}: "targetSpec" must be a target name or an adapter path, got ${JSON.stringify(f.targetSpec)}`,
    );
  }
  const failure: FailureRecord = {
    loopcheck: 1,
    kind: 'failure',
    property: String(f.property ?? '?'),
    target: String(f.target ?? '?'),
    ...(f.targetSpec !== undefined ? { targetSpec: f.targetSpec } : {}),
    profile: String(f.profile ?? scenario.profile),
    seed: Number(f.seed ?? 0),
    path: String(f.path ?? ''),
    scenario,
    message: String(f.message ?? ''),
    observed: (f.observed ?? null) as Outcome | null,
  };
  if (f.expected !== undefined) failure.expected = f.expected;
  return { scenario, failure };
}
