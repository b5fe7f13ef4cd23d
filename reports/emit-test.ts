// Turns a saved failure file into the source of a standalone vitest regression test (`replay --emit-test PATH`).
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILTIN_RUNNERS } from '../properties/runners.ts';
import type { FailureFile } from './timeline/from-failure.ts';

/** The project root (the folder holding model/, properties/, reports/). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Installed from npm only the compiled package ships: the emitted test imports it by name ('loopcheck'). */
const FROM_SOURCE = import.meta.url.endsWith('.ts');

export interface EmitTestOptions {
  /** Where the test will be written: imports (and an adapter's path) are made relative to it. */
  testFile: string;
  /** Defaults to this checkout's root. */
  projectRoot?: string;
  /** What a relative adapter path in the failure file is relative to (default the working directory). */
  cwd?: string;
}

function importPath(fromFile: string, target: string): string {
  let path = relative(dirname(resolve(fromFile)), target)
    .split(sep)
    .join('/');
  if (!path.startsWith('.')) path = `./${path}`;
  return path;
}

function literal(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

/** A target spec that is a module path (a user adapter) rather than a name. */
function isPathSpec(spec: string): boolean {
  return /[\\/]/.test(spec) || /\.(m?[jt]s|c[jt]s)$/.test(spec);
}

/** Needs the conformance targets registered: anything but model, impl and the loop's mutants. */
function needsConformance(spec: string): boolean {
  return !BUILTIN_RUNNERS.has(spec) && !spec.startsWith('mutant:');
}

/**
 * Test source that judges the failure's property on its recorded target again (`rejudgeFailure`, as
 * `loopcheck replay FILE` does): it fails while the bug is there and passes once it is fixed. An adapter's path
 * is written relative to the test, so the test keeps working when its folder and the adapter move together.
 */
export function emitRegressionTest(failure: FailureFile, options: EmitTestOptions): string {
  const root = options.projectRoot ?? PROJECT_ROOT;
  const byPath = FROM_SOURCE || options.projectRoot !== undefined;
  const model = byPath ? importPath(options.testFile, resolve(root, 'model', 'index.ts')) : 'loopcheck';
  const properties = byPath ? importPath(options.testFile, resolve(root, 'properties', 'index.ts')) : 'loopcheck';
  const register = byPath ? importPath(options.testFile, resolve(root, 'conformance', 'register.ts')) : 'loopcheck';
  const spec = failure.targetSpec ?? failure.target;
  const origin = `${failure.property} on ${failure.target} (profile ${failure.profile}, seed ${failure.seed}, path ${JSON.stringify(failure.path)})`;
  const message = (failure.message ?? '').split('\n')[0]!;
  const title = `${failure.property} holds on ${failure.target}${message === '' ? '' : ` (was: ${message.slice(0, 120)})`}`;
  const conformance = needsConformance(spec);
  const adapter = isPathSpec(spec);
  const specExpression = adapter
    ? `fileURLToPath(new URL(${JSON.stringify(importPath(options.testFile, isAbsolute(spec) ? spec : resolve(options.cwd ?? process.cwd(), spec)))}, import.meta.url))`
    : JSON.stringify(spec);
  // a format 2 scenario (docs/rules.md §4b, drawn by check under seed) is read by parseAnyScenario
  const parse = (failure.scenario as { loopcheck: number }).loopcheck === 2 ? 'parseAnyScenario' : 'parseScenario';
  const lines = [
    `// Regression test emitted by \`loopcheck replay --emit-test\` from a failure of ${origin}.`,
    `// It judges ${failure.property} on ${failure.target} again: it fails while the bug is there, passes once it is fixed.`,
    `import { ${conformance ? 'afterAll, ' : ''}expect, it } from 'vitest';`,
    ...(adapter ? [`import { fileURLToPath } from 'node:url';`] : []),
    `import { ${parse} } from '${model}';`,
    `import { rejudgeFailure } from '${properties}';`,
    ...(conformance
      ? [
          `import { closeOpenedTargets, registerConformanceTargets } from '${register}';`,
          '',
          'registerConformanceTargets();',
          'afterAll(closeOpenedTargets);',
        ]
      : []),
    '',
    `const scenario = ${parse}(${literal(failure.scenario)});`,
    '',
    `it(${JSON.stringify(title)}, async () => {`,
    '  const { evaluation } = await rejudgeFailure({',
    `    property: ${JSON.stringify(failure.property)},`,
    `    target: ${JSON.stringify(failure.target)},`,
    `    targetSpec: ${specExpression},`,
    `    profile: ${JSON.stringify(failure.profile)},`,
    '    scenario,',
    '  });',
    '  expect(evaluation.violation).toBeNull();',
    `}${conformance ? ', 60_000' : ''});`,
    '',
  ];
  return lines.join('\n');
}
