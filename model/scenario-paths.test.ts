// Every task path of a scenario in outcome order (docs/rules.md §4b: created tasks right after their creator, depth
// first), and which of them a `create` step made.
import { describe, expect, it } from 'vitest';
import { placedBodies, scenarioTaskPaths } from './scenario-paths.ts';
import { parseAnyScenario } from './scenario.ts';

describe('placedBodies', () => {
  it('lists gather children, nested gathers and created tasks (also created by created tasks) depth first', () => {
    const scenario = parseAnyScenario({
      loopcheck: 2,
      children: [
        {
          name: 'a',
          steps: [
            { create: { name: 'x', steps: [{ create: { name: 'y', sleeps: [], end: { return: 1 } } }] } },
            { timeout: 5, steps: [{ create: { name: 'z', sleeps: [1], end: 'hang' } }] },
            { return: 0 },
          ],
        },
        { name: 'g', gather: { returnExceptions: false, children: [{ name: 'b', sleeps: [], end: { return: 2 } }] } },
        { name: 'c', sleeps: [], end: { raise: 'E' } },
      ],
    });
    const placed = placedBodies(scenario);
    expect(placed.map((p) => [p.path, p.created])).toEqual([
      ['a', false],
      ['a/x', true],
      ['a/x/y', true],
      ['a/z', true],
      ['g', false],
      ['g/b', false],
      ['c', false],
    ]);
    expect(scenarioTaskPaths(scenario)).toEqual(placed.map((p) => p.path));
    expect(placed.find((p) => p.path === 'a/x/y')?.body).toEqual({ name: 'y', sleeps: [], end: { return: 1 } });
  });
});
