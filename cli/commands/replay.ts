// `loopcheck replay FILE`: reruns a scenario or failure file on model, impl or both; shows outcomes, traces, violations.
import type { Command } from 'commander';
import type { Outcome } from '../../model/outcome.ts';
import type { Scenario } from '../../model/scenario-types.ts';
import { readReplayFile } from '../../properties/failure-file.ts';
import { findProperty, outcomeViolations } from '../../properties/rules/index.ts';
import { simulate } from '../../model/index.ts';
import { determinism } from '../../properties/rules/determinism.ts';
import { judge } from '../../properties/evaluate.ts';
import type { Runner } from '../../properties/runners.ts';
import { resolveRunner } from '../../properties/target-registry.ts';
import { firstDifference } from '../../properties/format/first-difference.ts';
import { formatOutcome, formatTasks } from '../../properties/format/outcome-text.ts';
import { sideBySide } from '../../properties/format/side-by-side.ts';
import { EXIT_FAILED, UsageError, setExitCode } from '../errors.ts';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { emitRegressionTest, timelineAscii, timelineSvg, type TimelineInput } from '../../reports/index.ts';

interface ReplayFlags {
  target: string;
  json?: boolean;
  timeline?: string;
  emitTest?: string;
}

function writeOutput(path: string, text: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  } catch (e) {
    throw new UsageError(`cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

export interface TargetReplay {
  target: string;
  outcome: Outcome | null;
  error?: string;
  violations: Array<{ property: string; message: string }>;
}

/** Runs the scenario on one runner (twice, for determinism) and checks every outcome property. */
export async function replayOn(runner: Runner, scenario: Scenario): Promise<TargetReplay> {
  let first: Outcome;
  let second: Outcome;
  try {
    first = await runner.run(scenario);
    second = await runner.run(scenario);
  } catch (e) {
    const error = `${runner.name} crashed: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`;
    return { target: runner.name, outcome: null, error, violations: [{ property: 'crash', message: error }] };
  }
  const violations = outcomeViolations(scenario, first).map(([property, message]) => ({ property, message }));
  const d = judge(determinism, scenario, first, second).violation;
  if (d !== null) violations.push({ property: determinism.name, message: d });
  return { target: runner.name, outcome: first, violations };
}

export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description('rerun a scenario or failure file; exit 1 when the targets disagree or a property fails on it')
    .argument('<file>', 'a scenario file or a failure file (reports/out/failures/*.json)')
    .option('--target <t>', 'model, impl, both (the model and the loop; for a cpython/micropython scenario, that runtime), a conformance target (cpython, micropython, …, ./adapter.ts), or two targets A,B to compare', 'both')
    .option('--json', 'print the outcomes and verdicts as JSON')
    .option('--timeline <svg>', 'also draw the run(s) as an SVG timeline (Gantt chart) to this file')
    .option('--emit-test <path>', 'write a standalone vitest regression test for this case to this file')
    .action(async (file: string, flags: ReplayFlags) => {
      const { scenario, failure } = readReplayFile(file);
      // `both` means the model and the implementation of the scenario's profile: the loop for seed, the runtime
      // itself (cpython, micropython) for a runtime's profile, since the loop implements seed only.
      const names = flags.target === 'both' ? ['model', scenario.profile === 'seed' ? 'impl' : scenario.profile] : flags.target.split(',').map((t) => t.trim());
      if (names.length > 2 || names.some((n) => n === '')) throw new UsageError(`--target takes one target, both, or two targets A,B (got ${JSON.stringify(flags.target)})`);
      const runners: Runner[] = [];
      for (const name of names) {
        const r = await resolveRunner(name);
        if (r === undefined) throw new UsageError(`unknown target ${JSON.stringify(name)} (use model, impl, both, mutant:<name>, a conformance target or ./adapter.ts)`);
        runners.push(r);
      }
      const replays: TargetReplay[] = [];
      for (const r of runners) replays.push(await replayOn(r, scenario));
      // A failure file of a comparison with the model (conformance's outcome-differential): judge it again.
      const compared = failure ? findProperty(failure.property) : undefined;
      if (compared?.kind === 'differential' && replays.length === 1 && replays[0]!.outcome && replays[0]!.target !== 'model') {
        const message = judge(compared, scenario, replays[0]!.outcome, simulate(scenario)).violation;
        if (message !== null) replays[0]!.violations.push({ property: compared.name, message });
      }
      const [a, b] = replays;
      // The model and the loop (and its mutants) are compared event for event; a real runtime's trace is not
      // event-exact (docs/rules.md §7), so there only the outcomes (statuses, values, times, end) are compared.
      const eventExact = runners.every((r) => r.sync);
      const comparable = (o: Outcome): Outcome => (eventExact ? o : { ...o, trace: [] });
      const difference = replays.length === 2 && a!.outcome && b!.outcome ? firstDifference(comparable(a!.outcome), comparable(b!.outcome), a!.target, b!.target) : null;
      const ok = difference === null && replays.every((r) => r.violations.length === 0);
      const timeline: TimelineInput = {
        scenario,
        outcomes: replays.flatMap((r) => (r.outcome ? [{ label: r.target, outcome: r.outcome }] : [])),
        title: failure ? `${failure.property} on ${failure.target}` : file,
      };
      if (flags.timeline !== undefined && timeline.outcomes.length > 0) writeOutput(flags.timeline, timelineSvg(timeline));
      if (flags.emitTest !== undefined) {
        const source = failure ?? { loopcheck: 1 as const, kind: 'failure' as const, property: 'differential', target: 'impl', profile: scenario.profile, seed: 0, path: '', scenario, message: `replayed from ${file}`, observed: null };
        writeOutput(flags.emitTest, emitRegressionTest(source, { testFile: flags.emitTest }));
      }
      if (flags.json === true) {
        const outcomes = Object.fromEntries(replays.map((r) => [r.target, r.outcome]));
        process.stdout.write(`${JSON.stringify({ ok, file, ...(failure ? { failure: { property: failure.property, target: failure.target, seed: failure.seed, path: failure.path, message: failure.message } } : {}), scenario, outcomes, agree: replays.length === 2 ? difference === null : undefined, firstDifference: difference ?? undefined, violations: replays.flatMap((r) => r.violations.map((v) => ({ target: r.target, ...v }))) }, null, 2)}\n`);
      } else {
        const out: string[] = [];
        if (failure) out.push(`failure file: ${failure.property} on ${failure.target} (seed ${failure.seed}, path ${JSON.stringify(failure.path)})`, `  ${failure.message}`, '');
        if (replays.length === 2 && a!.outcome && b!.outcome) {
          out.push(`== ${a!.target} ==`, formatTasks(a!.outcome), '', `== ${b!.target} ==`, formatTasks(b!.outcome), '', 'traces:', sideBySide(a!.outcome.trace, b!.outcome.trace, [a!.target, b!.target]));
          const scope = eventExact ? '' : ' on outcomes (traces of a real runtime are not compared event for event)';
          out.push(difference === null ? `${a!.target} and ${b!.target} agree${scope}` : `${a!.target} and ${b!.target} DISAGREE${scope}: ${difference}`);
        } else {
          for (const r of replays) if (r.outcome) out.push(formatOutcome(r.outcome, r.target), '');
        }
        for (const r of replays) {
          if (r.error) out.push(r.error);
          for (const v of r.violations) if (v.property !== 'crash') out.push(`${v.property} fails on ${r.target}: ${v.message}`);
        }
        if (timeline.outcomes.length > 0) out.push('', 'timeline:', timelineAscii(timeline));
        if (replays.every((r) => r.violations.length === 0)) out.push(`every property holds on ${replays.map((r) => r.target).join(' and ')}`);
        if (flags.timeline !== undefined && timeline.outcomes.length > 0) out.push(`timeline written to ${flags.timeline}`);
        if (flags.emitTest !== undefined) out.push(`regression test written to ${flags.emitTest}`);
        process.stdout.write(`${out.join('\n')}\n`);
      }
      if (!ok) setExitCode(EXIT_FAILED);
    });
}
