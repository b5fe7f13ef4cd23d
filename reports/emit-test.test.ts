// Tests of the emitted regression test source: imports from the right place, embeds the scenario, re-judges the recorded property on the recorded target.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { emitRegressionTest, PROJECT_ROOT } from './emit-test.ts';
import type { FailureFile } from './timeline/from-failure.ts';
import * as f from './fixtures/outcomes.ts';

const failure: FailureFile = {
  loopcheck: 1,
  kind: 'failure',
  property: 'differential',
  target: 'impl',
  profile: 'seed',
  seed: 42,
  path: '3:1',
  scenario: f.raisingScenario,
  message: 'c: expected cancelled, got returned',
  expected: f.raisingModel,
  observed: f.raisingLoop,
};

describe('emitRegressionTest', () => {
  it('imports relative to where the test is written', () => {
    const source = emitRegressionTest(failure, { testFile: join(PROJECT_ROOT, 'regressions', 'emitted', 'x.test.ts') });
    expect(source).toContain("from '../../model/index.ts'");
    expect(source).toContain("from '../../properties/index.ts'");
    const top = emitRegressionTest(failure, { testFile: join(PROJECT_ROOT, 'x.test.ts') });
    expect(top).toContain("from './model/index.ts'");
  });
  it('embeds the scenario as JSON and re-judges the recorded property on the recorded target', () => {
    const source = emitRegressionTest(failure, { testFile: join(PROJECT_ROOT, 'regressions', 'x.test.ts') });
    const json = source.slice(source.indexOf('parseScenario(') + 'parseScenario('.length, source.indexOf(');\n\nit('));
    expect(JSON.parse(json)).toEqual(f.raisingScenario);
    expect(source).toContain('rejudgeFailure({');
    expect(source).toContain('property: "differential",');
    expect(source).toContain('targetSpec: "impl",');
    expect(source).toContain('(was: c: expected cancelled, got returned)');
    expect(source).not.toContain('registerConformanceTargets');
  });

  it('a mutant needs no conformance targets; a runtime registers them and closes them after the test', () => {
    const mutant = emitRegressionTest(
      { ...failure, target: 'mutant:sequential', targetSpec: 'mutant:sequential' },
      { testFile: join(PROJECT_ROOT, 'x.test.ts') },
    );
    expect(mutant).toContain('targetSpec: "mutant:sequential",');
    expect(mutant).not.toContain('registerConformanceTargets');
    const runtime = emitRegressionTest(
      { ...failure, target: 'cpython', targetSpec: 'cpython' },
      { testFile: join(PROJECT_ROOT, 'x.test.ts') },
    );
    expect(runtime).toContain("from './conformance/register.ts'");
    expect(runtime).toContain('afterAll(closeOpenedTargets)');
  });

  it("writes an adapter's path relative to the test (absolute in the file, or relative to cwd)", () => {
    const adapter = join(PROJECT_ROOT, 'conformance', 'fixtures', 'late-end-adapter.ts');
    const testFile = join(PROJECT_ROOT, 'reports', 'out', 'x.test.ts');
    const source = emitRegressionTest({ ...failure, target: 'late-end-adapter', targetSpec: adapter }, { testFile });
    expect(source).toContain(
      `targetSpec: fileURLToPath(new URL("../../conformance/fixtures/late-end-adapter.ts", import.meta.url)),`,
    );
    const relativeSpec = emitRegressionTest(
      { ...failure, target: 'late-end-adapter', targetSpec: './fixtures/late-end-adapter.ts' },
      { testFile, cwd: join(PROJECT_ROOT, 'conformance') },
    );
    expect(relativeSpec).toContain('new URL("../../conformance/fixtures/late-end-adapter.ts", import.meta.url)');
  });

  it('a file without targetSpec is emitted for its target name', () => {
    expect(
      emitRegressionTest({ ...failure, targetSpec: undefined }, { testFile: join(PROJECT_ROOT, 'x.test.ts') }),
    ).toContain('targetSpec: "impl",');
  });
});
