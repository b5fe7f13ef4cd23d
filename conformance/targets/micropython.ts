// The `micropython` target: MicroPython 1.27's own asyncio.gather (WebAssembly, npm), run in a child process on a virtual clock.
import { fileURLToPath } from 'node:url';
import { isGatherChild, type GatherNode, type Scenario } from '../../model/scenario-types.ts';
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
      for (const scenario of scenarios) {
        let longest: number;
        try {
          longest = longestDelay(scenario);
        } catch (error) {
          results.push({ ok: false, kind: 'crash', error: `micropython: not a scenario: ${String(error)}` });
          continue;
        }
        if (longest > MICROPYTHON_MAX_DELAY_MS) {
          results.push({ ok: false, kind: 'unsupported', error: `micropython: delays must stay below 2^29 ms` });
          continue;
        }
        results.push(inScenarioOrder(await worker.runOne(scenario, runOptions?.timeoutMs), scenario));
      }
      return results;
    },
    async close(): Promise<void> {
      worker.kill();
    },
  };
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
function inScenarioOrder(result: TargetResult, scenario: Scenario): TargetResult {
  if (!result.ok) return result;
  const paths: string[] = [];
  const walk = (node: GatherNode, prefix: string): void => {
    for (const child of node.children) {
      const path = prefix + child.name;
      paths.push(path);
      if (isGatherChild(child)) walk(child.gather, `${path}/`);
    }
  };
  walk(scenario, '');
  const got = result.outcome.children;
  // own keys only, and defined as entries: a child named `constructor` or `__proto__` is data, not Object.prototype's
  const children: typeof got = Object.fromEntries(
    paths.filter((path) => Object.hasOwn(got, path)).map((path) => [path, got[path]!]),
  );
  return { ok: true, outcome: { ...result.outcome, children } };
}
