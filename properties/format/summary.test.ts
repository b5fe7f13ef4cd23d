// Long traces, tables and timelines are summarised by default and printed whole when asked (replay --full).
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../model/outcome.ts';
import { simulate } from '../../model/index.ts';
import { nestedScenario } from '../../bench/scale-scenarios.ts';
import { timelineAscii } from '../../reports/index.ts';
import { formatTasks, formatTrace } from './outcome-text.ts';
import { sideBySide, DIVERGENCE_MARK } from './side-by-side.ts';
import { clipped, maxLength, moreLine } from './summary.ts';
import { scenarioSize, scenarioSizeProblem, MAX_TASKS } from '../lib/scenario-size.ts';

const trace = (n: number, task = 'a'): TraceEvent[] =>
  Array.from({ length: n }, (_, i) => ({ at: i, task, event: 'resumed' }));

describe('summaries', () => {
  it('formatTrace prints at most the limit and says how many events it left out', () => {
    const text = formatTrace(trace(50), 10);
    expect(text.split('\n')).toHaveLength(11);
    expect(text).toContain(moreLine(40, 'events'));
    expect(formatTrace(trace(50))).not.toContain('more events');
  });

  it('sideBySide keeps the first divergence in view when it lies past the first rows', () => {
    const left = trace(1_000);
    const right = left.map((e, i) => (i === 700 ? { ...e, task: 'b' } : e));
    const text = sideBySide(left, right, ['model', 'impl'], 100);
    const rows = text.split('\n').filter((line) => /^\s+(>>|!=|\s\s)\s+\d+\s/.test(line));
    expect(rows).toHaveLength(100);
    expect(text).toMatch(new RegExp(`${DIVERGENCE_MARK}\\s+700\\s`));
    expect(text).toContain('first divergence at event #700');
    const left_out = [...text.matchAll(/… (\d+) more events/g)].map((m) => Number(m[1]));
    expect(left_out.reduce((a, b) => a + b, 0) + rows.length).toBe(1_000);
    // whole, without a limit
    expect(
      sideBySide(left, right)
        .split('\n')
        .filter((line) => /^\s+(>>|!=|\s\s)\s+\d+\s/.test(line)),
    ).toHaveLength(1_000);
  });

  it('formatTasks lists at most the limit of tasks and clips long values', () => {
    const scenario = nestedScenario({ width: 8, depth: 1 });
    const outcome = simulate(scenario);
    const text = formatTasks(outcome, 5, 20);
    expect(text).toContain(moreLine(72 - 4, 'tasks'));
    expect(text).toMatch(/more characters, --full prints all/);
    expect(
      formatTasks(outcome)
        .split('\n')
        .filter((l) => / returned /.test(l)),
    ).toHaveLength(73);
  });

  it('the ASCII timeline draws at most maxTasks tasks, and still the task a violation names', () => {
    const scenario = nestedScenario({ width: 8, depth: 1 });
    const outcome = simulate(scenario);
    const text = timelineAscii(
      {
        scenario,
        outcomes: [{ label: 'model', outcome }],
        violation: { property: 'nothing-lost', message: 'g7/c5 was lost' },
      },
      undefined,
      4,
    );
    expect(text).toContain(moreLine(73 - 5, 'tasks', '  '));
    expect(text).toMatch(/^\*g7\/c5\s/m);
    expect(text).not.toMatch(/^ g3\s/m);
  });

  it('clipped and maxLength', () => {
    expect(clipped('abcdef', 3)).toBe('abc… (3 more characters, --full prints all)');
    expect(clipped('abc', 3)).toBe('abc');
    expect(
      maxLength(
        Array.from({ length: 300_000 }, (_, i) => (i === 123_456 ? 'xxxxxxx' : 'x')),
        2,
      ),
    ).toBe(7);
  });
});

describe('scenario size', () => {
  it('estimates the model trace of an undisturbed scenario closely, and refuses above the limits', () => {
    const scenario = nestedScenario({ width: 16, depth: 1 });
    const { tasks, events } = scenarioSize(scenario);
    expect(tasks).toBe(1 + 16 + 256);
    const actual = simulate(scenario).trace.length;
    expect(Math.abs(events - actual) / actual).toBeLessThan(0.05);
    expect(scenarioSizeProblem(scenario)).toBeNull();
    expect(scenarioSizeProblem(nestedScenario({ width: 30, depth: 2 }))).toContain(
      `limit of ${MAX_TASKS.toLocaleString('en-US')}`,
    );
  });
});
