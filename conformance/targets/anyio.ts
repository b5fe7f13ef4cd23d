// The `anyio` target: an anyio task group on asyncio in place of gather, on the cpython target's virtual-time loop.
import type { Target } from '../../properties/target.ts';
import { createPythonRuntimeTarget } from './python-runtime.ts';

export function createAnyioTarget(): Target {
  return createPythonRuntimeTarget({
    identity: {
      name: 'anyio',
      description:
        'an anyio task group on asyncio in place of gather (python/loopcheck_structured.py), virtual-time loop',
      profile: 'anyio',
    },
    script: 'loopcheck_structured.py',
    args: ['--lib', 'anyio'],
    module: 'anyio',
  });
}
