// The `uvloop` target: CPython's asyncio.gather on uvloop's libuv loop, virtual time for future timers (python/loopcheck_uvloop.py).
import type { Target } from '../../properties/target.ts';
import { createPythonRuntimeTarget } from './python-runtime.ts';

export function createUvloopTarget(): Target {
  return createPythonRuntimeTarget({
    identity: {
      name: 'uvloop',
      description: 'CPython asyncio.gather on uvloop (libuv), future timers on a virtual clock',
      profile: 'cpython', // measured: uvloop passes CPython's profile (docs/conformance.md)
    },
    script: 'loopcheck_uvloop.py',
    args: [],
    module: 'uvloop',
  });
}
