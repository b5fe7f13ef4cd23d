// The total-size limit where scenarios enter: the library's parsers (format 1 and 2, JSON and text) refuse a scenario
// above it with a ScenarioError at `$`; one just under it is read.
import { describe, expect, it } from 'vitest';
import * as library from '../../index.ts';
import { nestedScenario, taskCount, zeroSleepsScenario } from '../../bench/scale-scenarios.ts';
import { ScenarioError } from '../../model/scenario-checker.ts';
import { MAX_EVENTS, MAX_TASKS, scenarioSize } from './scenario-size.ts';

/** The problems of the ScenarioError `parse` throws (fails the test when it throws nothing or something else). */
function problemsOf(parse: () => unknown): string[] {
  try {
    parse();
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return (e as ScenarioError).problems;
  }
  throw new Error('expected a ScenarioError, nothing was thrown');
}

describe('the total-size limit in the parsers', () => {
  const wide = nestedScenario({ width: 30, depth: 2 });
  const tasks = taskCount(wide);

  it(`refuses more than ${MAX_TASKS} tasks at $, through the library's exports (JSON and text)`, () => {
    expect(tasks).toBeGreaterThan(MAX_TASKS);
    const expected = `$: the scenario has ${tasks.toLocaleString('en-US')} tasks, more than the limit of ${MAX_TASKS.toLocaleString('en-US')}`;
    for (const parse of [
      () => library.parseScenario(wide),
      () => library.parseScenarioText(JSON.stringify(wide)),
      () => library.parseAnyScenario(wide),
      () => library.parseAnyScenarioText(JSON.stringify(wide)),
    ]) {
      const problems = problemsOf(parse);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain(expected);
    }
  });

  it(`refuses more than ${MAX_EVENTS} estimated trace events, in format 1 and format 2 (a leaf's sleeps)`, () => {
    const sleeps = MAX_EVENTS / 2; // two events per sleep
    const long = zeroSleepsScenario(sleeps);
    expect(scenarioSize(long).events).toBeGreaterThan(MAX_EVENTS);
    expect(problemsOf(() => library.parseScenario(long))[0]).toMatch(
      /^\$: the scenario would produce about [\d,]+ trace events, more than the limit/,
    );
    const v2 = { ...long, loopcheck: 2 };
    expect(problemsOf(() => library.parseAnyScenario(v2))[0]).toMatch(/^\$: .* trace events, more than the limit/);
    // just under the limit: read, and the same scenario as the model's parser gives
    const under = zeroSleepsScenario(sleeps - 100);
    expect(scenarioSize(under).events).toBeLessThanOrEqual(MAX_EVENTS);
    expect(library.parseScenario(under).children).toHaveLength(1);
    expect(library.parseAnyScenario({ ...under, loopcheck: 2 }).loopcheck).toBe(2);
  });

  it('counts the steps of format 2 bodies (timeouts and created tasks included)', () => {
    const steps = library.parseAnyScenario({
      loopcheck: 2,
      children: [
        {
          name: 'w',
          steps: [
            { create: { name: 'h', sleeps: [1, 1, 1], end: { return: 1 } } },
            { timeout: 5, steps: [{ sleep: 1 }, { await: 'w/h' }] },
          ],
        },
      ],
    });
    const size = scenarioSize(steps);
    expect(size.tasks).toBe(3); // the awaiter, w, and h created by w
    const simulated = library.simulate(steps).trace.length;
    expect(size.events).toBeGreaterThanOrEqual(simulated); // an upper estimate when steps may cancel
  });
});
