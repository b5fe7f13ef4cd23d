// Turns a saved failure file into the source of a standalone vitest regression test (`replay --emit-test PATH`).
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FailureFile } from './timeline/from-failure.ts';

/** The project root (the folder holding model/, properties/, reports/). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Installed from npm only the compiled package ships: the emitted test imports it by name ('loopcheck'). */
const FROM_SOURCE = import.meta.url.endsWith('.ts');

export interface EmitTestOptions {
  /** Where the test will be written: imports are made relative to it. */
  testFile: string;
  /** Defaults to this checkout's root. */
  projectRoot?: string;
}

function importPath(fromFile: string, target: string): string {
  let path = relative(dirname(resolve(fromFile)), target).split(sep).join('/');
  if (!path.startsWith('.')) path = `./${path}`;
  return path;
}

function literal(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

/** Test source that replays the failure's scenario and asserts its property holds on its target again. */
export function emitRegressionTest(failure: FailureFile, options: EmitTestOptions): string {
  const root = options.projectRoot ?? PROJECT_ROOT;
  const byPath = FROM_SOURCE || options.projectRoot !== undefined;
  const model = byPath ? importPath(options.testFile, resolve(root, 'model', 'index.ts')) : 'loopcheck';
  const properties = byPath ? importPath(options.testFile, resolve(root, 'properties', 'index.ts')) : 'loopcheck';
  const origin = `${failure.property} on ${failure.target} (profile ${failure.profile}, seed ${failure.seed}, path ${JSON.stringify(failure.path)})`;
  const message = (failure.message ?? '').split('\n')[0]!;
  const title = `${failure.property} holds on ${failure.target}${message === '' ? '' : ` (was: ${message.slice(0, 120)})`}`;
  return `// Regression test emitted by \`loopcheck replay --emit-test\` from a failure of ${origin}.
import { expect, it } from 'vitest';
import { parseScenario } from '${model}';
import { BUILTIN_RUNNERS, evaluateSync, findProperty, modelRunner } from '${properties}';

const scenario = parseScenario(${literal(failure.scenario)});

it(${JSON.stringify(title)}, () => {
  const property = findProperty(${JSON.stringify(failure.property)});
  if (property === undefined) throw new Error(${JSON.stringify(`no property named ${failure.property}`)});
  const runner = BUILTIN_RUNNERS.get(${JSON.stringify(failure.target)});
  if (runner === undefined) throw new Error(${JSON.stringify(`target ${failure.target} is not a built-in target (model, impl)`)});
  const evaluation = evaluateSync(property, scenario, runner, modelRunner);
  expect(evaluation.violation).toBeNull();
});
`;
}
