// Replay files: writing a property failure to reports/out/failures/, and reading back a failure or a plain scenario.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from '../model/scenario-types.ts';
import type { Outcome } from '../model/outcome.ts';
import { parseScenario, ScenarioError } from '../model/index.ts';

/** A saved property failure: enough to replay it (`loopcheck replay FILE`) and to show what went wrong. */
export interface FailureRecord {
  loopcheck: 1;
  kind: 'failure';
  property: string;
  target: string;
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

/** Writes the record as `<property>-<target>.json` in `dir`; returns the file's path. */
export function writeFailureFile(record: FailureRecord, dir = DEFAULT_FAILURES_DIR): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, failureFileName(record.property, record.target));
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
  return file;
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
}

/** Reads a scenario file or a failure file; throws ReplayFileError (one line) when it is missing, not JSON or invalid. */
export function readReplayFile(file: string): ReplayInput {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ReplayFileError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ReplayFileError(`${file}: not valid JSON (${(e as Error).message.replace(/\s+/g, ' ')})`);
  }
  return replayInputFromJson(json, file);
}

export function replayInputFromJson(json: unknown, file = 'input'): ReplayInput {
  const isFailure = typeof json === 'object' && json !== null && (json as { kind?: unknown }).kind === 'failure';
  const raw = isFailure ? (json as { scenario?: unknown }).scenario : json;
  let scenario: Scenario;
  try {
    scenario = parseScenario(raw);
  } catch (e) {
    if (e instanceof ScenarioError) {
      const [first, ...rest] = e.problems;
      throw new ReplayFileError(`${file}: invalid scenario${isFailure ? ' in failure file' : ''}: ${first}${rest.length > 0 ? ` (and ${rest.length} more)` : ''}`);
    }
    throw e;
  }
  if (!isFailure) return { scenario };
  const f = json as Partial<FailureRecord>;
  const failure: FailureRecord = {
    loopcheck: 1,
    kind: 'failure',
    property: String(f.property ?? '?'),
    target: String(f.target ?? '?'),
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
