// `loopcheck explore`: every scenario up to N children on the model and the loop; prints a certificate or a counterexample.
import type { Command } from 'commander';
import { MUTANTS, mutantRunner } from '../../properties/mutants/index.ts';
import { type Certificate, EXPLORE_FAILURES_DIR, explore } from '../../explore/explore.ts';
import { DEFAULT_BOUND } from '../../explore/enumerate.ts';
import { EXIT_FAILED, UsageError, setExitCode } from '../errors.ts';
import { parseIntegerOption } from '../options.ts';
import { prepareOutputDir } from '../output-path.ts';
import { replayCommand } from '../../properties/failure-file.ts';

interface ExploreFlags {
  children?: string;
  json?: boolean;
  mutant?: string;
  allFailures?: boolean;
  failuresDir: string;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** The certificate as text: bound, scenarios, distinct traces, properties, time; then any counterexample. */
export function formatCertificate(c: Certificate): string {
  const held = c.properties.filter((p) => p.held).length;
  const upTo = `${c.bound} ${c.bound === 1 ? 'child' : 'children'}`;
  const width = Math.max(...c.properties.map((p) => p.name.length));
  const lines = [
    `loopcheck explore: every scenario up to ${upTo}, model against ${c.loop}`,
    `  scenarios        ${c.scenarios}${c.complete ? '' : ' (stopped at the first failure)'}`,
    `                   ${c.modelRuns} run on the model, ${c.reduced} proved equal to an earlier run without running`,
    `  distinct traces  ${c.distinctTraces} (each checked on model and ${c.loop})`,
    `  properties       ${held}/${c.properties.length} held`,
    ...c.properties.map((p) => `    ${p.name.padEnd(width)}  ${p.held ? 'held  ' : 'FAILED'}  ${p.checked} checks, ${p.engaged} engaged`),
    `  time             ${seconds(c.timeMs)}`,
  ];
  if (c.failures.length === 0) {
    lines.push(`certificate: every property holds on every scenario up to ${upTo}`);
  } else {
    for (const f of c.failures) {
      lines.push(`FAILED ${f.property} on ${f.target} (case ${f.case}): ${f.message}`);
      lines.push(`  scenario: ${JSON.stringify(f.scenario)}`);
      if (f.file !== undefined) lines.push(`  replay:   ${replayCommand(f.file)}`);
    }
  }
  return lines.join('\n');
}

/** The largest bound an exhaustive run finishes within minutes. */
export const MAX_EXPLORE_CHILDREN = 4;

export function registerExplore(program: Command): void {
  program
    .command('explore')
    .description('check every scenario up to N children (all interleavings) on the model and the loop; exit 1 on a failure')
    .option('--children <n>', `bound on the number of children (default ${DEFAULT_BOUND})`)
    .option('--json', 'print the certificate as JSON')
    .option('--mutant <name>', 'run the loop side with a broken gather from the mutant zoo')
    .option('--all-failures', 'go on after the first failure; report the first of every property × target')
    .option('--failures-dir <dir>', 'where replay files of failures go', EXPLORE_FAILURES_DIR)
    .action((flags: ExploreFlags) => {
      const bound = parseIntegerOption('--children', flags.children, 0) ?? DEFAULT_BOUND;
      // The case count grows faster than exponentially (N = 3: 3 s, N = 4: ~40 s, N = 5: hours): refuse what cannot end.
      if (bound > MAX_EXPLORE_CHILDREN) throw new UsageError(`--children must be at most ${MAX_EXPLORE_CHILDREN} (N = 4 takes about a minute; each step up multiplies the cases), got ${bound}`);
      let loop;
      if (flags.mutant !== undefined) {
        const mutant = MUTANTS.find((m) => m.name === flags.mutant || `mutant:${m.name}` === flags.mutant);
        if (mutant === undefined) throw new UsageError(`unknown mutant ${JSON.stringify(flags.mutant)} (known: ${MUTANTS.map((m) => m.name).join(', ')})`);
        loop = mutantRunner(mutant);
      }
      prepareOutputDir(flags.failuresDir, '--failures-dir');
      const progress = flags.json !== true && process.stderr.isTTY === true;
      const certificate = explore({
        bound,
        ...(loop !== undefined ? { loop } : {}),
        allFailures: flags.allFailures === true,
        failuresDir: flags.failuresDir,
        ...(progress ? { onProgress: (n: number) => process.stderr.write(`\r  ${n} scenarios…`) } : {}),
      });
      if (progress) process.stderr.write('\r\x1b[K');
      process.stdout.write(flags.json === true ? `${JSON.stringify(certificate, null, 2)}\n` : `${formatCertificate(certificate)}\n`);
      if (certificate.failures.length > 0) setExitCode(EXIT_FAILED);
    });
}
