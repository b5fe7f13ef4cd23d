// Targets by command-line name: model and impl built in, mutants as `mutant:<name>`, others registered by their folders.
import type { Runner } from './runners.ts';
import { BUILTIN_RUNNERS } from './runners.ts';

type RunnerFactory = () => Runner | Promise<Runner>;

const registered = new Map<string, { description: string; create: RunnerFactory }>();

/** Makes a target available to `loopcheck check --target NAME` and `replay --target NAME` (e.g. conformance's cpython). */
export function registerTarget(name: string, description: string, create: RunnerFactory): void {
  registered.set(name, { description, create });
}

type RunnerResolver = (spec: string) => Promise<Runner | undefined>;
const resolvers: RunnerResolver[] = [];

/** Lets a folder resolve specs that are not names (conformance: a path to a user's adapter module). */
export function registerTargetResolver(resolver: RunnerResolver): void {
  resolvers.push(resolver);
}

type TargetLoader = () => Promise<void>;
const loaders: TargetLoader[] = [];

/**
 * Defers a folder's registrations until a name other than model or impl is looked up (the command line registers
 * the conformance targets so: `loopcheck replay` of a model/impl scenario need not load every target's module).
 */
export function registerTargetLoader(load: TargetLoader): void {
  loaders.push(load);
}

async function runLoaders(): Promise<void> {
  for (const load of loaders.splice(0)) await load();
}

/** Names the command line accepts, with a description each. */
export async function knownTargets(): Promise<Array<{ name: string; description: string }>> {
  await runLoaders();
  const { ALL_MUTANTS } = await import('./mutants/index.ts');
  return [
    { name: 'model', description: 'the xstate model (model/)' },
    { name: 'impl', description: 'the production loop (impl/)' },
    ...[...registered].map(([name, r]) => ({ name, description: r.description })),
    ...ALL_MUTANTS.map((m) => ({
      name: `mutant:${m.name}`,
      description: `the loop with a broken gather: ${m.description}`,
    })),
  ];
}

/** The runner for a target name, or undefined when the name is unknown. */
export async function resolveRunner(name: string): Promise<Runner | undefined> {
  const builtin = BUILTIN_RUNNERS.get(name);
  if (builtin !== undefined) return builtin;
  await runLoaders();
  const r = registered.get(name);
  if (r !== undefined) return await r.create();
  if (name.startsWith('mutant:')) {
    const { ALL_MUTANTS, mutantRunner } = await import('./mutants/index.ts');
    const m = ALL_MUTANTS.find((x) => x.name === name.slice('mutant:'.length));
    return m === undefined ? undefined : mutantRunner(m);
  }
  for (const resolve of resolvers) {
    const runner = await resolve(name);
    if (runner !== undefined) return runner;
  }
  return undefined;
}
