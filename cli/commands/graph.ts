// `loopcheck graph`: which model states, transitions, guard outcomes and transition pairs the generators reach;
// writes the coverage report files; `--min-coverage P [--kinds …]` gates on them.
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Command } from 'commander';
import { collectModelCoverage } from '../../reports/coverage/collect.ts';
import {
  writeCoverageReport,
  formatRatio,
  rowsOf,
  COVERAGE_KINDS,
  KIND_LABELS,
  type CoverageKind,
  type CoverageSummary,
  type KindTotals,
} from '../../reports/coverage/index.ts';
import { DEFAULT_FAILURES_DIR } from '../../properties/failure-file.ts';
import { envRuns, envSeed } from '../../properties/config.ts';
import { EXIT_FAILED, UsageError, setExitCode } from '../errors.ts';
import { parseIntegerOption } from '../options.ts';
import { checkInputDir, prepareOutputDir } from '../output-path.ts';

/** Under the current directory, never inside the installed package. */
const DEFAULT_OUT = join('reports', 'out');
/** The default seed is fixed so that the report is the same from run to run. */
const DEFAULT_SEED = 1;

interface GraphFlags {
  runs?: string;
  seed?: string;
  out: string;
  minCoverage?: string;
  kinds: string;
  failuresDir: string;
  enumerationBudget?: string;
}

function parsePercent(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100)
    throw new UsageError(`${flag} must be a percentage from 0 to 100, got ${JSON.stringify(raw)}`);
  return n;
}

/** The kinds `--min-coverage` gates by default: every state and every transition. */
export const DEFAULT_GATED_KINDS: readonly CoverageKind[] = ['states', 'transitions'];

function parseKinds(raw: string): CoverageKind[] {
  const names = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (names.length === 0) throw new UsageError(`--kinds needs at least one of ${COVERAGE_KINDS.join(', ')}`);
  for (const name of names) {
    if (!(COVERAGE_KINDS as readonly string[]).includes(name)) {
      throw new UsageError(
        `unknown coverage kind ${JSON.stringify(name)} in --kinds (known: ${COVERAGE_KINDS.join(', ')})`,
      );
    }
  }
  return COVERAGE_KINDS.filter((kind) => names.includes(kind));
}

/** One line per kind: `states 24/24 (100%), transitions …`. */
function figures(totals: KindTotals): string {
  return COVERAGE_KINDS.filter((kind) => totals[kind] !== undefined)
    .map((kind) => `${KIND_LABELS[kind]} ${formatRatio(totals[kind]!)}`)
    .join(', ');
}

/** Why the gate fails, one line per reason (empty: it passes). */
export function gateFailures(summary: CoverageSummary, min: number, kinds: readonly CoverageKind[]): string[] {
  const failures: string[] = [];
  for (const kind of kinds) {
    const r = summary.totals[kind];
    if (r === undefined) failures.push(`${KIND_LABELS[kind]} coverage is not measured`);
    else if (r.percent < min)
      failures.push(`${KIND_LABELS[kind]} coverage ${r.percent}% is below --min-coverage ${min}%`);
  }
  const contradicted = summary.contradicted.filter((id) =>
    kinds.some((kind) => rowsOf(summary, kind).some((row) => row.id === id)),
  );
  if (contradicted.length > 0)
    failures.push(`${contradicted.length} id(s) listed as unreachable were reached: ${contradicted.join('; ')}`);
  return failures;
}

function envOr<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

export function registerGraph(program: Command): void {
  program
    .command('graph')
    .description(
      'record which model states and transitions the generators reach; write coverage.dot/.svg/.md/.json and index.html',
    )
    .option('--runs <n>', 'random scenarios per returnExceptions mode (default LOOPCHECK_RUNS, else 100)')
    .option('--seed <s>', `random seed (default LOOPCHECK_SEED, else ${DEFAULT_SEED})`)
    .option('--out <dir>', 'where the report goes', DEFAULT_OUT)
    .option('--min-coverage <p>', 'exit 1 when a gated kind (--kinds) is below P percent')
    .option(
      '--kinds <list>',
      `what --min-coverage gates: any of ${COVERAGE_KINDS.join(',')} (guards and pairs: out of the reachable ones)`,
      DEFAULT_GATED_KINDS.join(','),
    )
    .option('--failures-dir <dir>', 'saved failures to draw timelines for', DEFAULT_FAILURES_DIR)
    .option('--enumeration-budget <n>', 'most enumerated scenarios tried for unreached transitions', '5000')
    .action(async (flags: GraphFlags) => {
      const runs = parseIntegerOption('--runs', flags.runs, 1) ?? envOr(() => envRuns());
      const seed =
        parseIntegerOption('--seed', flags.seed, Number.MIN_SAFE_INTEGER) ?? envOr(() => envSeed()) ?? DEFAULT_SEED;
      const minCoverage = parsePercent('--min-coverage', flags.minCoverage);
      const kinds = parseKinds(flags.kinds);
      const enumerationBudget = parseIntegerOption('--enumeration-budget', flags.enumerationBudget, 0) ?? 5000;
      prepareOutputDir(flags.out, '--out'); // before the run; a bad path is exit 2 (mkdir recursive hangs in /proc)
      checkInputDir(flags.failuresDir, '--failures-dir');
      const collected = collectModelCoverage({ runs, seed, enumerationBudget });
      const report = await writeCoverageReport(collected.graph, collected.after, flags.out, {
        before: collected.before,
        failuresDir: flags.failuresDir,
        notes: collected.notes,
      });
      writeFileSync(join(flags.out, 'targeted-scenarios.json'), `${JSON.stringify(collected.targeted, null, 2)}\n`);
      const { totals } = report.summary;
      const lines = [
        `model coverage: ${collected.notes[0]}`,
        `  random only:    ${figures(totals.before!)}`,
        `  with targeted:  ${figures(totals)} (${collected.targeted.length} targeted scenario(s) kept of ${collected.candidates} tried)`,
      ];
      const never = COVERAGE_KINDS.flatMap((kind) => rowsOf(report.summary, kind)).filter(
        (row) => row.hits === 0 && row.unreachable === undefined,
      );
      if (never.length > 0) lines.push(`  never reached (${never.length}):`, ...never.map((row) => `    ${row.id}`));
      const unreachable = [...rowsOf(report.summary, 'guards'), ...rowsOf(report.summary, 'pairs')].filter(
        (row) => row.unreachable !== undefined,
      );
      if (unreachable.length > 0)
        lines.push(`  unreachable by the model's rules: ${unreachable.length} (listed with reasons in coverage.md)`);
      if (report.summary.contradicted.length > 0)
        lines.push(`  listed as unreachable but reached: ${report.summary.contradicted.join('; ')}`);
      if (report.summary.unknown.length > 0)
        lines.push(`  counted but not in the graph: ${report.summary.unknown.join(', ')}`);
      const failures = report.failures.filter((f) => f.svg !== undefined).length;
      if (failures > 0) lines.push(`  timelines drawn for ${failures} saved failure(s)`);
      const shown = (file: string): string => {
        const rel = relative(process.cwd(), file);
        return rel === '' || rel.startsWith('..') ? file : rel;
      };
      lines.push(`wrote ${report.files.map(shown).join(', ')}`);
      process.stdout.write(`${lines.join('\n')}\n`);
      if (minCoverage !== undefined) {
        const failures = gateFailures(report.summary, minCoverage, kinds);
        if (failures.length > 0) {
          process.stdout.write(failures.map((line) => `${line}\n`).join(''));
          setExitCode(EXIT_FAILED);
        }
      }
    });
}
