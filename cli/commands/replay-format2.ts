// `loopcheck replay FILE` for a format 2 scenario file (docs/rules.md §4b): the model and the loop, compared event for
// event; the properties that can read format 2 (properties/format2/readiness.ts) judged on both. `--target R` or
// `--target model,R` with a runtime target R: the model under the file's profile and R, outcomes compared (TIE).
import { readFileSync } from 'node:fs';
import { parseAnyScenario } from '../../model/scenario.ts';
import { simulate } from '../../model/simulate.ts';
import type { Outcome } from '../../model/outcome.ts';
import type { Scenario, ScenarioV2 } from '../../model/scenario-types.ts';
import { ScenarioError } from '../../model/scenario-checker.ts';
import { runOnLoop } from '../../properties/run-on-loop.ts';
import { firstDifference } from '../../properties/format/first-difference.ts';
import { formatTasks } from '../../properties/format/outcome-text.ts';
import { sideBySide } from '../../properties/format/side-by-side.ts';
import { ReplayFileError } from '../../properties/failure-file.ts';
import { determinism } from '../../properties/rules/determinism.ts';
import { judge } from '../../properties/evaluate.ts';
import { EXIT_FAILED, UsageError, setExitCode } from '../errors.ts';
import { prepareOutputFile, writeOutputFile } from '../output-path.ts';
import { timelineAscii, timelineSvg, type TimelineInput } from '../../reports/timeline/index.ts';
import { TARGET_NAMES, loadTarget } from '../../conformance/targets/index.ts';
import { modelOutcomeDifference } from '../../properties/lib/profile-rules.ts';

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

export async function replayFormat2(
  file: string,
  scenario: ScenarioV2,
  flags: { target?: string; json?: boolean; [flag: string]: unknown },
): Promise<void> {
  for (const flag of ['emitTest', 'recordExpectation']) {
    if (flags[flag] !== undefined)
      throw new UsageError(
        `--${flag.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} does not take a format 2 scenario yet`,
      );
  }
  const target = flags.target ?? 'both';
  const runtime = runtimeOf(target);
  if (runtime !== undefined) return replayOnRuntime(file, scenario, runtime, flags.json === true);
  if (!['both', 'model', 'impl'].includes(target))
    throw new UsageError(
      `a format 2 scenario replays on model, impl, both, or a runtime target R as R or model,R (got ${JSON.stringify(target)})`,
    );
  const timelinePath = typeof flags.timeline === 'string' ? flags.timeline : undefined;
  if (timelinePath !== undefined) prepareOutputFile(timelinePath, '--timeline');
  const runs: { target: string; outcome: Outcome; again: Outcome }[] = [];
  if (target !== 'impl') runs.push({ target: 'model', outcome: simulate(scenario), again: simulate(scenario) });
  if (target !== 'model') runs.push({ target: 'impl', outcome: runOnLoop(scenario), again: runOnLoop(scenario) });
  const violations = runs.flatMap((r) => {
    const v = judge(determinism, scenario as unknown as Scenario, r.outcome, r.again).violation;
    return v === null ? [] : [`determinism fails on ${r.target}: ${v}`];
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
  if (flags.json === true) {
    const outcomes = Object.fromEntries(runs.map((r) => [r.target, r.outcome]));
    process.stdout.write(
      `${JSON.stringify({ ok, file, scenario, outcomes, agree: b === undefined ? undefined : difference === null, firstDifference: difference ?? undefined, violations }, null, 2)}\n`,
    );
  } else {
    const out: string[] = [];
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
      'format 2: only determinism and the differential judge it so far (the other properties read format 1 trees)',
    );
    process.stdout.write(`${out.join('\n')}\n`);
  }
  if (!ok) setExitCode(EXIT_FAILED);
}

/** `R` or `model,R` with R a registered runtime target (docs/conformance.md), else undefined. */
function runtimeOf(target: string): string | undefined {
  const parts = target.split(',').map((p) => p.trim());
  const name = parts.length === 2 && parts[0] === 'model' ? parts[1]! : parts.length === 1 ? parts[0]! : '';
  return TARGET_NAMES.includes(name) ? name : undefined;
}

/** The model under the file's profile and a runtime target: outcomes compared (statuses, values, `at`, `end`; TIE). */
async function replayOnRuntime(file: string, scenario: ScenarioV2, name: string, json: boolean): Promise<void> {
  const model = simulate(scenario);
  const target = await loadTarget(name);
  let result: Awaited<ReturnType<typeof target.run>>[number] | undefined;
  try {
    [result] = await target.run([scenario as unknown as Scenario]);
  } finally {
    await target.close?.();
  }
  const difference = result?.ok
    ? modelOutcomeDifference(scenario as unknown as Scenario, model, result.outcome, [
        `model(${scenario.profile})`,
        name,
      ])
    : null;
  const ok = result?.ok === true && difference === null;
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ ok, file, scenario, outcomes: { model, [name]: result?.ok ? result.outcome : result }, firstDifference: difference ?? undefined }, null, 2)}\n`,
    );
  } else {
    const out = [`== model (${scenario.profile}) ==`, formatTasks(model), '', `== ${name} ==`];
    if (result?.ok) out.push(formatTasks(result.outcome), '');
    else out.push(`${result?.kind ?? 'crash'}: ${result?.error ?? 'no result'}`, '');
    if (result?.ok)
      out.push(
        difference === null
          ? `${name}'s outcome is one the model allows under profile ${scenario.profile} (traces not compared)`
          : `${name} DIFFERS from the model under profile ${scenario.profile}: ${difference}`,
      );
    process.stdout.write(`${out.join('\n')}\n`);
  }
  if (!ok) setExitCode(EXIT_FAILED);
}
