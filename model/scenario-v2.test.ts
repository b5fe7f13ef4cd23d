// Format 2 validation (docs/rules.md §4b): what it reads, what it refuses and with which JSON path.
import { describe, expect, it } from 'vitest';
import { parseAnyScenario, parseScenario, ScenarioError } from './scenario.ts';
import { MAX_STEPS, MAX_TASKS } from './scenario-v2.ts';

function problems(json: unknown): string[] {
  try {
    parseAnyScenario(json);
  } catch (e) {
    if (e instanceof ScenarioError) return e.problems;
    throw e;
  }
  return [];
}

const v2 = (rest: object): object => ({ loopcheck: 2, ...rest });

describe('parseAnyScenario: format 2', () => {
  it('reads the spec example with its defaults', () => {
    const s = parseAnyScenario(
      v2({
        shutdown: true,
        timeoutMs: 100,
        args: ['a', 'a', 'b'],
        children: [
          { name: 'a', task: true, steps: [{ sleep: 10 }, { return: 1 }] },
          {
            name: 'b',
            steps: [{ await: 'a' }, { cancel: 'b' }, { sleep: 5 }, { return: 'x' }],
            onCancel: { swallow: 0 },
          },
          {
            name: 'c',
            task: true,
            steps: [
              { create: { name: 'h', steps: [{ sleep: 50 }, { return: 2 }] } },
              { timeout: 20, steps: [{ await: 'c/h' }] },
            ],
          },
          { name: 'd', task: true, steps: [{ shield: 'a' }] },
        ],
        cancels: [{ at: 15, target: 'c/h' }],
      }),
    );
    expect(s.loopcheck).toBe(2);
    if (s.loopcheck !== 2) return;
    expect(s.profile).toBe('seed');
    expect(s.shutdown).toBe(true);
    expect(s.args).toEqual(['a', 'a', 'b']);
    expect(s.children).toHaveLength(4);
  });
  it('reads format 1 unchanged', () => {
    const f1 = { loopcheck: 1, children: [{ name: 'a', sleeps: [1], end: { return: 1 } }] };
    expect(parseAnyScenario(f1)).toEqual(parseScenario(f1));
  });
  it('parseScenario refuses format 2 with one line', () => {
    expect(() => parseScenario(v2({ children: [] }))).toThrow(/\$\.loopcheck: must be 1 here/);
  });
  it('reads every profile for format 2', () => {
    expect(problems(v2({ profile: 'cpython', children: [] }))).toEqual([]);
    expect(problems(v2({ profile: 'micropython', children: [] }))).toEqual([]);
  });
  it('refuses an await of a task not created before the step, with the JSON path', () => {
    expect(
      problems(
        v2({
          children: [
            { name: 'a', steps: [{ await: 'x' }] },
            { name: 'x', task: true, steps: [{ create: { name: 'y', sleeps: [], end: 'hang' } }] },
          ],
        }),
      ),
    ).toEqual([]);
    expect(
      problems(
        v2({
          children: [
            { name: 'a', steps: [{ await: 'x/y' }] },
            { name: 'x', task: true, steps: [{ create: { name: 'y', sleeps: [], end: 'hang' } }] },
          ],
        }),
      ),
    ).toEqual(['$.children[0].steps[0].await: "x/y" names no task created before this step']);
    expect(
      problems(
        v2({
          children: [{ name: 'a', steps: [{ await: 'a/h' }, { create: { name: 'h', sleeps: [], end: 'hang' } }] }],
        }),
      ),
    ).toEqual(['$.children[0].steps[0].await: "a/h" names no task created before this step']);
    expect(
      problems(
        v2({
          children: [{ name: 'a', steps: [{ create: { name: 'h', sleeps: [], end: 'hang' } }, { await: 'a/h' }] }],
        }),
      ),
    ).toEqual([]);
    expect(problems(v2({ children: [{ name: 'a', steps: [{ await: 'nobody' }] }] }))).toEqual([
      '$.children[0].steps[0].await: "nobody" names no task of the scenario',
    ]);
  });
  it('refuses a task awaiting or shielding itself, allows it to cancel itself', () => {
    expect(problems(v2({ children: [{ name: 'a', steps: [{ await: 'a' }] }] }))).toEqual([
      '$.children[0].steps[0].await: a task cannot await itself',
    ]);
    expect(problems(v2({ children: [{ name: 'a', steps: [{ shield: 'a' }] }] }))).toEqual([
      '$.children[0].steps[0].shield: a task cannot shield itself',
    ]);
    expect(problems(v2({ children: [{ name: 'a', steps: [{ cancel: 'a' }, { return: 1 }] }] }))).toEqual([]);
  });
  it('allows an await cycle', () => {
    expect(
      problems(
        v2({
          children: [
            { name: 'a', task: true, steps: [{ await: 'b' }] },
            { name: 'b', task: true, steps: [{ await: 'a' }] },
          ],
        }),
      ),
    ).toEqual([]);
  });
  it('a task child does not surely see a wrapped sibling when the gather comes after a sleep', () => {
    const children = [
      { name: 'a', task: true, steps: [{ await: 'b' }] },
      { name: 'b', sleeps: [], end: { return: 1 } },
    ];
    expect(problems(v2({ children }))).toEqual([]);
    expect(problems(v2({ gatherAfter: 5, children }))).toEqual([
      '$.children[0].steps[0].await: "b" names no task created before this step',
    ]);
  });
  it('checks args', () => {
    expect(problems(v2({ args: ['a', 'z'], children: [{ name: 'a', sleeps: [], end: 'hang' }] }))).toEqual([
      '$.args[1]: "z" names no child of this gather',
    ]);
    expect(problems(v2({ args: [], children: [{ name: 'a', sleeps: [], end: 'hang' }] }))).toEqual([
      '$.children[0]: a non-task child must be in args (it would never be created)',
    ]);
    expect(problems(v2({ args: [], children: [{ name: 'a', task: true, sleeps: [], end: 'hang' }] }))).toEqual([]);
  });
  it('end steps only last; no return inside a timeout; timeout nesting and step limits', () => {
    expect(problems(v2({ children: [{ name: 'a', steps: ['hang', { sleep: 1 }] }] }))).toEqual([
      '$.children[0].steps[0]: an end step (return, raise, hang) must be the last step',
    ]);
    expect(problems(v2({ children: [{ name: 'a', steps: [{ timeout: 1, steps: [{ return: 1 }] }] }] }))).toEqual([
      '$.children[0].steps[0].steps[0]: return inside a timeout is not supported (the timeout gives the value of its last await)',
    ]);
    const deep = { timeout: 1, steps: [{ timeout: 1, steps: [{ timeout: 1, steps: [{ sleep: 1 }] }] }] };
    expect(problems(v2({ children: [{ name: 'a', steps: [deep] }] }))).toEqual([
      '$.children[0].steps[0].steps[0].steps[0]: timeout nested deeper than 2',
    ]);
    const many = Array.from({ length: MAX_STEPS + 1 }, () => ({ sleep: 1 }));
    expect(problems(v2({ children: [{ name: 'a', steps: many }] }))).toEqual([
      `$.children[0].steps: must have at most ${MAX_STEPS} steps in all (has ${MAX_STEPS + 1})`,
    ]);
    expect(problems(v2({ children: [{ name: 'a', steps: [] }] }))).toEqual([
      '$.children[0].steps: must be a non-empty array of steps',
    ]);
    expect(problems(v2({ children: [{ name: 'a', steps: [{ sleep: 1, await: 'b' }] }] }))).toEqual([
      '$.children[0].steps[0].await: unknown key',
    ]);
    expect(problems(v2({ children: [{ name: 'a', steps: [{ jump: 1 }] }] }))).toEqual([
      '$.children[0].steps[0]: must have one of "sleep", "await", "shield", "cancel", "create", "timeout", "return", "raise"',
    ]);
  });
  it('limits the number of tasks', () => {
    const children = Array.from({ length: 64 }, (_, i) => ({
      name: `c${i}`,
      steps: [{ create: { name: 'h', sleeps: [], end: 'hang' } }],
    }));
    expect(problems(v2({ children }))).toContain(
      `$.children[63].steps[0].create: the scenario has more than ${MAX_TASKS} tasks`,
    );
  });
  it('cancel targets: any task path, created ones included', () => {
    const children = [{ name: 'c', steps: [{ create: { name: 'h', sleeps: [5], end: 'hang' } }, { cancel: 'nope' }] }];
    expect(
      problems(
        v2({
          children,
          cancels: [
            { at: 1, target: 'c/h' },
            { at: 1, target: 'c/x' },
          ],
        }),
      ),
    ).toEqual([
      '$.children[0].steps[1].cancel: "nope" names no task of the scenario',
      '$.cancels[1].target: "c/x" names no task of the scenario',
    ]);
  });
  it('unknown keys and created children with task or gather are refused', () => {
    expect(problems(v2({ children: [], wat: 1 }))).toEqual(['$.wat: unknown key']);
    expect(
      problems(
        v2({ children: [{ name: 'a', steps: [{ create: { name: 'h', task: true, sleeps: [], end: 'hang' } }] }] }),
      ),
    ).toEqual(['$.children[0].steps[0].create.task: unknown key']);
  });
});
