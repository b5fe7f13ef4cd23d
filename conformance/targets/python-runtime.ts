// Python runtimes installed by `npm run setup:python` (.venv): which interpreter, and whether a runtime's module imports.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../../model/scenario-types.ts';
import type { Target, TargetResult } from '../../properties/target.ts';
import { LineProcess } from './line-process.ts';

/** The checkout's .venv (npm run setup:python); installed as a package, the current directory's. */
const VENV_PYTHONS = [fileURLToPath(new URL('../../.venv/bin/python', import.meta.url)), resolve('.venv/bin/python')];

/** $LOOPCHECK_PYTHON, else a .venv made by npm run setup:python, else `python3`. */
export function runtimePython(): string {
  return process.env.LOOPCHECK_PYTHON ?? VENV_PYTHONS.find((file) => existsSync(file)) ?? 'python3';
}

const probes = new Map<string, string | undefined>();

/** Why `module` cannot be imported by `python` (one line), or undefined when it can; asked once per process. */
export function missingModule(python: string, module: string): string | undefined {
  const key = `${python}\0${module}`;
  if (!probes.has(key)) {
    const r = spawnSync(python, ['-c', `import ${module}`], { encoding: 'utf8', timeout: 30_000 });
    const why = r.error
      ? `${python}: ${r.error.message}`
      : r.status !== 0
        ? (r.stderr.trim().split('\n').pop() ?? `exit ${r.status}`)
        : undefined;
    probes.set(key, why === undefined ? undefined : `${module} is not available (${why}); run npm run setup:python`);
  }
  return probes.get(key);
}

export interface PythonRuntimeTarget {
  identity: Pick<Target, 'name' | 'description' | 'profile'>;
  /** The runner file in conformance/python/. */
  script: string;
  args: string[];
  /** The module that must import (`uvloop`, `trio`, `anyio`). */
  module: string;
}

/** A target run by a Python runner in a long-lived process; skipped (`unavailable`) when its module is missing. */
export function createPythonRuntimeTarget(spec: PythonRuntimeTarget): Target {
  const python = runtimePython();
  const file = fileURLToPath(new URL(`../python/${spec.script}`, import.meta.url));
  const process_ = new LineProcess(python, [file, ...spec.args], spec.identity.name);
  return {
    ...spec.identity,
    async unavailable() {
      return missingModule(python, spec.module);
    },
    async run(scenarios: Scenario[], options?: { timeoutMs?: number }): Promise<TargetResult[]> {
      const missing = missingModule(python, spec.module);
      if (missing !== undefined) return scenarios.map(() => ({ ok: false, kind: 'unsupported', error: missing }));
      return process_.runBatch(scenarios, options?.timeoutMs);
    },
    async close() {
      process_.kill();
    },
  };
}
