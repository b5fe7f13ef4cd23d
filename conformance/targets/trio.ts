// The `trio` target: a trio nursery in place of gather (structured: a failure cancels the siblings), virtual clock.
import type { Target } from '../../properties/target.ts';
import { createPythonRuntimeTarget } from './python-runtime.ts';

export function createTrioTarget(): Target {
  return createPythonRuntimeTarget({
    identity: {
      name: 'trio',
      description: 'a trio nursery in place of gather (python/loopcheck_structured.py), virtual clock',
      profile: 'trio',
    },
    script: 'loopcheck_structured.py',
    args: ['--lib', 'trio'],
    module: 'trio',
  });
}
