// A check's report: the table (or JSON) of its rows, failures with their timelines, the JUnit file and the exit code;
// printed by `check` (whole or one shard) and by `check merge`.
import type { CheckResult } from '../../properties/checker.ts';
import { describeFailure } from '../../properties/checker.ts';
import { renderTable } from '../../properties/format/table.ts';
import { junitXml } from '../../properties/format/junit.ts';
import { writeTimelineBesideFailure } from '../../reports/index.ts';
import { formatShard, type Shard } from '../../explore/shard.ts';
import { LOOPCHECK_VERSION } from '../../explore/merge.ts';
import { EXIT_FAILED, setExitCode } from '../errors.ts';
import { writeOutputFile } from '../output-path.ts';
import { EXIT_INTERRUPTED } from '../progress.ts';

export function resultRow(r: CheckResult): string[] {
  const result =
    r.status === 'passed'
      ? r.note === undefined
        ? 'ok'
        : 'ok *'
      : r.status === 'skipped'
        ? `skipped (${r.reason})`
        : r.status === 'vacuous'
          ? 'VACUOUS'
          : 'FAILED';
  return [
    r.property,
    r.target,
    String(r.runs),
    r.status === 'skipped' ? '' : r.judged === undefined ? String(r.engaged) : `${r.engaged} of ${r.judged}`,
    result,
    `${Math.round(r.timeMs)} ms`,
  ];
}

/** What a check's report says besides its rows. */
export interface CheckReport {
  seed: number;
  runs: number;
  profile: string;
  /** Checks asked for (rows when it ran to the end). */
  checks: number;
  interrupted: boolean;
  json: boolean;
  junit?: string;
  /** A shard's report: the rows count its cases only, and the verdict waits for `check merge`. */
  shard?: Shard;
}

/**
 * Prints a check's rows as the table (or JSON), writes the timelines of failures and the JUnit report, and sets the
 * exit code: 1 on a failed or vacuous row, 130 when interrupted. `check` and `check merge` report through it.
 */
export function reportCheck(results: CheckResult[], report: CheckReport): void {
  const { seed, runs, profile, checks, interrupted, shard } = report;
  const failed = results.filter((r) => r.status === 'failed' || r.status === 'vacuous');
  const timelines = new Map<CheckResult, string>();
  for (const r of failed) if (r.failureFile !== undefined) timelines.set(r, writeTimelineBesideFailure(r.failureFile));
  if (report.junit !== undefined) writeOutputFile(report.junit, junitXml(results), '--junit');
  if (report.json) {
    const sharded = shard === undefined ? {} : { shard, version: LOOPCHECK_VERSION };
    process.stdout.write(
      `${JSON.stringify({ ok: failed.length === 0 && !interrupted, seed, runs, profile, ...sharded, ...(interrupted ? { interrupted: true, checks } : {}), results }, null, 2)}\n`,
    );
  } else {
    const table = renderTable(['property', 'target', 'runs', 'engaged', 'result', 'time'], results.map(resultRow), [
      'left',
      'left',
      'right',
      'right',
      'left',
      'right',
    ]);
    const of = shard === undefined ? '' : `shard ${formatShard(shard)}: `;
    const summary =
      failed.length === 0
        ? shard === undefined
          ? `all ${results.filter((r) => r.status === 'passed').length} checks passed (seed ${seed}, ${runs} runs each)`
          : `${of}every check held on its cases (seed ${seed}, ${runs} runs each in all; merge all shards' --json for the verdict, vacuity included)`
        : `${of}${failed.length} of ${results.length} checks failed (seed ${seed})`;
    process.stdout.write(
      `${table}\n\n${interrupted ? `interrupted (SIGINT): ${results.length} of ${checks} checks finished; ` : ''}${summary}\n`,
    );
    // The vacuity rule's verdicts and the rare properties' declared reasons (properties/engagement.ts).
    for (const r of results)
      if (r.note !== undefined)
        process.stdout.write(`${r.status === 'vacuous' ? 'VACUOUS' : '*'} ${r.property} on ${r.target}: ${r.note}\n`);
    for (const r of failed) {
      process.stdout.write(`\n${describeFailure(r)}\n`);
      const svg = timelines.get(r);
      if (svg !== undefined) process.stdout.write(`  timeline: ${svg} (and .txt)\n`);
    }
  }
  if (failed.length > 0) setExitCode(EXIT_FAILED);
  if (interrupted) setExitCode(EXIT_INTERRUPTED);
}
