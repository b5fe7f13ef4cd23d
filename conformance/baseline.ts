// Conformance baselines: a target's known differences saved with their counterexamples; only a new one fails the run.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Scenario } from '../model/scenario-types.ts';
import type { Cell, ConformanceReport, TargetIssue } from './run-conformance.ts';
import { isDocumentedDifference } from './documented-differences.ts';

/** One known difference: `property` fails (or crashes / times out: `crash`, `timeout`) on `target` against `profile`. */
export interface BaselineEntry {
  target: string;
  profile: string;
  property: string;
  /** The violation (or crash) message when it was recorded. */
  message: string;
  /** Its smallest counterexample when it was recorded. */
  scenario?: Scenario;
}

export interface Baseline {
  loopcheck: 1;
  kind: 'conformance-baseline';
  /** The run that recorded it (informative). */
  seed: number;
  runs: number;
  differences: BaselineEntry[];
}

/** A baseline file that cannot be used; the message is one line. */
export class BaselineError extends Error {
  override readonly name = 'BaselineError';
}

const key = (target: string, profile: string, property: string) => JSON.stringify([target, profile, property]);

function failing(report: ConformanceReport): Array<Cell | TargetIssue> {
  return [...report.cells.filter((c) => c.status === 'fails' || c.status === 'vacuous'), ...report.issues];
}

function entryOf(x: Cell | TargetIssue): BaselineEntry {
  if ('property' in x) {
    return {
      target: x.target,
      profile: x.profile,
      property: x.property,
      message: x.status === 'vacuous' ? `vacuous: ${x.note ?? ''}` : (x.message ?? ''),
      ...(x.scenario ? { scenario: x.scenario } : {}),
    };
  }
  return { target: x.target, profile: x.profile, property: x.kind, message: x.error, scenario: x.scenario };
}

/** Every difference of the run (failing or vacuous cells, crash and timeout kinds), one entry per target, profile and property. */
export function baselineOf(report: ConformanceReport): Baseline {
  const seen = new Set<string>();
  const differences: BaselineEntry[] = [];
  for (const x of failing(report)) {
    const entry = entryOf(x);
    const k = key(entry.target, entry.profile, entry.property);
    if (seen.has(k)) continue;
    seen.add(k);
    differences.push(entry);
  }
  return { loopcheck: 1, kind: 'conformance-baseline', seed: report.seed, runs: report.runs, differences };
}

export function writeBaseline(file: string, baseline: Baseline): void {
  writeFileSync(file, `${JSON.stringify(baseline, null, 2)}\n`);
}

/** Reads and checks a baseline file; throws a BaselineError with a one-line message. */
export function readBaseline(file: string): Baseline {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new BaselineError(`baseline file not found: ${file}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new BaselineError(`baseline ${file} is not JSON: ${(e as Error).message.split('\n')[0]}`);
  }
  const b = data as Partial<Baseline> | null;
  if (typeof b !== 'object' || b === null || b.kind !== 'conformance-baseline' || !Array.isArray(b.differences)) {
    throw new BaselineError(
      `${file} is not a conformance baseline (written by loopcheck conformance --write-baseline)`,
    );
  }
  b.differences.forEach((d: Partial<BaselineEntry> | null, i) => {
    for (const field of ['target', 'profile', 'property'] as const) {
      if (typeof d?.[field] !== 'string')
        throw new BaselineError(`baseline ${file}: $.differences[${i}].${field} must be a string`);
    }
  });
  return b as Baseline;
}

/**
 * Marks the report's expected differences (`expected` on cells and issues): the built-in runtimes' documented ones,
 * then the baseline's entries. Returns the baseline entries that no longer fail (their target and profile ran, the
 * property held, no such crash or timeout).
 */
export function markExpected(report: ConformanceReport, baseline: Baseline | undefined): BaselineEntry[] {
  const listed = new Set((baseline?.differences ?? []).map((d) => key(d.target, d.profile, d.property)));
  const builtIn = (target: string) => report.columns.some((c) => c.target === target && c.isolated !== true);
  for (const cell of report.cells) {
    if (cell.status !== 'fails' && cell.status !== 'vacuous') continue;
    if (builtIn(cell.target) && isDocumentedDifference(cell.target, cell.profile, cell.property, cell.status))
      cell.expected = 'documented';
    else if (listed.has(key(cell.target, cell.profile, cell.property))) cell.expected = 'baseline';
  }
  for (const issue of report.issues)
    if (listed.has(key(issue.target, issue.profile, issue.kind))) issue.expected = 'baseline';
  const stillFailing = new Set(
    failing(report).map((x) => {
      const e = entryOf(x);
      return key(e.target, e.profile, e.property);
    }),
  );
  // a column stopped for its timeouts judged no property and ran part of its cases: its entries are not known to hold
  const ran = (d: BaselineEntry) =>
    report.columns.some(
      (c) => c.target === d.target && c.profile === d.profile && c.skipped === undefined && c.stopped === undefined,
    );
  return (baseline?.differences ?? []).filter((d) => ran(d) && !stillFailing.has(key(d.target, d.profile, d.property)));
}
