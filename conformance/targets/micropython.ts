// The `micropython` target: MicroPython 1.27's own asyncio.gather (WebAssembly, npm), run in a child process on a virtual clock.
import { fileURLToPath } from 'node:url';
import {
  isGatherChild,
  isScenarioV2,
  type AnyScenario,
  type GatherNode,
  type GatherNodeV2,
  type Scenario,
  type ScenarioV2,
  type Step,
} from '../../model/scenario-types.ts';
import { placedBodies, scenarioTaskPaths } from '../../model/scenario-paths.ts';
import type { Target, TargetResult } from '../../properties/target.ts';
import { LineProcess } from './line-process.ts';

/** In a checkout the worker is TypeScript run through tsx; installed from npm it is the compiled `.js` beside this file. */
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER = fileURLToPath(new URL(`../micropython/worker.${FROM_SOURCE ? 'ts' : 'js'}`, import.meta.url));

/**
 * MicroPython compares timer deadlines with ticks_diff on a 2^30 ms wrapping clock, so two deadlines must be
 * less than 2^29 ms apart; a scenario with a longer delay is `unsupported`.
 */
export const MICROPYTHON_MAX_DELAY_MS = 2 ** 29 - 1;

export interface MicroPythonTargetOptions {
  /** Extra worker flags (loopcheck's tests use `--test-spin-on NAME` / `--test-exit-on NAME`). */
  extraArgs?: string[];
}

export function createMicroPythonTarget(options: MicroPythonTargetOptions = {}): Target {
  const worker = new LineProcess(
    process.execPath,
    [...(FROM_SOURCE ? ['--import', 'tsx'] : []), WORKER, ...(options.extraArgs ?? [])],
    'micropython',
  );
  return {
    name: 'micropython',
    description: 'MicroPython 1.27 asyncio.gather (WebAssembly build from npm), virtual clock',
    profile: 'micropython',
    async run(scenarios: Scenario[], runOptions?: { timeoutMs?: number }): Promise<TargetResult[]> {
      const results: TargetResult[] = [];
      for (const scenario of scenarios as AnyScenario[]) {
        let longest: number;
        try {
          const missing = isScenarioV2(scenario) ? missingConstruct(scenario) : null;
          if (missing !== null) {
            results.push({ ok: false, kind: 'unsupported', error: `micropython: MicroPython 1.27 has no ${missing}` });
            continue;
          }
          longest = isScenarioV2(scenario) ? longestDelayV2(scenario) : longestDelay(scenario);
        } catch (error) {
          results.push({ ok: false, kind: 'crash', error: `micropython: not a scenario: ${String(error)}` });
          continue;
        }
        if (longest > MICROPYTHON_MAX_DELAY_MS) {
          results.push({ ok: false, kind: 'unsupported', error: `micropython: delays must stay below 2^29 ms` });
          continue;
        }
        // the worker sends the scenario as JSON; format 2 goes the same way (line-process.ts is typed for format 1)
        results.push(inScenarioOrder(await worker.runOne(scenario as Scenario, runOptions?.timeoutMs), scenario));
      }
      return results;
    },
    async close(): Promise<void> {
      worker.kill();
    },
  };
}

/**
 * Format 2 (docs/rules.md §4b): the construct MicroPython 1.27 lacks (rule F2m: no shield, no timeout scope;
 * `wait_for_ms` would run the awaitable in tasks of its own), or null.
 */
function missingConstruct(scenario: ScenarioV2): string | null {
  const inSteps = (steps: readonly Step[]): string | null => {
    for (const step of steps) {
      if (step === 'hang') continue;
      if ('shield' in step) return 'shield';
      if ('timeout' in step) return 'timeout scope';
    }
    return null;
  };
  if (scenario.timeoutMs !== undefined) return 'timeout scope';
  for (const { body } of placedBodies(scenario)) {
    if ('gather' in body && body.gather.timeoutMs !== undefined) return 'timeout scope';
    const missing = 'steps' in body ? inSteps(body.steps) : null;
    if (missing !== null) return missing;
  }
  return null;
}

/** Format 2: the longest delay anywhere (sleeps, cleanups, gatherAfter, cancels, timeouts). */
function longestDelayV2(scenario: ScenarioV2): number {
  let longest = 0;
  const note = (d: number | undefined): void => {
    if (d !== undefined && d > longest) longest = d;
  };
  const steps = (list: readonly Step[]): void => {
    for (const step of list) {
      if (step === 'hang') continue;
      if ('sleep' in step) note(step.sleep);
      if ('timeout' in step) {
        note(step.timeout);
        steps(step.steps);
      }
    }
  };
  for (const c of scenario.cancels) note(c.at);
  const node = (n: GatherNodeV2): void => {
    note(n.gatherAfter);
    note(n.timeoutMs);
  };
  node(scenario);
  for (const { body } of placedBodies(scenario)) {
    if (body.onCancel && typeof body.onCancel === 'object' && 'cleanupMs' in body.onCancel)
      note(body.onCancel.cleanupMs);
    if ('gather' in body) node(body.gather);
    else if ('steps' in body) steps(body.steps);
    else for (const d of body.sleeps) note(d);
  }
  return longest;
}

function longestDelay(scenario: Scenario): number {
  // a running maximum: no spread of the sleeps into a call (a child may have 200,000 of them)
  let longest = 0;
  const note = (d: number): void => {
    if (d > longest) longest = d;
  };
  for (const c of scenario.cancels) note(c.at);
  const walk = (node: GatherNode): void => {
    if (node.gatherAfter !== undefined) note(node.gatherAfter);
    for (const child of node.children) {
      if (child.onCancel && typeof child.onCancel === 'object' && 'cleanupMs' in child.onCancel) {
        note(child.onCancel.cleanupMs);
      }
      if (isGatherChild(child)) walk(child.gather);
      else for (const d of child.sleeps) note(d);
    }
  };
  walk(scenario);
  return longest;
}

/** MicroPython's dicts do not keep insertion order: put `children` back in scenario order. */
function inScenarioOrder(result: TargetResult, scenario: AnyScenario): TargetResult {
  if (!result.ok) return result;
  const paths = scenarioTaskPaths(scenario); // depth first; format 2's created tasks right after their creator
  const got = result.outcome.children;
  // own keys only, and defined as entries: a child named `constructor` or `__proto__` is data, not Object.prototype's
  const children: typeof got = Object.fromEntries(
    paths.filter((path) => Object.hasOwn(got, path)).map((path) => [path, got[path]!]),
  );
  return { ok: true, outcome: { ...result.outcome, children } };
}
