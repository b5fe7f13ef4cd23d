// Tests of the emitted regression test source: it imports from the right place, embeds the scenario, checks the property.
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
  it('embeds the scenario as JSON and names the property and target', () => {
    const source = emitRegressionTest(failure, { testFile: join(PROJECT_ROOT, 'regressions', 'x.test.ts') });
    const json = source.slice(source.indexOf('parseScenario(') + 'parseScenario('.length, source.indexOf(');\n\nit('));
    expect(JSON.parse(json)).toEqual(f.raisingScenario);
    expect(source).toContain('findProperty("differential")');
    expect(source).toContain('BUILTIN_RUNNERS.get("impl")');
    expect(source).toContain('(was: c: expected cancelled, got returned)');
  });
});
