// The mutant zoo is caught: each mutant by some property that does not compare with the model (neither differential),
// each property catches some mutant, the real loop passes every property, and the counterexamples shrink small.
import { beforeAll, describe, expect, it } from 'vitest';
import { FORMAT2_MUTANTS, MUTANTS, runMatrix, cell, mutantRunner, type MutantMatrix } from './index.ts';
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

// the whole zoo, format 2's mutants included: check's default generators (format 1 and 2 under seed) must kill each
const ZOO = [...MUTANTS, ...FORMAT2_MUTANTS];
// in a hook, not at import: vitest then counts its ~15 s in the file's duration and starts the file among the first
// (a file that looks instant is started last, and ran alone on one core at the end of `npm test`)
let matrix: MutantMatrix;
beforeAll(() => {
  matrix = runMatrix(ZOO, { runs: envRuns(), seed: envSeed() ?? TEST_SEED });
});
// the gathered children (a format 2 lift's extras, left out of `args`, are not the gather's: format2-lift.ts)
const countChildren = (n: GatherNode): number => {
  const args = (n as { args?: readonly string[] }).args;
  return n.children
    .filter((c) => args === undefined || args.includes(c.name))
    .reduce((a, c) => a + 1 + (isGatherChild(c) ? countChildren(c.gather) : 0), 0);
};

describe('mutant zoo', () => {
  it('has at least 8 mutants with distinct names', () => {
    expect(MUTANTS.length).toBeGreaterThanOrEqual(8);
    expect(new Set(MUTANTS.map((m) => m.name)).size).toBe(MUTANTS.length);
  });

  it('the real loop passes every property', () => {
    const failures = matrix.cells
      .filter((c) => c.subject === 'impl' && c.caught)
      .map((c) => `${c.property}: ${c.result.failure?.message}`);
    expect(failures).toEqual([]);
  });

  // §8, proof of power: the property suites alone (no comparison with the model: neither `differential` nor
  // `outcome-differential`) kill every mutant.
  const suites = PROPERTIES.filter((p) => p.kind !== 'differential');
  it('the suites without the differentials are the outcome and determinism properties', () => {
    expect(suites.map((p) => p.name)).not.toContain('differential');
    expect(suites.map((p) => p.name)).not.toContain('outcome-differential');
    expect(suites.every((p) => p.kind === 'outcome' || p.kind === 'determinism')).toBe(true);
  });

  for (const m of ZOO) {
    it(`${m.name} is killed by a property that does not compare with the model, and by the differential`, () => {
      const catchers = suites.filter((p) => cell(matrix, m.name, p.name)?.caught);
      expect(catchers.map((p) => p.name)).not.toEqual([]);
      expect(cell(matrix, m.name, 'differential')?.caught).toBe(true);
    });

    const most = Math.max(3, m.minChildren ?? 3);
    it(`${m.name}: some counterexample shrinks to at most ${most} children`, () => {
      const sizes = matrix.cells
        .filter((c) => c.subject === m.name && c.caught)
        .map((c) => countChildren(c.result.failure!.scenario));
      expect(Math.min(...sizes)).toBeLessThanOrEqual(most);
    });
  }

  it('the data-structure mutants stay hidden in small scenarios (they need the wide family)', () => {
    const small: Scenario = {
      loopcheck: 1,
      profile: 'seed',
      returnExceptions: false,
      cancels: [{ at: 2, target: 'b' }],
      children: [
        { name: 'a', sleeps: [3, 1], end: { return: 1 } },
        { name: 'b', task: true, sleeps: [0, 5], end: { raise: 'KeyError' } },
        { name: 'c', sleeps: [2, 0, 2], end: { return: 3 } },
      ],
    };
    for (const m of MUTANTS.filter((x) => x.minChildren !== undefined))
      expect(mutantRunner(m).run(small)).toEqual(runOnLoop(small));
  });

  it('a mutant that patches the loop changes it for its own runs only', () => {
    const original = Task.prototype.cancel;
    const scenario: Scenario = {
      loopcheck: 1,
      profile: 'seed',
      returnExceptions: false,
      children: [{ name: 'a', task: true, sleeps: [10], end: { return: 1 }, onCancel: { cleanupMs: 5 } }],
      cancels: [
        { at: 1, target: 'a' },
        { at: 2, target: 'a' },
      ],
    };
    const patched = MUTANTS.filter((m) => m.patch !== undefined && m.minChildren === undefined);
    expect(patched.map((m) => m.name)).toContain('cancel-lost-in-cleanup');
    for (const m of patched) {
      const runner = mutantRunner(m);
      expect(runner.run(scenario)).not.toEqual(runOnLoop(scenario));
      expect(Task.prototype.cancel).toBe(original);
    }
  });

  it('every violation a property reports points the timeline at an event or a task of the failing run (reports/timeline/violation-mark.ts)', () => {
    const lost = matrix.cells
      .filter(
        (c) => c.caught && c.result.failure?.observed && !c.result.failure.message.startsWith('Property failed by'),
      )
      .filter((c) => locateViolation(c.result.failure!.message, c.result.failure!.observed as Outcome) === null)
      .map((c) => `${c.subject} ${c.property}: ${c.result.failure!.message}`);
    expect(lost).toEqual([]);
  });

  for (const p of PROPERTIES.filter((x) => x.kind !== 'differential')) {
    it(`${p.name} catches at least one mutant`, () => {
      expect(ZOO.some((m) => cell(matrix, m.name, p.name)?.caught)).toBe(true);
    });
  }
});
