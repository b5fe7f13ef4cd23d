// `asyncio-loop:FILE.py:Class`: CPython's asyncio.gather on a user's own loop class (python/loopcheck_asyncio_loop.py).
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Target } from '../../properties/target.ts';
import { createPythonRuntimeTarget, runtimePython } from './python-runtime.ts';

export const ASYNCIO_LOOP_PREFIX = 'asyncio-loop:';

/** `asyncio-loop:FILE.py:Class` or `asyncio-loop:package.module:Class`. */
export function isAsyncioLoopSpec(spec: string): boolean {
  return spec.startsWith(ASYNCIO_LOOP_PREFIX);
}

/** Where the class is (a file, made absolute, or a dotted module) and its name; a one-line Error when malformed. */
export function parseAsyncioLoopSpec(spec: string): { where: string; className: string; isFile: boolean } {
  const rest = spec.slice(ASYNCIO_LOOP_PREFIX.length);
  const colon = rest.lastIndexOf(':');
  const where = colon < 0 ? '' : rest.slice(0, colon);
  const className = colon < 0 ? '' : rest.slice(colon + 1);
  if (where === '' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(className))
    throw new Error(
      `malformed target "${spec}": use asyncio-loop:FILE.py:ClassName or asyncio-loop:package.module:ClassName`,
    );
  const isFile = where.endsWith('.py') || where.includes('/') || where.includes('\\');
  if (!isFile && !/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(where))
    throw new Error(`malformed target "${spec}": "${where}" is neither a .py file nor a dotted module name`);
  return { where: isFile ? resolve(where) : where, className, isFile };
}

const RUNNER = fileURLToPath(new URL('../python/loopcheck_asyncio_loop.py', import.meta.url));

/**
 * The target of an `asyncio-loop:` spec, named by the spec and judged against the cpython profile (the user's loop
 * should behave as CPython's). The class is loaded once first (`--probe`): a missing file, a missing class, a class
 * that is no event loop or a module that fails to import throws an Error with one line (the Python exception's last).
 */
export function createAsyncioLoopTarget(spec: string): Target {
  const { where, className } = parseAsyncioLoopSpec(spec);
  const python = runtimePython();
  const args = ['--loop', where, '--class', className];
  const probe = spawnSync(python, [RUNNER, ...args, '--probe'], { encoding: 'utf8', timeout: 60_000 });
  if (probe.error !== undefined) throw new Error(`${spec}: ${python}: ${probe.error.message}`);
  if (probe.status !== 0) {
    const last = probe.stderr.trim().split('\n').pop() ?? '';
    throw new Error(`${spec}: ${last === '' ? `the class did not load (exit ${probe.status})` : last}`);
  }
  return createPythonRuntimeTarget({
    identity: {
      name: spec,
      description: `CPython asyncio.gather on ${className} (${where}), future timers on a virtual clock`,
      profile: 'cpython',
    },
    script: 'loopcheck_asyncio_loop.py',
    args,
    module: 'asyncio',
  });
}

/** The spec `loopcheck replay` loads again: the file made absolute, so a failure file replays from any directory. */
export function asyncioLoopSpecOf(spec: string): string {
  const { where, className } = parseAsyncioLoopSpec(spec);
  return `${ASYNCIO_LOOP_PREFIX}${where}:${className}`;
}
