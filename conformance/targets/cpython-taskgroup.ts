// The `cpython-taskgroup` target: asyncio.TaskGroup in place of gather (return_exceptions scenarios: unsupported).
import type { Target } from '../../properties/target.ts';
import { createPythonTarget, type PythonTargetOptions } from './cpython.ts';

export function createCpythonTaskGroupTarget(options: PythonTargetOptions = {}): Target {
  return createPythonTarget(
    'taskgroup',
    {
      name: 'cpython-taskgroup',
      description: 'CPython 3.11+ asyncio.TaskGroup in place of gather (python3), virtual-time event loop',
      profile: 'cpython-taskgroup',
    },
    options,
  );
}
