// The `cpython` target: scenarios run by python3's asyncio.gather under a virtual-time loop (python/loopcheck_asyncio.py).
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../../model/scenario-types.ts';
import type { Target, TargetResult } from '../../properties/target.ts';
import { LineProcess } from './line-process.ts';

export const PYTHON_RUNNER = fileURLToPath(new URL('../python/loopcheck_asyncio.py', import.meta.url));

export interface PythonTargetOptions {
  /** The interpreter (default `python3`, or $LOOPCHECK_PYTHON). */
  python?: string;
  /** Extra runner flags (loopcheck's tests use `--test-spin-on NAME` / `--test-exit-on NAME`). */
  extraArgs?: string[];
}

export function createPythonTarget(
  mode: 'gather' | 'taskgroup',
  identity: Pick<Target, 'name' | 'description' | 'profile'>,
  options: PythonTargetOptions = {},
): Target {
  const python = options.python ?? process.env.LOOPCHECK_PYTHON ?? 'python3';
  const process_ = new LineProcess(
    python,
    [PYTHON_RUNNER, '--mode', mode, ...(options.extraArgs ?? [])],
    identity.name,
  );
  return {
    ...identity,
    run(scenarios: Scenario[], runOptions?: { timeoutMs?: number }): Promise<TargetResult[]> {
      return process_.runBatch(scenarios, runOptions?.timeoutMs);
    },
    async close(): Promise<void> {
      process_.kill();
    },
  };
}

export function createCpythonTarget(options: PythonTargetOptions = {}): Target {
  return createPythonTarget(
    'gather',
    {
      name: 'cpython',
      description: 'CPython 3 asyncio.gather (python3), virtual-time event loop',
      profile: 'cpython',
    },
    options,
  );
}
