// The conformance targets by name, and loadTarget: a registered name or a path to a user's adapter module.
import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Target } from '../../properties/target.ts';
import type { Format2Options } from '../../properties/arbitraries/index.ts';
import { loadIsolatedTarget } from '../isolation/index.ts';
import { createCpythonTarget } from './cpython.ts';
import { createCpythonTaskGroupTarget } from './cpython-taskgroup.ts';
import { createMicroPythonTarget } from './micropython.ts';
import { target as promiseAll } from './promise-all.ts';
import { target as promiseAllSettled } from './promise-allsettled.ts';
import { createUvloopTarget } from './uvloop.ts';
import { createTrioTarget } from './trio.ts';
import { createAnyioTarget } from './anyio.ts';
import { target as effection } from './effection.ts';
import { withFormat2Unsupported } from './format2-unsupported.ts';
import { asyncioLoopSpecOf, createAsyncioLoopTarget, isAsyncioLoopSpec } from './asyncio-loop.ts';

export { createCpythonTarget, createPythonTarget, type PythonTargetOptions } from './cpython.ts';
export { createCpythonTaskGroupTarget } from './cpython-taskgroup.ts';
export { createMicroPythonTarget, MICROPYTHON_MAX_DELAY_MS } from './micropython.ts';
export { DEFAULT_CASE_TIMEOUT_MS } from './line-process.ts';
export { createUvloopTarget } from './uvloop.ts';
export { createTrioTarget } from './trio.ts';
export { createAnyioTarget } from './anyio.ts';
export { createAsyncioLoopTarget, isAsyncioLoopSpec, parseAsyncioLoopSpec } from './asyncio-loop.ts';
export { runtimePython, missingModule } from './python-runtime.ts';
export { runJsScenario, CancelledError, type Combine, type ChildHandle, type CombineOptions } from './js-program.ts';

/** Each call makes a fresh target (the Python and MicroPython ones own a process until `close()`). */
export const TARGETS: Readonly<Record<string, () => Target>> = {
  // format 2 (docs/rules.md §4b): `unsupported` until the targets' programs learn it (cpython and uvloop run it)
  cpython: () => createCpythonTarget(),
  'cpython-taskgroup': () => withFormat2Unsupported(createCpythonTaskGroupTarget()),
  micropython: () => createMicroPythonTarget(), // runs format 2 itself (its own profile, docs/rules.md §7)
  'promise-all': () => withFormat2Unsupported(promiseAll),
  'promise-allsettled': () => withFormat2Unsupported(promiseAllSettled),
  uvloop: () => createUvloopTarget(),
  trio: () => withFormat2Unsupported(createTrioTarget()),
  anyio: () => withFormat2Unsupported(createAnyioTarget()),
  effection: () => withFormat2Unsupported(effection),
};

export const TARGET_NAMES = Object.keys(TARGETS);

/**
 * The registered targets whose programs run format 2 (docs/rules.md §4b), with what their format 2 draws leave out:
 * conformance draws check's mix of format 1 and 2 for them by default (conformance/run-conformance.ts), format 1 for
 * the others. uvloop refuses a shutdown; micropython runs what its profile reads (F2m), in its seed column too.
 */
export const FORMAT2_TARGETS: Readonly<Record<string, Format2Options>> = {
  cpython: {},
  uvloop: { shutdown: false },
  micropython: { constructs: 'micropython' },
};

/**
 * What a target's format 2 draws leave out (FORMAT2_TARGETS), by its spec (targetSpecOf); undefined when it runs
 * format 1 only. A user's asyncio loop (`asyncio-loop:…`) runs format 2 as cpython does; a class that is no
 * asyncio.BaseEventLoop answers a shutdown `unsupported` (python/loopcheck_asyncio_loop.py).
 */
export function format2OptionsOf(spec: string): Format2Options | undefined {
  if (isAsyncioLoopSpec(spec)) return {};
  return Object.hasOwn(FORMAT2_TARGETS, spec) ? FORMAT2_TARGETS[spec] : undefined;
}

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
 * `cpython`, `micropython`, …, `asyncio-loop:FILE.py:Class` (a user's asyncio loop class, asyncio-loop.ts) or
 * `./path/to/adapter.ts` (a module exporting a Target as `default` or `target`). An adapter runs in its own process
 * (conformance/isolation/): a hang, a crash or a malformed outcome is a case's crash, and its output goes to
 * `<logDir>/<file name>.log` (default reports/out/adapters/), never to loopcheck's. Throws an Error with a one-line
 * message when the spec is unknown or malformed, the file is missing, exports no Target, or holds no usable loop class.
 */
export async function loadTarget(spec: string, options: { logDir?: string } = {}): Promise<Target> {
  if (Object.hasOwn(TARGETS, spec)) {
    // own names only: `constructor` is no target
    const named = TARGETS[spec]!();
    specs.set(named, spec);
    return named;
  }
  if (isAsyncioLoopSpec(spec)) {
    const loop = createAsyncioLoopTarget(spec);
    specs.set(loop, asyncioLoopSpecOf(spec));
    return loop;
  }
  if (!isModuleSpec(spec)) {
    throw new Error(
      `unknown target "${spec}" (known: ${TARGET_NAMES.join(', ')}; or a path like ./my-adapter.ts, or asyncio-loop:FILE.py:Class)`,
    );
  }
  const file = resolve(spec);
  if (!existsSync(file)) throw new Error(`target module not found: ${spec}`);
  const logFile = join(
    options.logDir ?? join('reports', 'out', 'adapters'),
    `${basename(file).replace(/\.[^.]*$/, '')}.log`,
  );
  const isolated = await loadIsolatedTarget(file, spec, logFile);
  specs.set(isolated, file);
  return isolated;
}
