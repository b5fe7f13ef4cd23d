// `loopcheck explore`: every scenario up to N children on the loop and the model (sharded, on worker threads);
// prints a certificate or a counterexample. `loopcheck explore merge FILE...` merges shard results.
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { ALL_MUTANTS } from '../../properties/mutants/index.ts';
import { type Certificate, EXPLORE_FAILURES_DIR, type PropertyResult } from '../../explore/explore.ts';
import { unengaged } from '../../explore/engagement.ts';
import { DEFAULT_BOUND } from '../../explore/enumerate.ts';
import { MergeError, mergeShardFiles } from '../../explore/merge.ts';
import { defaultWorkers, exploreParallel } from '../../explore/parallel.ts';
import { formatShard, parseShard } from '../../explore/shard.ts';
import { EXIT_FAILED, UsageError, setExitCode } from '../errors.ts';
import { parseIntegerOption } from '../options.ts';
import { prepareOutputDir } from '../output-path.ts';
import { EXIT_INTERRUPTED, Interruption, progressBar, progressWanted } from '../progress.ts';
import { replayCommand } from '../../properties/failure-file.ts';

interface ExploreFlags {
  children?: string;
  json?: boolean;
  mutant?: string;
  allFailures?: boolean;
  failuresDir: string;
  shard?: string;
  workers?: string;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Wraps `text` at `width` columns, every line after the first indented by `indent`. */
function wrap(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line.length > 0 && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line.length === 0 ? word : `${line} ${word}`;
  }
  if (line.length > 0) lines.push(line);
  return lines.join(`\n${indent}`);
}

/** The certificate as text: what it covers, the counts, every property with checks and engaged, time; failures. */
export function formatCertificate(c: Certificate): string {
  const held = c.properties.filter((p) => p.held).length;
  const never = new Set(unengaged(c).map((p) => p.name));
  const below = c.properties.filter((p) => p.engaged === 0 && !p.mustEngage).length;
  const note = (p: PropertyResult): string =>
    never.has(p.name)
      ? ' — NEVER ENGAGED: no certificate for it'
      : p.engaged === 0 && !p.mustEngage && c.shard === undefined
        ? ' (not engaged at this bound)'
        : '';
  const upTo = `${c.bound} ${c.bound === 1 ? 'child' : 'children'}`;
  const width = Math.max(...c.properties.map((p) => p.name.length));
  const checksWidth = Math.max(...c.properties.map((p) => String(p.checked).length));
  const of =
    c.shard !== undefined ? ` (shard ${formatShard(c.shard)})` : c.shards > 1 ? ` (${c.shards} shards merged)` : '';
  const lines = [
    `loopcheck explore: every scenario up to ${upTo}, model against ${c.loop}${of}`,
    `  covers           ${wrap(c.covers, 96, '                   ')}`,
    `  scenarios        ${c.scenarios}${c.interrupted === true ? ' (interrupted: SIGINT)' : c.complete ? '' : ' (stopped at the first failure)'}`,
    `  ran on the loop  ${c.ranOnLoop}${c.ranOnLoop === c.scenarios ? ' (every scenario)' : ''}`,
    `  ran on the model ${c.ranOnModel} (the other ${c.scenarios - c.ranOnModel} proved equal to a run in their block, see reduction.ts)`,
    `  distinct traces  ${c.distinctTraces}`,
    `  properties       ${held}/${c.properties.length} held`,
    ...c.properties.map(
      (p) =>
        `    ${p.name.padEnd(width)}  ${p.held ? 'held  ' : 'FAILED'}  ${String(p.checked).padStart(checksWidth)} checks, ${p.engaged} engaged${p.unjudged === undefined ? '' : `, ${p.unjudged} not judged (a scenario format it does not read)`}${note(p)}`,
    ),
    `  time             ${seconds(c.timeMs)}${c.shards > 1 ? ' (the longest shard)' : ''}`,
  ];
  if (c.failures.length === 0 && never.size > 0) {
    lines.push(
      `no certificate: ${[...never].join(', ')} engaged on none of the ${c.scenarios} scenarios up to ${upTo} (their premise never occurred: the enumeration must reach it, README "Exhaustive exploration")`,
    );
  } else if (c.failures.length === 0) {
    lines.push(
      c.interrupted === true
        ? `interrupted (SIGINT): every property held on the ${c.scenarios} scenarios explored; no certificate (run it again to the end)`
        : c.shard !== undefined && c.shard.count > 1
          ? `shard ${formatShard(c.shard)}: every property holds on its scenarios (merge all shards for the certificate)`
          : `certificate: every property holds on every scenario up to ${upTo}${below === 0 ? '' : `; ${below} not engaged at this bound (their construct needs more children), nothing certified for them`}`,
    );
  } else {
    for (const f of c.failures) {
      lines.push(`FAILED ${f.property} on ${f.target} (case ${f.case}): ${f.message}`);
      lines.push(`  scenario: ${JSON.stringify(f.scenario)}`);
      if (f.file !== undefined) lines.push(`  replay:   ${replayCommand(f.file)}`);
    }
  }
  return lines.join('\n');
}

/** The largest bound explored without --shard: N = 4 (583,116 scenarios) is about a minute of CPU. */
export const MAX_EXPLORE_CHILDREN = 4;
/** The largest bound explored at all, in shards: N = 5 (14.9 million scenarios) is about half an hour of CPU. */
export const MAX_SHARDED_CHILDREN = 5;

/** More threads than this only cost memory (each holds its own modules and a block's runs). */
const MAX_WORKERS = 4 * availableParallelism();

/** 1 (EXIT_FAILED) when a property failed, or had to engage at the bound and engaged on no scenario; else 0. */
export function certificateExitCode(c: Certificate): number {
  return c.failures.length > 0 || unengaged(c).length > 0 ? EXIT_FAILED : 0;
}

function print(c: Certificate, json: boolean): void {
  process.stdout.write(json ? `${JSON.stringify(c, null, 2)}\n` : `${formatCertificate(c)}\n`);
  const code = certificateExitCode(c);
  if (code !== 0) setExitCode(code);
}

export function registerExplore(program: Command): void {
  const explore = program
    .command('explore')
    .description(
      'check every scenario up to N children (all interleavings) on the loop and the model; exit 1 on a failure or a property never engaged',
    )
    .option(
      '--children <n>',
      `bound on the number of children (default ${DEFAULT_BOUND}; above ${MAX_EXPLORE_CHILDREN} only with --shard)`,
    )
    .option('--json', 'print the certificate as JSON')
    .option('--mutant <name>', 'run the loop side with a broken gather from the mutant zoo')
    .option('--all-failures', 'go on after the first failure; report the first of every property × target')
    .option('--failures-dir <dir>', 'where replay files of failures go', EXPLORE_FAILURES_DIR)
    .option(
      '--shard <i/n>',
      'run only shard i of n (1-based, as vitest --shard); merge the --json results with `explore merge`',
    )
    .option('--workers <k>', 'worker threads (default: every core, os.availableParallelism(); 1 for N ≤ 1)')
    .action(async (flags: ExploreFlags) => {
      const bound = parseIntegerOption('--children', flags.children, 0) ?? DEFAULT_BOUND;
      let shard: Exclude<ReturnType<typeof parseShard>, string> | undefined;
      if (flags.shard !== undefined) {
        const parsed = parseShard(flags.shard);
        if (typeof parsed === 'string') throw new UsageError(parsed);
        shard = parsed;
      }
      const workers = parseIntegerOption('--workers', flags.workers, 1) ?? defaultWorkers(bound);
      if (workers > MAX_WORKERS)
        throw new UsageError(`--workers must be at most ${MAX_WORKERS} (4 per core), got ${workers}`);
      // The case count grows faster than exponentially (N = 4: 5.8·10^5 scenarios, N = 5: 1.5·10^7, ×26).
      if (bound > MAX_SHARDED_CHILDREN)
        throw new UsageError(
          `--children must be at most ${MAX_SHARDED_CHILDREN} (N = 5 is 15 million scenarios, half an hour of CPU in shards; each step up multiplies them by 25 or more), got ${bound}`,
        );
      if (bound > MAX_EXPLORE_CHILDREN && shard === undefined)
        throw new UsageError(
          `--children ${bound} needs --shard i/n (N = 5 is 15 million scenarios, half an hour of CPU: run shards on several machines and merge them, see the README)`,
        );
      let loop = 'impl';
      if (flags.mutant !== undefined) {
        const loopMutants = ALL_MUTANTS.filter((m) => m.profile === undefined);
        const mutant = ALL_MUTANTS.find((m) => m.name === flags.mutant || `mutant:${m.name}` === flags.mutant);
        if (mutant === undefined)
          throw new UsageError(
            `unknown mutant ${JSON.stringify(flags.mutant)} (known: ${loopMutants.map((m) => m.name).join(', ')})`,
          );
        if (mutant.profile !== undefined)
          throw new UsageError(
            `mutant ${mutant.name} is the model under profile ${mutant.profile}, and explore runs the loop's seed scenarios: use loopcheck check --profile ${mutant.profile} --target mutant:${mutant.name}`,
          );
        loop = `mutant:${mutant.name}`;
      }
      prepareOutputDir(flags.failuresDir, '--failures-dir');
      // Progress: scenarios explored, on stderr when it is a terminal (cli/progress.ts). SIGINT: every worker stops at
      // its next scenario, the partial result is printed (marked interrupted) and the exit code is 130. N ≤ 1 on one
      // worker runs in this thread (a few thousand scenarios), where no signal gets in before the end.
      const abort = new AbortController();
      const interruption = new Interruption(() => {
        progress.stop();
        abort.abort();
      });
      const progress = progressBar(progressWanted(flags.json), null, 'scenarios');
      const shardText = shard === undefined ? '' : `shard ${formatShard(shard)}, `;
      let certificate: Certificate;
      try {
        certificate = await exploreParallel({
          bound,
          ...(shard !== undefined ? { shard } : {}),
          workers,
          loop,
          allFailures: flags.allFailures === true,
          failuresDir: flags.failuresDir,
          onProgress: (n: number) => progress.update(n, `${shardText}N = ${bound}, ${workers} worker(s)`),
          ...(workers > 1 || bound > 1 ? { signal: abort.signal } : {}),
        });
      } finally {
        progress.stop();
        interruption.dispose();
      }
      print(certificate, flags.json === true);
      if (interruption.interrupted) setExitCode(EXIT_INTERRUPTED);
    });
  explore
    .command('merge')
    .description('merge the --json results of `explore --shard i/n` for i = 1..n into one certificate')
    .argument('<files...>', 'shard result files')
    .option('--json', 'print the certificate as JSON')
    .action((files: string[], flags: { json?: boolean }, command: Command) => {
      // `--json` after the files is taken by the parent command (its own --json); either place counts.
      const json = flags.json === true || command.parent?.opts<{ json?: boolean }>().json === true;
      let certificate: Certificate;
      try {
        certificate = mergeShardFiles(files);
      } catch (e) {
        if (e instanceof MergeError) throw new UsageError(e.message);
        throw e;
      }
      print(certificate, json);
    });
}
