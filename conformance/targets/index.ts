// The conformance targets by name, and loadTarget: a registered name or a path to a user's adapter module.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Target, TargetResult } from '../../properties/target.ts';
import { createCpythonTarget } from './cpython.ts';
import { createCpythonTaskGroupTarget } from './cpython-taskgroup.ts';
import { DEFAULT_CASE_TIMEOUT_MS } from './line-process.ts';
import { createMicroPythonTarget } from './micropython.ts';
import { target as promiseAll } from './promise-all.ts';
import { target as promiseAllSettled } from './promise-allsettled.ts';
import { withFormat2Unsupported } from './format2-unsupported.ts';

export { createCpythonTarget, createPythonTarget, type PythonTargetOptions } from './cpython.ts';
export { createCpythonTaskGroupTarget } from './cpython-taskgroup.ts';
export { createMicroPythonTarget, MICROPYTHON_MAX_DELAY_MS } from './micropython.ts';
export { DEFAULT_CASE_TIMEOUT_MS } from './line-process.ts';
export { runJsScenario, FakeClock, CancelledError, type Combine } from './js-program.ts';

/** Each call makes a fresh target (the Python and MicroPython ones own a process until `close()`). */
export const TARGETS: Readonly<Record<string, () => Target>> = {
  // format 2 (docs/rules.md §4b): `unsupported` until the targets' programs learn it
  cpython: () => withFormat2Unsupported(createCpythonTarget()),
  'cpython-taskgroup': () => withFormat2Unsupported(createCpythonTaskGroupTarget()),
  micropython: () => withFormat2Unsupported(createMicroPythonTarget()),
  'promise-all': () => withFormat2Unsupported(promiseAll),
  'promise-allsettled': () => withFormat2Unsupported(promiseAllSettled),
};

export const TARGET_NAMES = Object.keys(TARGETS);

/** A target spec that names a module file rather than a registered target. */
export function isModuleSpec(spec: string): boolean {
  return /^(\.{1,2}[\\/]|[\\/])/.test(spec) || /\.(m?[jt]s|c[jt]s)$/.test(spec);
}

const specs = new WeakMap<Target, string>();

/**
 * How `loopcheck replay` loads a target again (a failure file's `targetSpec`): its registered name, or the absolute
 * path of its adapter module; a target that loadTarget did not make is known by its name.
 */
export function targetSpecOf(target: Target): string {
  return specs.get(target) ?? target.name;
}

/**
 * `cpython`, `micropython`, … or `./path/to/adapter.ts` (a module exporting a Target as `default` or `target`).
 * Throws an Error with a one-line message when the spec is unknown, the file is missing or exports no Target.
 */
export async function loadTarget(spec: string): Promise<Target> {
  if (Object.hasOwn(TARGETS, spec)) {
    // own names only: `constructor` is no target
    const named = TARGETS[spec]!();
    specs.set(named, spec);
    return named;
  }
  if (!isModuleSpec(spec)) {
    throw new Error(`unknown target "${spec}" (known: ${TARGET_NAMES.join(', ')}; or a path like ./my-adapter.ts)`);
  }
  const file = resolve(spec);
  if (!existsSync(file)) throw new Error(`target module not found: ${spec}`);
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    const first = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw new Error(`target module ${spec} failed to load: ${first}`);
  }
  const candidate = isTarget(module.default) ? module.default : isTarget(module.target) ? module.target : undefined;
  if (!candidate) {
    throw new Error(`target module ${spec} exports no Target (export default or \`target\`: { name, description, profile, run })`);
  }
  const guarded = guardTarget(candidate);
  specs.set(guarded, file);
  return guarded;
}

function isTarget(value: unknown): value is Target {
  const t = value as Partial<Target> | null;
  return typeof t === 'object' && t !== null && typeof t.name === 'string' && typeof t.run === 'function';
}

/**
 * A user's adapter, made safe to run: one scenario at a time, each under the per-case timeout, a throw or a
 * wrong-sized answer reported as a crash. (A synchronous infinite loop inside the adapter cannot be stopped
 * from the same thread; an adapter that can hang that way should run its runtime in a child process.)
 */
export function guardTarget(target: Target): Target {
  return {
    name: target.name,
    description: target.description ?? '',
    profile: target.profile ?? target.name,
    async run(scenarios, options) {
      const timeoutMs = options?.timeoutMs ?? DEFAULT_CASE_TIMEOUT_MS;
      const results: TargetResult[] = [];
      for (const scenario of scenarios) results.push(await runGuarded(target, scenario, options, timeoutMs));
      return results;
    },
    close: target.close ? () => target.close!() : undefined,
  };
}

async function runGuarded(
  target: Target,
  scenario: Parameters<Target['run']>[0][number],
  options: { timeoutMs?: number } | undefined,
  timeoutMs: number,
): Promise<TargetResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<TargetResult>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, kind: 'timeout', error: `${target.name}: no result within ${timeoutMs} ms` }),
      timeoutMs,
    );
  });
  const attempt = (async (): Promise<TargetResult> => {
    try {
      const results = await target.run([scenario], options);
      const result = results[0];
      if (results.length !== 1 || !result || typeof result.ok !== 'boolean') {
        return { ok: false, kind: 'crash', error: `${target.name}: run() must return one result per scenario` };
      }
      return result;
    } catch (error) {
      const first = (error instanceof Error ? error.message : String(error)).split('\n')[0];
      return { ok: false, kind: 'crash', error: `${target.name}: ${first}` };
    }
  })();
  try {
    return await Promise.race([attempt, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
