// `loopcheck conformance`: the property × target matrix on real runtimes, against seed and each target's own profile.
import { join } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_SEED, envRuns, resolveSeed } from '../../properties/config.ts';
import type { Target } from '../../properties/target.ts';
import { loopTarget } from '../../properties/run-on-loop.ts';
import { TARGET_NAMES, DEFAULT_CASE_TIMEOUT_MS, loadTarget } from '../../conformance/targets/index.ts';
import { ownProfileFailures, runConformance, type ProfileMode } from '../../conformance/run-conformance.ts';
import { conformanceHtml, conformanceMarkdown, conformanceText } from '../../conformance/report.ts';
import { EXIT_FAILED, UsageError, setExitCode } from '../errors.ts';
import { parseIntegerOption } from '../options.ts';
import { prepareOutputDir, writeOutputFile } from '../output-path.ts';
import { EXIT_INTERRUPTED, Interruption, progressBar, progressWanted } from '../progress.ts';

const DEFAULT_OUT = 'reports/out';

interface ConformanceFlags {
  targets?: string;
  profile?: string;
  runs?: string;
  seed?: string;
  json?: boolean;
  timeout?: string;
  out: string;
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

async function openTargets(raw: string | undefined): Promise<Target[]> {
  const names = raw === undefined ? TARGET_NAMES : raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (names.length === 0) throw new UsageError('--targets needs at least one target');
  const targets: Target[] = [];
  try {
    for (const name of new Set(names)) {
      if (name === 'impl') targets.push(loopTarget);
      else targets.push(await loadTarget(name));
    }
  } catch (e) {
    for (const t of targets) await t.close?.();
    throw new UsageError((e as Error).message.split('\n')[0]!);
  }
  return targets;
}

export function registerConformance(program: Command): void {
  program
    .command('conformance')
    .description('run the properties on real runtimes (CPython, MicroPython, Promise.all, …) against seed and their own profiles; exit 1 when a target fails its own profile')
    .option('--targets <list>', `comma-separated: ${TARGET_NAMES.join(', ')}, impl, or ./path/to/adapter.ts (default: all)`)
    .option('--profile <p>', 'judge against seed, own (the target\'s own profile) or both', 'both')
    .option('--runs <n>', 'cases per target and profile (default LOOPCHECK_RUNS, else 100)')
    .option('--seed <s>', `random seed, or random for a fresh one (default LOOPCHECK_SEED, else ${DEFAULT_SEED})`)
    .option('--timeout <ms>', `per-case timeout of a target (default ${DEFAULT_CASE_TIMEOUT_MS})`)
    .option('--json', 'print the report as JSON')
    .option('--out <dir>', 'where conformance.md, conformance.html and the replay files go', DEFAULT_OUT)
    .action(async (flags: ConformanceFlags) => {
      const modes = parseModes(flags.profile);
      const runs = parseIntegerOption('--runs', flags.runs, 1) ?? envOr(() => envRuns());
      const seed = envOr(() => resolveSeed(flags.seed));
      const timeoutMs = parseIntegerOption('--timeout', flags.timeout, 1) ?? DEFAULT_CASE_TIMEOUT_MS;
      prepareOutputDir(flags.out, '--out');
      prepareOutputDir(join(flags.out, 'conformance'), '--out');
      const targets = await openTargets(flags.targets);
      // Progress: target columns started, on stderr when it is a terminal; SIGINT: the columns finished, exit 130.
      // (a seed target's own profile is its seed column, run once)
      const columns = targets.reduce((n, t) => n + (modes.length === 2 && t.profile === 'seed' ? 1 : modes.length), 0);
      const interruption = new Interruption(() => progress.stop());
      const progress = progressBar(progressWanted(flags.json), columns, 'columns');
      let started = 0;
      let report;
      try {
        report = await runConformance(targets, {
          runs, seed, modes, timeoutMs, failuresDir: join(flags.out, 'conformance'),
          onProgress: (line: string) => progress.update(line.includes('shrinking') ? Math.max(0, started - 1) : started++, line),
          shouldStop: () => interruption.interrupted,
        });
      } finally {
        progress.stop();
        interruption.dispose();
        for (const t of targets) await t.close?.();
      }
      if (interruption.interrupted) {
        // The partial matrix on stdout, no report files (they would pass for a whole run).
        process.stdout.write(flags.json === true
          ? `${JSON.stringify({ ok: false, interrupted: true, ...report }, null, 2)}\n`
          : `${conformanceText(report)}\n\ninterrupted (SIGINT): ${report.columns.length} target column(s) finished; no report written\n`);
        setExitCode(EXIT_INTERRUPTED);
        return;
      }
      writeOutputFile(join(flags.out, 'conformance.md'), conformanceMarkdown(report), '--out');
      writeOutputFile(join(flags.out, 'conformance.html'), conformanceHtml(report), '--out');
      const failed = ownProfileFailures(report);
      if (flags.json === true) {
        process.stdout.write(`${JSON.stringify({ ok: failed.length === 0, ...report }, null, 2)}\n`);
      } else {
        process.stdout.write(`${conformanceText(report)}\n\nwritten: ${join(flags.out, 'conformance.md')}, ${join(flags.out, 'conformance.html')}\n`);
        process.stdout.write(failed.length === 0
          ? 'every target passes its own profile (failures against seed are the runtimes\' differences)\n'
          : `${failed.length} failure(s) against a target's own profile\n`);
      }
      if (failed.length > 0) setExitCode(EXIT_FAILED);
    });
}
