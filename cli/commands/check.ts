// `loopcheck check`: runs every property on the chosen targets (differential against the model), prints a table;
// `--shard i/n` runs one shard of the cases and `check merge FILE...` merges the shards into the unsharded result.
import type { Command } from 'commander';
import { runSuite } from '../../properties/suite.ts';
import type { CheckResult } from '../../properties/checker.ts';
import { DEFAULT_SEED, envRuns, resolveSeed } from '../../properties/config.ts';
import { propertiesFor, findProperty } from '../../properties/rules/index.ts';
import type { PropertySpec } from '../../properties/rules/property-types.ts';
import { DEFAULT_FAILURES_DIR } from '../../properties/failure-file.ts';
import { UsageError } from '../errors.ts';
import { parseIntegerOption, parseProfile, parseTargets } from '../options.ts';
import { prepareOutputDir, prepareOutputFile } from '../output-path.ts';
import { checkArb } from '../../properties/arbitraries/scenario.ts';
import type { Runner } from '../../properties/runners.ts';
import type { Profile } from '../../model/scenario-types.ts';
import { Interruption, letSignalsIn, progressBar, progressWanted } from '../progress.ts';
import { parseShard, type Shard } from '../../explore/shard.ts';
import { ownedBelow } from '../../properties/shard-cases.ts';
import { registerCheckMerge } from './check-merge.ts';
import { reportCheck } from './check-report.ts';

/**
 * The runners judged under a profile other than seed: only the model can take one (the loop implements seed),
 * so the model runs under that profile and every other target is refused with a pointer to `conformance` — but a
 * mutant of that profile (the model patched, `Mutant.profile`); such a mutant is refused under any other profile.
 */
function runnersForProfile(runners: Runner[], profile: string): Runner[] {
  for (const r of runners)
    if (r.name.startsWith('mutant:') && r.profile !== 'seed' && r.profile !== profile)
      throw new UsageError(
        `target ${r.name} is the model under profile ${r.profile}, patched: use --profile ${r.profile} --target model,${r.name}`,
      );
  if (profile === 'seed') return runners;
  return runners.map((r) => {
    if (r.name.startsWith('mutant:') && r.profile === profile) return r;
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
  shard?: string;
}

function envOr<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

export { resultRow } from './check-report.ts';

export function registerCheck(program: Command): void {
  const check = program
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
    .option(
      '--shard <i/n>',
      "run only shard i of n of every check's cases (1-based, as vitest --shard); merge the --json results with `check merge`",
    )
    .action(async (flags: CheckFlags) => {
      const profile = parseProfile(flags.profile);
      let shard: Shard | undefined;
      if (flags.shard !== undefined) {
        const parsed = parseShard(flags.shard);
        if (typeof parsed === 'string') throw new UsageError(parsed);
        shard = parsed;
      }
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
      const perCheck = shard === undefined ? runs : ownedBelow(shard, runs);
      const progress = progressBar(progressWanted(flags.json), checks * perCheck, 'runs');
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
            base = i * perCheck;
            done = 0;
            progress.update(base, label);
          },
          onRun: () => {
            if (++done % 10 === 0) progress.update(base + done, label);
          },
          shouldStop: () => interruption.interrupted,
          between: letSignalsIn,
          ...(shard !== undefined ? { shard } : {}),
        });
      } finally {
        progress.stop();
        interruption.dispose();
      }
      reportCheck(results, {
        seed,
        runs,
        profile,
        checks,
        interrupted: interruption.interrupted,
        json: flags.json === true,
        ...(flags.junit !== undefined ? { junit: flags.junit } : {}),
        ...(shard !== undefined ? { shard } : {}),
      });
    });
  registerCheckMerge(check);
}
