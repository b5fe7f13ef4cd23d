// `loopcheck replay FILE` for a format 2 scenario file (docs/rules.md §4b): the model and the loop, compared event for
// event; the properties that can read format 2 (properties/format2/readiness.ts) judged on both; --emit-test and
// --record-expectation as for format 1 (failure and regression files of format 2 go through replay.ts). `--target R`
// or `--target model,R` with a runtime target R: the model under R's own profile and R, outcomes compared (TIE).
import { readFileSync } from 'node:fs';
import { parseAnyScenario } from '../../properties/lib/parse-scenario.ts';
import { simulate } from '../../model/simulate.ts';
import type { Outcome } from '../../model/outcome.ts';
import type { Profile, Scenario, ScenarioV2 } from '../../model/scenario-types.ts';
import { ScenarioError } from '../../model/scenario-checker.ts';
import { runOnLoop } from '../../properties/run-on-loop.ts';
import { firstDifference } from '../../properties/format/first-difference.ts';
import { formatTasks } from '../../properties/format/outcome-text.ts';
import { sideBySide } from '../../properties/format/side-by-side.ts';
import { ReplayFileError, type FailureRecord } from '../../properties/failure-file.ts';
import { recordExpectation, regressionText } from '../../properties/regression-file.ts';
import { outcomeViolations } from '../../properties/rules/index.ts';
import { emitRegressionTest } from '../../reports/emit-test.ts';
import { determinism } from '../../properties/rules/determinism.ts';
import { judge } from '../../properties/evaluate.ts';
import { EXIT_FAILED, UsageError, setExitCode } from '../errors.ts';
import { resolveTarget } from '../options.ts';
import { isModelledProfile } from '../../model/profiles.ts';
import { modelOutcomeDifference } from '../../properties/lib/profile-rules.ts';
import { UnsupportedCase } from '../../properties/runners.ts';
import { prepareOutputFile, writeOutputFile } from '../output-path.ts';
import { timelineAscii, timelineSvg, type TimelineInput } from '../../reports/timeline/index.ts';

/** The file's scenario when it is a bare format 2 scenario; undefined for anything else (read by the usual path). */
export function format2ScenarioOf(file: string): ScenarioV2 | undefined {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined; // the usual path reports it
  }
  if (json === null || typeof json !== 'object' || (json as { loopcheck?: unknown }).loopcheck !== 2) return undefined;
  try {
    return parseAnyScenario(json) as ScenarioV2;
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    const [first, ...rest] = e.problems;
    throw new ReplayFileError(
      `${file}: invalid scenario: ${first}${rest.length > 0 ? ` (and ${rest.length} more)` : ''}`,
    );
  }
}

/**
 * Replays a format 2 scenario file. `--target model|impl|both` (both: the model and the loop, event for event; for a
 * cpython scenario, the model and CPython); `--target <runtime>` (cpython, uvloop, …, ./adapter.ts): the runtime
 * and the model under the runtime's own profile when it has one (seed otherwise), outcomes compared.
 */
export async function replayFormat2(
  file: string,
  scenario: ScenarioV2,
  flags: { target?: string; json?: boolean; [flag: string]: unknown },
): Promise<void> {
  const requested = flags.target ?? 'both';
  if (requested === 'both' && scenario.profile !== 'seed')
    return replayFormat2OnRuntime(file, scenario, scenario.profile, flags);
  if (!['both', 'model', 'impl'].includes(requested)) return replayFormat2OnRuntime(file, scenario, requested, flags);
  replayFormat2OnModelAndLoop(file, scenario, flags);
}

function replayFormat2OnModelAndLoop(
  file: string,
  scenario: ScenarioV2,
  flags: { target?: string; json?: boolean; [flag: string]: unknown },
): void {
  const target = flags.target ?? 'both';
  const timelinePath = typeof flags.timeline === 'string' ? flags.timeline : undefined;
  if (timelinePath !== undefined) prepareOutputFile(timelinePath, '--timeline');
  const emitPath = typeof flags.emitTest === 'string' ? flags.emitTest : undefined;
  if (emitPath !== undefined) prepareOutputFile(emitPath, '--emit-test');
  const recordPath = typeof flags.recordExpectation === 'string' ? flags.recordExpectation : undefined;
  const recorded: string[] = [];
  if (recordPath !== undefined) {
    // the model's outcome under seed only: format 2 is modelled for seed so far (regressionProfiles, §4b)
    const record = recordExpectation(scenario as unknown as Scenario);
    writeOutputFile(recordPath, regressionText(record), '--record-expectation');
    recorded.push(`expectation recorded in ${recordPath} (the model under ${Object.keys(record.expected).join(', ')})`);
  }
  const runs: { target: string; outcome: Outcome; again: Outcome }[] = [];
  if (target !== 'impl') runs.push({ target: 'model', outcome: simulate(scenario), again: simulate(scenario) });
  if (target !== 'model') runs.push({ target: 'impl', outcome: runOnLoop(scenario), again: runOnLoop(scenario) });
  // every property that reads format 2 (properties/format2/readiness.ts; judge answers for the others), and determinism
  const violations = runs.flatMap((r) => {
    const v = judge(determinism, scenario as unknown as Scenario, r.outcome, r.again).violation;
    return [
      ...outcomeViolations(scenario as unknown as Scenario, r.outcome).map(
        ([p, m]) => `${p} fails on ${r.target}: ${m}`,
      ),
      ...(v === null ? [] : [`determinism fails on ${r.target}: ${v}`]),
    ];
  });
  const [a, b] = runs;
  const difference = b === undefined ? null : firstDifference(a!.outcome, b.outcome, a!.target, b.target);
  const ok = difference === null && violations.length === 0;
  // the timeline draws every task, awaits as arrows, timeouts' scopes and deadlines, shields (reports/timeline/format2.ts)
  const timeline: TimelineInput = {
    scenario,
    outcomes: runs.map((r) => ({ label: r.target, outcome: r.outcome })),
    title: file,
  };
  if (timelinePath !== undefined) writeOutputFile(timelinePath, timelineSvg(timeline), '--timeline');
  // the emitted test judges the differential (model ≡ loop) on impl again: it fails while they disagree
  if (emitPath !== undefined)
    writeOutputFile(
      emitPath,
      emitRegressionTest(differentialRecord(file, scenario), { testFile: emitPath }),
      '--emit-test',
    );
  if (flags.json === true) {
    const outcomes = Object.fromEntries(runs.map((r) => [r.target, r.outcome]));
    process.stdout.write(
      `${JSON.stringify({ ok, file, scenario, outcomes, agree: b === undefined ? undefined : difference === null, firstDifference: difference ?? undefined, violations, ...(recordPath === undefined ? {} : { recorded: recordPath }) }, null, 2)}\n`,
    );
  } else {
    const out: string[] = [...recorded];
    if (recorded.length > 0) out.push('');
    for (const r of runs) out.push(`== ${r.target} ==`, formatTasks(r.outcome), '');
    if (b !== undefined) {
      out.push('traces:', sideBySide(a!.outcome.trace, b.outcome.trace, [a!.target, b.target]));
      out.push(
        difference === null
          ? `${a!.target} and ${b.target} agree`
          : `${a!.target} and ${b.target} DISAGREE: ${difference}`,
      );
    }
    out.push(...violations);
    if (timelinePath !== undefined)
      out.push('', 'timeline:', timelineAscii(timeline), `timeline written to ${timelinePath}`);
    out.push(
      violations.length === 0
        ? `every property that reads format 2 holds on ${runs.map((r) => r.target).join(' and ')} (the others read format 1 trees)`
        : 'format 2: judged by determinism, the differential and the properties that read format 2',
    );
    if (emitPath !== undefined) out.push(`regression test written to ${emitPath}`);
    process.stdout.write(`${out.join('\n')}\n`);
  }
  if (!ok) setExitCode(EXIT_FAILED);
}

/** A runtime target (docs/conformance.md) on a format 2 scenario, against the model under its own profile. */
async function replayFormat2OnRuntime(
  file: string,
  scenario: ScenarioV2,
  requested: string,
  flags: { json?: boolean; [flag: string]: unknown },
): Promise<void> {
  for (const flag of ['emitTest', 'recordExpectation']) {
    if (flags[flag] !== undefined)
      throw new UsageError(
        `--${flag.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} does not take a runtime target for a format 2 scenario yet (replay on model, impl or both)`,
      );
  }
  // `model,R` names the same comparison as `R` (the model is always one side)
  const name = requested.startsWith('model,') ? requested.slice('model,'.length) : requested;
  if (name.includes(',')) throw new UsageError('a format 2 scenario replays on one runtime target at a time');
  const runner = await resolveTarget(name);
  if (runner === undefined || runner.sync)
    throw new UsageError(
      `unknown target ${JSON.stringify(name)} (use model, impl, both, a conformance target or ./adapter.ts)`,
    );
  const timelinePath = typeof flags.timeline === 'string' ? flags.timeline : undefined;
  if (timelinePath !== undefined) prepareOutputFile(timelinePath, '--timeline');
  const profile: Profile = isModelledProfile(runner.profile) ? runner.profile : 'seed';
  // The scenario as the runtime's own profile reads it: a construct that profile refuses (micropython's F2m: shield,
  // timeouts, repeated args, awaits of gathered tasks) is not a runtime's difference to report but a scenario this
  // target cannot run: one line, exit 2, as for an `unsupported` answer.
  let judged: ScenarioV2;
  try {
    judged = parseAnyScenario({ ...scenario, profile }) as ScenarioV2;
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    throw new UsageError(`${runner.name} cannot run ${file} under its profile ${profile}: ${e.problems[0]}`);
  }
  const model = simulate(judged);
  let outcome: Outcome | undefined;
  let failure: string | undefined;
  try {
    outcome = await runner.run(judged as unknown as Scenario);
  } catch (e) {
    if (e instanceof UnsupportedCase) throw new UsageError(`${runner.name} cannot run ${file}: ${e.message}`);
    failure = (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
  }
  const label = `model(${profile})`;
  const difference =
    outcome === undefined
      ? null
      : modelOutcomeDifference(judged as unknown as Scenario, model, outcome, [label, runner.name]);
  const ok = outcome !== undefined && difference === null;
  const timeline: TimelineInput = {
    scenario: judged,
    outcomes: [{ label, outcome: model }, ...(outcome ? [{ label: runner.name, outcome }] : [])],
    title: file,
  };
  if (timelinePath !== undefined) writeOutputFile(timelinePath, timelineSvg(timeline), '--timeline');
  if (flags.json === true) {
    process.stdout.write(
      `${JSON.stringify({ ok, file, scenario: judged, outcomes: { [label]: model, ...(outcome ? { [runner.name]: outcome } : {}) }, agree: outcome === undefined ? undefined : difference === null, firstDifference: difference ?? undefined, error: failure }, null, 2)}\n`,
    );
  } else {
    const out = [`== ${label} ==`, formatTasks(model), ''];
    if (outcome !== undefined) out.push(`== ${runner.name} ==`, formatTasks(outcome), '');
    out.push(
      failure !== undefined
        ? `${runner.name} did not run it: ${failure}`
        : difference === null
          ? `${label} and ${runner.name} agree (statuses, values, times, end; a runtime's trace is not compared)`
          : `${label} and ${runner.name} DISAGREE: ${difference}`,
    );
    if (timelinePath !== undefined)
      out.push('', 'timeline:', timelineAscii(timeline), `timeline written to ${timelinePath}`);
    process.stdout.write(`${out.join('\n')}\n`);
  }
  if (!ok) setExitCode(EXIT_FAILED);
}

/** What `--emit-test` writes for a bare format 2 scenario: its differential on impl, as for a format 1 scenario. */
function differentialRecord(file: string, scenario: ScenarioV2): FailureRecord {
  return {
    loopcheck: 1,
    kind: 'failure',
    property: 'differential',
    target: 'impl',
    targetSpec: 'impl',
    profile: 'seed',
    seed: 0,
    path: '',
    scenario: scenario as unknown as Scenario,
    message: `replayed from ${file}`,
    observed: null,
  };
}
