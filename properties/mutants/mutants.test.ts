// The mutant zoo is caught: each mutant by some property (besides the differential), each property catches some mutant,
// the real loop passes every property, and the counterexamples shrink to at most 3 children.
import { describe, expect, it } from 'vitest';
import { MUTANTS, runMatrix, cell, mutantRunner } from './index.ts';
import { Task } from '../../impl/index.ts';
import { runOnLoop } from '../run-on-loop.ts';
import type { Scenario } from '../../model/scenario-types.ts';
import { propertiesFor } from '../rules/index.ts';
import { locateViolation } from '../../reports/timeline/violation-mark.ts';
import type { Outcome } from '../../model/outcome.ts';

const PROPERTIES = propertiesFor('seed');
import { envRuns, envSeed, TEST_SEED } from '../config.ts';
import type { GatherNode } from '../../model/scenario-types.ts';
import { isGatherChild } from '../../model/scenario-types.ts';

const matrix = runMatrix(MUTANTS, { runs: envRuns(), seed: envSeed() ?? TEST_SEED });
const countChildren = (n: GatherNode): number => n.children.reduce((a, c) => a + 1 + (isGatherChild(c) ? countChildren(c.gather) : 0), 0);

describe('mutant zoo', () => {
  it('has at least 8 mutants with distinct names', () => {
    expect(MUTANTS.length).toBeGreaterThanOrEqual(8);
    expect(new Set(MUTANTS.map((m) => m.name)).size).toBe(MUTANTS.length);
  });

  it('the real loop passes every property', () => {
    const failures = matrix.cells.filter((c) => c.subject === 'impl' && c.caught).map((c) => `${c.property}: ${c.result.failure?.message}`);
    expect(failures).toEqual([]);
  });

  for (const m of MUTANTS) {
    it(`${m.name} is caught by a property other than the differential, and by the differential`, () => {
      const catchers = PROPERTIES.filter((p) => p.kind !== 'differential' && cell(matrix, m.name, p.name)?.caught);
      expect(catchers.map((p) => p.name)).not.toEqual([]);
      expect(cell(matrix, m.name, 'differential')?.caught).toBe(true);
    });

    it(`${m.name}: some counterexample shrinks to at most 3 children`, () => {
      const sizes = matrix.cells.filter((c) => c.subject === m.name && c.caught).map((c) => countChildren(c.result.failure!.scenario));
      expect(Math.min(...sizes)).toBeLessThanOrEqual(3);
    });
  }

  it('a mutant that patches the loop changes it for its own runs only', () => {
    const original = Task.prototype.cancel;
    const scenario: Scenario = {
      loopcheck: 1, profile: 'seed', returnExceptions: false,
      children: [{ name: 'a', task: true, sleeps: [10], end: { return: 1 }, onCancel: { cleanupMs: 5 } }],
      cancels: [{ at: 1, target: 'a' }, { at: 2, target: 'a' }],
    };
    const patched = MUTANTS.filter((m) => m.patch !== undefined);
    expect(patched.map((m) => m.name)).toContain('cancel-lost-in-cleanup');
    for (const m of patched) {
      const runner = mutantRunner(m);
      expect(runner.run(scenario)).not.toEqual(runOnLoop(scenario));
      expect(Task.prototype.cancel).toBe(original);
    }
  });

  it('every violation a property reports points the timeline at an event or a task of the failing run (reports/timeline/violation-mark.ts)', () => {
    const lost = matrix.cells
      .filter((c) => c.caught && c.result.failure?.observed && !c.result.failure.message.startsWith('Property failed by'))
      .filter((c) => locateViolation(c.result.failure!.message, c.result.failure!.observed as Outcome) === null)
      .map((c) => `${c.subject} ${c.property}: ${c.result.failure!.message}`);
    expect(lost).toEqual([]);
  });

  for (const p of PROPERTIES.filter((x) => x.kind !== 'differential')) {
    it(`${p.name} catches at least one mutant`, () => {
      expect(MUTANTS.some((m) => cell(matrix, m.name, p.name)?.caught)).toBe(true);
    });
  }
});
