// `loopcheck graph`: which model states and transitions the generators reach; writes the coverage report files.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Command } from 'commander';
import { collectModelCoverage } from '../../reports/coverage/collect.ts';
import { writeCoverageReport, formatRatio } from '../../reports/coverage/index.ts';
import { DEFAULT_FAILURES_DIR } from '../../properties/failure-file.ts';
import { envRuns, envSeed } from '../../properties/config.ts';
import { EXIT_FAILED, UsageError, setExitCode } from '../errors.ts';
import { parseIntegerOption } from '../options.ts';

/** Under the current directory, never inside the installed package. */
const DEFAULT_OUT = join('reports', 'out');
/** The default seed is fixed so that the report is the same from run to run. */
const DEFAULT_SEED = 1;

interface GraphFlags {
  runs?: string;
  seed?: string;
  out: string;
  minCoverage?: string;
  failuresDir: string;
  enumerationBudget?: string;
}

function parsePercent(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100) throw new UsageError(`${flag} must be a percentage from 0 to 100, got ${JSON.stringify(raw)}`);
  return n;
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
    .description("record which model states and transitions the generators reach; write coverage.dot/.svg/.md/.json and index.html")
    .option('--runs <n>', 'random scenarios per returnExceptions mode (default LOOPCHECK_RUNS, else 100)')
    .option('--seed <s>', `random seed (default LOOPCHECK_SEED, else ${DEFAULT_SEED})`)
    .option('--out <dir>', 'where the report goes', DEFAULT_OUT)
    .option('--min-coverage <p>', 'exit 1 when less than P percent of the transitions were taken')
    .option('--failures-dir <dir>', 'saved failures to draw timelines for', DEFAULT_FAILURES_DIR)
    .option('--enumeration-budget <n>', 'most enumerated scenarios tried for unreached transitions', '5000')
    .action(async (flags: GraphFlags) => {
      const runs = parseIntegerOption('--runs', flags.runs, 1) ?? envOr(() => envRuns());
      const seed = parseIntegerOption('--seed', flags.seed, Number.MIN_SAFE_INTEGER) ?? envOr(() => envSeed()) ?? DEFAULT_SEED;
      const minCoverage = parsePercent('--min-coverage', flags.minCoverage);
      const enumerationBudget = parseIntegerOption('--enumeration-budget', flags.enumerationBudget, 0) ?? 5000;
      try {
        mkdirSync(flags.out, { recursive: true });
      } catch (e) {
        throw new UsageError(`cannot write to ${flags.out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
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
        `  random only:    states ${formatRatio(totals.before!.states)}, transitions ${formatRatio(totals.before!.transitions)}`,
        `  with targeted:  states ${formatRatio(totals.states)}, transitions ${formatRatio(totals.transitions)} (${collected.targeted.length} targeted scenario(s) kept of ${collected.candidates} tried)`,
      ];
      const never = [...report.summary.states, ...report.summary.transitions].filter((row) => row.hits === 0);
      if (never.length > 0) lines.push(`  never reached (${never.length}):`, ...never.map((row) => `    ${row.id}`));
      if (report.summary.unknown.length > 0) lines.push(`  counted but not in the graph: ${report.summary.unknown.join(', ')}`);
      const failures = report.failures.filter((f) => f.svg !== undefined).length;
      if (failures > 0) lines.push(`  timelines drawn for ${failures} saved failure(s)`);
      const shown = (file: string): string => {
        const rel = relative(process.cwd(), file);
        return rel === '' || rel.startsWith('..') ? file : rel;
      };
      lines.push(`wrote ${report.files.map(shown).join(', ')}`);
      process.stdout.write(`${lines.join('\n')}\n`);
      if (minCoverage !== undefined && totals.transitions.percent < minCoverage) {
        process.stdout.write(`transition coverage ${totals.transitions.percent}% is below --min-coverage ${minCoverage}%\n`);
        setExitCode(EXIT_FAILED);
      }
    });
}
