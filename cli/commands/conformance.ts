// `loopcheck conformance`: the property × target matrix on real runtimes, against seed and each target's own profile.
import { join } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_SEED, envRuns, resolveSeed } from '../../properties/config.ts';
import type { Target } from '../../properties/target.ts';
import { loopTarget } from '../../properties/run-on-loop.ts';
import { TARGET_NAMES, DEFAULT_CASE_TIMEOUT_MS, loadTarget } from '../../conformance/targets/index.ts';
import {
  DEFAULT_MAX_TIMEOUTS,
  newDifferences,
  runConformance,
  type ProfileMode,
} from '../../conformance/run-conformance.ts';
import {
  BaselineError,
  baselineOf,
  markExpected,
  readBaseline,
  writeBaseline,
  type Baseline,
} from '../../conformance/baseline.ts';
import { conformanceHtml, conformanceMarkdown, conformanceText } from '../../conformance/report.ts';
import { EXIT_FAILED, UsageError, setExitCode } from '../errors.ts';
import { parseIntegerOption } from '../options.ts';
import { prepareOutputDir, prepareOutputFile, writeOutputFile } from '../output-path.ts';
import { EXIT_INTERRUPTED, Interruption, progressBar, progressWanted, statusLinesWanted } from '../progress.ts';

const DEFAULT_OUT = 'reports/out';

interface ConformanceFlags {
  targets?: string;
  profile?: string;
  runs?: string;
  seed?: string;
  json?: boolean;
  timeout?: string;
  maxTimeouts?: string;
  baseline?: string;
  writeBaseline?: string;
  out: string;
  format?: string;
}

function envOr<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

function parseModes(raw: string | undefined): ProfileMode[] {
  if (raw === undefined || raw === 'both') return ['seed', 'own'];
  if (raw === 'seed' || raw === 'own') return [raw];
  throw new UsageError(`--profile must be seed, own or both, got ${JSON.stringify(raw)}`);
}

async function openTargets(raw: string | undefined, logDir: string): Promise<Target[]> {
  const names =
    raw === undefined
      ? TARGET_NAMES
      : raw
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '');
  if (names.length === 0) throw new UsageError('--targets needs at least one target');
  // Loaded together: each adapter starts its own process, so their start-ups overlap.
  const loaded = await Promise.allSettled(
    [...new Set(names)].map((name) => (name === 'impl' ? Promise.resolve(loopTarget) : loadTarget(name, { logDir }))),
  );
  const failed = loaded.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed !== undefined) {
    for (const r of loaded) if (r.status === 'fulfilled') await r.value.close?.();
    throw new UsageError(String((failed.reason as Error).message ?? failed.reason).split('\n')[0]!);
  }
  return loaded.map((r) => (r as PromiseFulfilledResult<Target>).value);
}

export function registerConformance(program: Command): void {
  program
    .command('conformance')
    .description(
      'run the properties on real runtimes (CPython, MicroPython, Promise.all, …) against seed and their own profiles; exit 1 on a new difference: a target failing its own profile (seed, when that has no model) outside its documented or baselined differences, or a crash or timeout',
    )
    .option(
      '--targets <list>',
      `comma-separated: ${TARGET_NAMES.join(', ')}, impl, ./path/to/adapter.ts, or asyncio-loop:FILE.py:Class (your own asyncio loop class, profile cpython) (default: all)`,
    )
    .option('--profile <p>', "judge against seed, own (the target's own profile) or both", 'both')
    .option('--runs <n>', 'cases per target and profile (default LOOPCHECK_RUNS, else 100)')
    .option('--seed <s>', `random seed, or random for a fresh one (default LOOPCHECK_SEED, else ${DEFAULT_SEED})`)
    .option('--timeout <ms>', `per-case timeout of a target (default ${DEFAULT_CASE_TIMEOUT_MS})`)
    .option(
      '--max-timeouts <n>',
      `once a target has timed out on n cases of a profile, the rest of them are not run (the timeouts are reported, each one a new difference unless baselined; default ${DEFAULT_MAX_TIMEOUTS})`,
    )
    .option(
      '--baseline <file>',
      'known differences (from --write-baseline): only a difference not in it fails the run; lists the entries that no longer fail',
    )
    .option(
      '--write-baseline <file>',
      'record every difference of this run (with its counterexample) as a baseline file',
    )
    .option(
      '--format <n>',
      'scenario format drawn: 1, or 2 (awaits, shields, timeouts, shutdown; docs/rules.md §4b); default: both on cpython, uvloop, micropython and asyncio-loop:…, 1 on the others',
    )
    .option('--json', 'print the report as JSON')
    .option('--out <dir>', 'where conformance.md, conformance.html and the replay files go', DEFAULT_OUT)
    .action(async (flags: ConformanceFlags) => {
      const modes = parseModes(flags.profile);
      if (flags.format !== undefined && flags.format !== '1' && flags.format !== '2')
        throw new UsageError(`--format must be 1 or 2, got ${JSON.stringify(flags.format)}`);
      const format = flags.format === undefined ? undefined : flags.format === '2' ? 2 : 1;
      const runs = parseIntegerOption('--runs', flags.runs, 1) ?? envOr(() => envRuns());
      const seed = envOr(() => resolveSeed(flags.seed));
      const timeoutMs = parseIntegerOption('--timeout', flags.timeout, 1) ?? DEFAULT_CASE_TIMEOUT_MS;
      const maxTimeouts = parseIntegerOption('--max-timeouts', flags.maxTimeouts, 1) ?? DEFAULT_MAX_TIMEOUTS;
      prepareOutputDir(flags.out, '--out');
      prepareOutputDir(join(flags.out, 'conformance'), '--out');
      let baseline: Baseline | undefined;
      if (flags.baseline !== undefined) {
        try {
          baseline = readBaseline(flags.baseline);
        } catch (e) {
          throw e instanceof BaselineError ? new UsageError(e.message) : e;
        }
      }
      if (flags.writeBaseline !== undefined) prepareOutputFile(flags.writeBaseline, '--write-baseline');
      const targets = await openTargets(flags.targets, join(flags.out, 'adapters'));
      // Progress: target columns started, on stderr when it is a terminal; SIGINT: the columns finished, exit 130.
      // (a seed target's own profile is its seed column, run once). Off a terminal, one line per column started
      // and per column stopped for its timeouts, so a log shows what a long run is doing.
      const columns = targets.reduce((n, t) => n + (modes.length === 2 && t.profile === 'seed' ? 1 : modes.length), 0);
      const interruption = new Interruption(() => progress.stop());
      const barWanted = progressWanted(flags.json);
      const progress = progressBar(barWanted, columns, 'columns');
      const statusLines = statusLinesWanted(barWanted);
      let started = 0;
      let report: Awaited<ReturnType<typeof runConformance>>;
      try {
        report = await runConformance(targets, {
          runs,
          seed,
          modes,
          timeoutMs,
          maxTimeouts,
          ...(format === undefined ? {} : { format }),
          failuresDir: join(flags.out, 'conformance'),
          onProgress: (line, event) => {
            progress.update(event === 'column' ? started++ : Math.max(0, started - 1), line);
            if (statusLines && event !== 'shrinking') process.stderr.write(`conformance: ${line}\n`);
          },
          shouldStop: () => interruption.interrupted,
        });
      } finally {
        progress.stop();
        interruption.dispose();
        for (const t of targets) await t.close?.();
      }
      const noLongerFailing = markExpected(report, baseline);
      if (interruption.interrupted) {
        // The partial matrix on stdout, no report files (they would pass for a whole run).
        process.stdout.write(
          flags.json === true
            ? `${JSON.stringify({ ok: false, interrupted: true, ...report }, null, 2)}\n`
            : `${conformanceText(report)}\n\ninterrupted (SIGINT): ${report.columns.length} target column(s) finished; no report written\n`,
        );
        setExitCode(EXIT_INTERRUPTED);
        return;
      }
      if (flags.baseline !== undefined) {
        report.baseline = {
          file: flags.baseline,
          noLongerFailing: noLongerFailing.map(({ target, profile, property }) => ({ target, profile, property })),
        };
      }
      if (flags.writeBaseline !== undefined) {
        const recorded = baselineOf(report);
        writeBaseline(flags.writeBaseline, recorded);
        markExpected(report, recorded); // every difference is now a known one
      }
      writeOutputFile(join(flags.out, 'conformance.md'), conformanceMarkdown(report), '--out');
      writeOutputFile(join(flags.out, 'conformance.html'), conformanceHtml(report), '--out');
      const failed = newDifferences(report);
      if (flags.json === true) {
        process.stdout.write(`${JSON.stringify({ ok: failed.length === 0, ...report }, null, 2)}\n`);
      } else {
        process.stdout.write(
          `${conformanceText(report)}\n\nwritten: ${join(flags.out, 'conformance.md')}, ${join(flags.out, 'conformance.html')}\n`,
        );
        if (flags.writeBaseline !== undefined) process.stdout.write(`baseline written: ${flags.writeBaseline}\n`);
        const stopped = report.columns.filter((c) => c.stopped !== undefined);
        if (stopped.length > 0)
          process.stdout.write(
            `stopped for timeouts (--max-timeouts ${maxTimeouts}), their other cases not run: ${stopped.map((c) => `${c.target} vs ${c.profile}`).join(', ')}\n`,
          );
        process.stdout.write(
          failed.length === 0
            ? 'no new difference: every target passes its own profile, apart from its documented or baselined differences\n'
            : `${failed.length} new difference(s): failures against a target's own profile (seed, when that has no model) or crashes and timeouts, not documented or in a baseline\n`,
        );
      }
      if (failed.length > 0) setExitCode(EXIT_FAILED);
    });
}
