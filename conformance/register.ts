// Makes the conformance targets (and adapter paths) known to `loopcheck check/replay --target`; closes what it opened.
import { registerTarget, registerTargetResolver } from '../properties/target-registry.ts';
import { runnerFromTarget, type Runner } from '../properties/runners.ts';
import type { Target } from '../properties/target.ts';
import { TARGETS, isAsyncioLoopSpec, isModuleSpec, loadTarget, targetSpecOf } from './targets/index.ts';

const opened: Target[] = [];

async function open(spec: string): Promise<Runner> {
  const target = await loadTarget(spec);
  opened.push(target);
  return { ...runnerFromTarget(target), spec: targetSpecOf(target) };
}

let registered = false;

/** Registers every conformance target by name, `./path/to/adapter.ts` and `asyncio-loop:FILE.py:Class` specs (idempotent). */
export function registerConformanceTargets(): void {
  if (registered) return;
  registered = true;
  for (const name of Object.keys(TARGETS)) registerTarget(name, `conformance target ${name}`, () => open(name));
  registerTargetResolver(async (spec) => (isModuleSpec(spec) || isAsyncioLoopSpec(spec) ? open(spec) : undefined));
}

/** Ends the processes of the targets opened through the registry. */
export async function closeOpenedTargets(): Promise<void> {
  for (const t of opened.splice(0)) await t.close?.();
}
