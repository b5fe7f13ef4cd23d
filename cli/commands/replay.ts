// `loopcheck replay FILE`: re-judges a failure file's property on its target, or reruns a scenario on model, impl or both.
import type { Command } from 'commander';
import type { Outcome } from '../../model/outcome.ts';
import type { Scenario } from '../../model/scenario-types.ts';
import { readReplayFile, type FailureRecord } from '../../properties/failure-file.ts';
import { rejudgeFailure } from '../../properties/rejudge.ts';
import {
  expectationDifferences,
  recordExpectation,
  regressionProfiles,
  regressionText,
  type RegressionRecord,
} from '../../properties/regression-file.ts';
import { findProperty, outcomeViolations } from '../../properties/rules/index.ts';
import { simulate } from '../../model/index.ts';
import { determinism } from '../../properties/rules/determinism.ts';
import { judge } from '../../properties/evaluate.ts';
import type { Runner } from '../../properties/runners.ts';
import { firstDifference } from '../../properties/format/first-difference.ts';
import { runtimeOutcomeDifference } from '../../properties/lib/profile-rules.ts';
import { formatOutcome, formatTasks } from '../../properties/format/outcome-text.ts';
import { sideBySide } from '../../properties/format/side-by-side.ts';
import { DEFAULT_LIMITS, FULL_OUTPUT, type OutputLimits } from '../../properties/format/summary.ts';
import { EXIT_FAILED, UsageError, setExitCode } from '../errors.ts';
import { prepareOutputFile, writeOutputFile } from '../output-path.ts';
import { resolveTarget } from '../options.ts';
// the timeline and emit-test modules themselves: reports/index.ts would also load the coverage report (fast-check, viz)
import { timelineAscii, timelineSvg, type TimelineInput } from '../../reports/timeline/index.ts';
import { emitRegressionTest } from '../../reports/emit-test.ts';
import { format2ScenarioOf, replayFormat2 } from './replay-format2.ts';

interface ReplayFlags {
  target?: string;
  json?: boolean;
  timeline?: string;
  emitTest?: string;
  recordExpectation?: string;
  full?: boolean;
}

/** `--record-expectation PATH`: the model's outcomes of the scenario under every profile, as a regression file. */
function recordTo(path: string, scenario: Scenario, previous: RegressionRecord | undefined): string[] {
  const changed = previous === undefined ? [] : expectationDifferences(previous);
  writeOutputFile(path, regressionText(recordExpectation(scenario)), '--record-expectation');
  return [
    `expectation recorded in ${path} (the model under ${regressionProfiles(scenario).join(', ')})`,
    ...changed.map((c) => `  changed from the previous recording: ${c}`),
  ];
}

/** What `--emit-test` writes for a file replayed by comparison: the failure, or the scenario's differential. */
function testSource(
  scenario: Scenario,
  file: string,
  failure: FailureRecord | undefined,
  runners: readonly Runner[],
  single: boolean,
): FailureRecord {
  const other = runners.find((r) => r.name !== 'model');
  if (failure !== undefined) {
    // `--target X` alone: the recorded property, judged on X instead.
    if (single && runners[0] !== undefined)
      return { ...failure, target: runners[0].name, targetSpec: runners[0].spec ?? runners[0].name };
    return failure;
  }
  const target = other?.name ?? (scenario.profile === 'seed' ? 'impl' : scenario.profile);
  return {
    loopcheck: 1,
    kind: 'failure',
    property: scenario.profile === 'seed' ? 'differential' : 'outcome-differential',
    target,
    targetSpec: other?.spec ?? target,
    profile: scenario.profile,
    seed: 0,
    path: '',
    scenario,
    message: `replayed from ${file}`,
    observed: null,
  };
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
    .description(
      "judge a failure file's property on its target again, or rerun a scenario or regression file; exit 1 while it fails, when the targets disagree or a property fails on it",
    )
    .argument(
      '<file>',
      'a failure file (reports/out/failures/*.json), a scenario file or a regression file (regressions/*.json)',
    )
    .option(
      '--target <t>',
      "instead of the failure file's own target: model, impl, both (the model and the loop; for a cpython/micropython scenario, that runtime), a conformance target (cpython, micropython, …, ./adapter.ts, asyncio-loop:FILE.py:Class), or two targets A,B to compare (default for a scenario or regression file, or a failure file without targetSpec: both)",
    )
    .option('--json', 'print the outcomes and verdicts as JSON')
    .option('--timeline <svg>', 'also draw the run(s) as an SVG timeline (Gantt chart) to this file')
    .option('--emit-test <path>', 'write a standalone vitest regression test for this case to this file')
    .option(
      '--record-expectation <path>',
      "write the scenario as a regression file with the model's outcome under every profile to this path (may be FILE itself)",
    )
    .option(
      '--full',
      `print long traces, tables and timelines in full (default: at most ${DEFAULT_LIMITS.traceRows} events, ${DEFAULT_LIMITS.tableRows} task rows, ${DEFAULT_LIMITS.timelineTasks} timeline tasks, the rest summarised)`,
    )
    .action(async (file: string, flags: ReplayFlags) => {
      const format2 = format2ScenarioOf(file); // §4b: the model and the loop only, so far
      if (format2 !== undefined) return replayFormat2(file, format2, { ...flags });
      const limits = flags.full === true ? FULL_OUTPUT : DEFAULT_LIMITS;
      const { scenario, failure, regression } = readReplayFile(file);
      const recorded =
        flags.recordExpectation === undefined ? [] : recordTo(flags.recordExpectation, scenario, regression);
      // A failure file that names its target (targetSpec) is judged again as it was found: its property on its target.
      if (failure?.targetSpec !== undefined && flags.target === undefined) {
        await rejudge(file, failure, flags, recorded, limits);
        return;
      }
      // A regression file: the model must still give the recorded outcome under every profile.
      const expectation =
        regression === undefined || flags.recordExpectation !== undefined ? [] : expectationDifferences(regression);
      const requested = flags.target ?? 'both';
      // `both` means the model and the implementation of the scenario's profile: the loop for seed, the runtime
      // itself (cpython, micropython) for a runtime's profile, since the loop implements seed only.
      const names =
        requested === 'both'
          ? ['model', scenario.profile === 'seed' ? 'impl' : scenario.profile]
          : requested.split(',').map((t) => t.trim());
      if (names.length > 2 || names.some((n) => n === ''))
        throw new UsageError(`--target takes one target, both, or two targets A,B (got ${JSON.stringify(requested)})`);
      if (flags.timeline !== undefined) prepareOutputFile(flags.timeline, '--timeline');
      if (flags.emitTest !== undefined) prepareOutputFile(flags.emitTest, '--emit-test');
      const runners: Runner[] = [];
      for (const name of names) {
        const r = await resolveTarget(name);
        if (r === undefined)
          throw new UsageError(
            `unknown target ${JSON.stringify(name)} (use model, impl, both, mutant:<name>, a conformance target or ./adapter.ts)`,
          );
        runners.push(r);
      }
      const replays: TargetReplay[] = [];
      for (const r of runners) replays.push(await replayOn(r, scenario));
      // A failure file of a comparison with the model (conformance's outcome-differential): judge it again.
      const compared = failure ? findProperty(failure.property) : undefined;
      if (
        compared?.kind === 'differential' &&
        replays.length === 1 &&
        replays[0]!.outcome &&
        replays[0]!.target !== 'model'
      ) {
        const message = judge(compared, scenario, replays[0]!.outcome, simulate(scenario)).violation;
        if (message !== null) replays[0]!.violations.push({ property: compared.name, message });
      }
      const [a, b] = replays;
      // The model and the loop (and its mutants) are compared event for event; a real runtime's trace is not
      // event-exact (docs/rules.md §7), so there only the outcomes (statuses, values, times, end) are compared.
      const eventExact = runners.every((r) => r.sync);
      const comparable = (o: Outcome): Outcome => (eventExact ? o : { ...o, trace: [] });
      const difference =
        replays.length === 2 && a!.outcome && b!.outcome
          ? eventExact
            ? firstDifference(comparable(a!.outcome), comparable(b!.outcome), a!.target, b!.target)
            : runtimeOutcomeDifference(
                scenario,
                { target: a!.target, outcome: a!.outcome },
                { target: b!.target, outcome: b!.outcome },
              )
          : null;
      const ok = difference === null && replays.every((r) => r.violations.length === 0);
      // the timeline marks what breaks the failing property (the recorded one first), the first difference otherwise
      const broken = replays.flatMap((r) =>
        r.violations.filter((v) => v.property !== 'crash').map((v) => ({ ...v, run: r.target })),
      );
      const violation =
        broken.find((v) => failure !== undefined && v.property === failure.property && v.run === failure.target) ??
        broken[0];
      const timeline: TimelineInput = {
        scenario,
        outcomes: replays.flatMap((r) => (r.outcome ? [{ label: r.target, outcome: r.outcome }] : [])),
        title: failure ? `${failure.property} on ${failure.target}` : file,
        ...(violation ? { violation } : {}),
      };
      if (flags.timeline !== undefined && timeline.outcomes.length > 0)
        writeOutputFile(flags.timeline, timelineSvg(timeline), '--timeline');
      if (flags.emitTest !== undefined) {
        writeOutputFile(
          flags.emitTest,
          emitRegressionTest(testSource(scenario, file, failure, runners, names.length === 1), {
            testFile: flags.emitTest,
          }),
          '--emit-test',
        );
      }
      if (flags.json === true) {
        const outcomes = Object.fromEntries(replays.map((r) => [r.target, r.outcome]));
        process.stdout.write(
          `${JSON.stringify({ ok: ok && expectation.length === 0, file, ...(failure ? { failure: { property: failure.property, target: failure.target, seed: failure.seed, path: failure.path, message: failure.message } } : {}), scenario, outcomes, agree: replays.length === 2 ? difference === null : undefined, firstDifference: difference ?? undefined, violations: replays.flatMap((r) => r.violations.map((v) => ({ target: r.target, ...v }))), ...(regression ? { expectation } : {}) }, null, 2)}\n`,
        );
      } else {
        const out: string[] = [...recorded];
        if (recorded.length > 0) out.push('');
        if (failure)
          out.push(
            `failure file: ${failure.property} on ${failure.target} (seed ${failure.seed}, path ${JSON.stringify(failure.path)})`,
            `  ${failure.message}`,
            '',
          );
        if (replays.length === 2 && a!.outcome && b!.outcome) {
          out.push(
            `== ${a!.target} ==`,
            formatTasks(a!.outcome, limits.tableRows, limits.valueChars),
            '',
            `== ${b!.target} ==`,
            formatTasks(b!.outcome, limits.tableRows, limits.valueChars),
            '',
            'traces:',
            sideBySide(a!.outcome.trace, b!.outcome.trace, [a!.target, b!.target], limits.traceRows),
          );
          const scope = eventExact ? '' : ' on outcomes (traces of a real runtime are not compared event for event)';
          out.push(
            difference === null
              ? `${a!.target} and ${b!.target} agree${scope}`
              : `${a!.target} and ${b!.target} DISAGREE${scope}: ${difference}`,
          );
        } else {
          for (const r of replays) if (r.outcome) out.push(formatOutcome(r.outcome, r.target, limits), '');
        }
        for (const r of replays) {
          if (r.error) out.push(r.error);
          for (const v of r.violations)
            if (v.property !== 'crash') out.push(`${v.property} fails on ${r.target}: ${v.message}`);
        }
        if (timeline.outcomes.length > 0)
          out.push('', 'timeline:', timelineAscii(timeline, undefined, limits.timelineTasks));
        if (replays.every((r) => r.violations.length === 0))
          out.push(`every property holds on ${replays.map((r) => r.target).join(' and ')}`);
        for (const e of expectation)
          out.push(
            `the model no longer gives the recorded outcome: ${e} (re-record on purpose: loopcheck replay ${file} --record-expectation ${file})`,
          );
        if (regression !== undefined && expectation.length === 0 && flags.recordExpectation === undefined)
          out.push(`the model gives the recorded outcome under ${Object.keys(regression.expected).join(', ')}`);
        if (flags.timeline !== undefined && timeline.outcomes.length > 0)
          out.push(`timeline written to ${flags.timeline}`);
        if (flags.emitTest !== undefined) out.push(`regression test written to ${flags.emitTest}`);
        process.stdout.write(`${out.join('\n')}\n`);
      }
      if (!ok || expectation.length > 0) setExitCode(EXIT_FAILED);
    });
}

/** Labels of the two outcomes a property compared: the model and the target, or the target's two runs. */
function comparedLabels(property: string, target: string): [string, string] {
  return property === 'determinism' ? [`${target} (run 1)`, `${target} (run 2)`] : ['model', target];
}

/**
 * Replay of a failure file with a targetSpec: the recorded property on the recorded target, judged again.
 * Exit 1 (printing the violation) while it still fails, 0 with "no longer fails" once fixed.
 */
async function rejudge(
  file: string,
  failure: FailureRecord,
  flags: ReplayFlags,
  recorded: string[],
  limits: OutputLimits,
): Promise<void> {
  const { scenario } = failure;
  const { property, runner, evaluation } = await rejudgeFailure(failure, { file });
  const { violation, expected, observed } = evaluation;
  const [labelA, labelB] = comparedLabels(property, runner.name);
  const outcomes = [
    ...(expected ? [{ label: labelA, outcome: expected }] : []),
    ...(observed ? [{ label: expected ? labelB : runner.name, outcome: observed }] : []),
  ];
  const timeline: TimelineInput = {
    scenario,
    outcomes,
    title: `${failure.property} on ${failure.target}`,
    ...(violation !== null
      ? { violation: { property, message: violation, run: expected ? labelB : runner.name } }
      : {}),
  };
  if (flags.timeline !== undefined && outcomes.length > 0)
    writeOutputFile(flags.timeline, timelineSvg(timeline), '--timeline');
  if (flags.emitTest !== undefined)
    writeOutputFile(flags.emitTest, emitRegressionTest(failure, { testFile: flags.emitTest }), '--emit-test');
  const verdict =
    violation === null
      ? `${property} no longer fails on ${runner.name}`
      : `${property} still fails on ${runner.name}: ${violation}`;
  if (flags.json === true) {
    const recordedFailure = {
      property: failure.property,
      target: failure.target,
      targetSpec: failure.targetSpec,
      seed: failure.seed,
      path: failure.path,
      message: failure.message,
    };
    process.stdout.write(
      `${JSON.stringify({ ok: violation === null, file, failure: recordedFailure, property, target: runner.name, fails: violation !== null, violation, scenario, outcomes: Object.fromEntries(outcomes.map((o) => [o.label, o.outcome])) }, null, 2)}\n`,
    );
  } else {
    const out: string[] = [...recorded];
    if (recorded.length > 0) out.push('');
    out.push(
      `failure file: ${failure.property} on ${failure.target} (seed ${failure.seed}, path ${JSON.stringify(failure.path)})`,
      `  ${failure.message}`,
      '',
    );
    const [a, b] = outcomes;
    if (a !== undefined && b !== undefined) {
      out.push(
        `== ${a.label} ==`,
        formatTasks(a.outcome, limits.tableRows, limits.valueChars),
        '',
        `== ${b.label} ==`,
        formatTasks(b.outcome, limits.tableRows, limits.valueChars),
        '',
        'traces:',
        sideBySide(a.outcome.trace, b.outcome.trace, [a.label, b.label], limits.traceRows),
      );
    } else if (a !== undefined) {
      out.push(formatOutcome(a.outcome, a.label, limits));
    }
    if (outcomes.length > 0) out.push('', 'timeline:', timelineAscii(timeline, undefined, limits.timelineTasks));
    out.push(
      '',
      `judged again: ${property} on ${runner.name}${runner.spec !== undefined && runner.spec !== runner.name ? ` (${runner.spec})` : ''}`,
      verdict,
    );
    if (flags.timeline !== undefined && outcomes.length > 0) out.push(`timeline written to ${flags.timeline}`);
    if (flags.emitTest !== undefined) out.push(`regression test written to ${flags.emitTest}`);
    process.stdout.write(`${out.join('\n')}\n`);
  }
  if (violation !== null) setExitCode(EXIT_FAILED);
}
