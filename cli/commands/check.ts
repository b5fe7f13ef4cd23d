// `loopcheck check`: runs every property on the chosen targets (differential against the model), prints a table.
import type { Command } from 'commander';
import { runSuite } from '../../properties/suite.ts';
import { describeFailure, type CheckResult } from '../../properties/checker.ts';
import { DEFAULT_SEED, envRuns, resolveSeed } from '../../properties/config.ts';
import { propertiesFor, findProperty } from '../../properties/rules/index.ts';
import type { PropertySpec } from '../../properties/rules/property-types.ts';
import { DEFAULT_FAILURES_DIR } from '../../properties/failure-file.ts';
import { renderTable } from '../../properties/format/table.ts';
import { junitXml } from '../../properties/format/junit.ts';
import { EXIT_FAILED, UsageError, setExitCode } from '../errors.ts';
import { parseIntegerOption, parseProfile, parseTargets } from '../options.ts';
import { prepareOutputDir, prepareOutputFile, writeOutputFile } from '../output-path.ts';
import { checkArb } from '../../properties/arbitraries/scenario.ts';
import type { Runner } from '../../properties/runners.ts';
import type { Profile } from '../../model/scenario-types.ts';
import { writeTimelineBesideFailure } from '../../reports/index.ts';
import { EXIT_INTERRUPTED, Interruption, letSignalsIn, progressBar, progressWanted } from '../progress.ts';

/**
 * The runners judged under a profile other than seed: only the model can take one (the loop implements seed),
 * so the model runs under that profile and every other target is refused with a pointer to `conformance`.
 */
function runnersForProfile(runners: Runner[], profile: string): Runner[] {
  if (profile === 'seed') return runners;
  return runners.map((r) => {
    if (r.name !== 'model') {
      throw new UsageError(
        `--profile ${profile}: target ${r.name} implements the seed profile only (use --target model, or loopcheck conformance --targets ${profile})`,
      );
    }
    return { ...r, profile };
  });
}

interface CheckFlags {
  target: string;
  runs?: string;
  seed?: string;
  profile: string;
  property?: string;
  json?: boolean;
  junit?: string;
  failuresDir?: string;
}

function envOr<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

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

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('run every property on the targets (and the differential against the model); exit 1 on any failure')
    .option('--target <list>', 'comma-separated targets: model, impl, mutant:<name>, …', 'model,impl')
    .option('--runs <n>', 'runs per property and target (default LOOPCHECK_RUNS, else 100)')
    .option('--seed <s>', `random seed, or random for a fresh one (default LOOPCHECK_SEED, else ${DEFAULT_SEED})`)
    .option('--profile <p>', 'rules profile', 'seed')
    .option('--property <list>', 'only these properties (comma-separated names)')
    .option('--json', 'print the results as JSON')
    .option('--junit <file>', 'also write a JUnit XML report')
    .option('--failures-dir <dir>', 'where replay files of failures go', DEFAULT_FAILURES_DIR)
    .action(async (flags: CheckFlags) => {
      const profile = parseProfile(flags.profile);
      const runs = parseIntegerOption('--runs', flags.runs, 1) ?? envOr(() => envRuns());
      const seed = envOr(() => resolveSeed(flags.seed));
      const runners = runnersForProfile(await parseTargets(flags.target), profile);
      const failuresDir = prepareOutputDir(flags.failuresDir ?? DEFAULT_FAILURES_DIR, '--failures-dir');
      if (flags.junit !== undefined) prepareOutputFile(flags.junit, '--junit');
      // Under seed the default generators write format 2 too (properties/arbitraries/scenario.ts): every property is
      // in the table. The other profiles' properties are all format 1's (format 2 is modelled for seed only).
      let properties: PropertySpec[] = propertiesFor(profile);
      if (flags.property !== undefined) {
        properties = flags.property.split(',').map((name) => {
          const p = findProperty(name.trim());
          if (p === undefined)
            throw new UsageError(
              `unknown property ${JSON.stringify(name.trim())} (known: ${propertiesFor(profile)
                .map((x) => x.name)
                .join(', ')})`,
            );
          return p;
        });
      }
      // Progress: runs done out of every check's runs, on stderr when it is a terminal (cli/progress.ts).
      // SIGINT: stop after the check under way, print the checks finished so far, exit 130 (handled from before the
      // first progress sign on).
      const interruption = new Interruption(() => progress.stop());
      const checks = properties.length * runners.length;
      const progress = progressBar(progressWanted(flags.json), checks * runs, 'runs');
      let label = '';
      let base = 0;
      let done = 0;
      let results: CheckResult[];
      try {
        results = await runSuite(runners, {
          profile,
          properties,
          runs,
          seed,
          failuresDir,
          // under seed, format 2 too (properties/arbitraries/format2-lift.ts)
          arbitrary: checkArb(profile as Profile),
          onCheckStart: (p, r, i, total) => {
            label = `[${i + 1}/${total}] ${p.name} on ${r.name}`;
            base = i * runs;
            done = 0;
            progress.update(base, label);
          },
          onRun: () => {
            if (++done % 10 === 0) progress.update(base + done, label);
          },
          shouldStop: () => interruption.interrupted,
          between: letSignalsIn,
        });
      } finally {
        progress.stop();
        interruption.dispose();
      }
      const interrupted = interruption.interrupted;
      const failed = results.filter((r) => r.status === 'failed' || r.status === 'vacuous');
      const timelines = new Map<CheckResult, string>();
      for (const r of failed)
        if (r.failureFile !== undefined) timelines.set(r, writeTimelineBesideFailure(r.failureFile));
      if (flags.junit !== undefined) writeOutputFile(flags.junit, junitXml(results), '--junit');
      if (flags.json === true) {
        process.stdout.write(
          `${JSON.stringify({ ok: failed.length === 0 && !interrupted, seed, runs, profile, ...(interrupted ? { interrupted: true, checks } : {}), results }, null, 2)}\n`,
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
        const summary =
          failed.length === 0
            ? `all ${results.filter((r) => r.status === 'passed').length} checks passed (seed ${seed}, ${runs} runs each)`
            : `${failed.length} of ${results.length} checks failed (seed ${seed})`;
        process.stdout.write(
          `${table}\n\n${interrupted ? `interrupted (SIGINT): ${results.length} of ${checks} checks finished; ` : ''}${summary}\n`,
        );
        // The vacuity rule's verdicts and the rare properties' declared reasons (properties/engagement.ts).
        for (const r of results)
          if (r.note !== undefined)
            process.stdout.write(
              `${r.status === 'vacuous' ? 'VACUOUS' : '*'} ${r.property} on ${r.target}: ${r.note}\n`,
            );
        for (const r of failed) {
          process.stdout.write(`\n${describeFailure(r)}\n`);
          const svg = timelines.get(r);
          if (svg !== undefined) process.stdout.write(`  timeline: ${svg} (and .txt)\n`);
        }
      }
      if (failed.length > 0) setExitCode(EXIT_FAILED);
      if (interrupted) setExitCode(EXIT_INTERRUPTED);
    });
}
