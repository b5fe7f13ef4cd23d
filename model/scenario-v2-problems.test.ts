// Format 2's problem lines, exactly (docs/rules.md §4b "Validation"): each problem once, with its JSON path; values
// that are valid are kept and defaults filled. Complements scenario-v2.test.ts (fragments only).
import { describe, expect, it } from 'vitest';
import { parseAnyScenario } from './scenario.ts';
import type { ScenarioV2 } from './scenario-types.ts';
import { problemsOf } from '../test/scenario-problems.ts';

const leaf = (name: string): object => ({ name, sleeps: [1], end: { return: 1 } });
const v2 = (rest: object = {}): object => ({ loopcheck: 2, children: [leaf('a')], ...rest });
const delayProblem = 'must be an integer from 0 to 1000000000';

const problems = (json: unknown): string[] => problemsOf(parseAnyScenario, json);

describe('format 2 problem lines', () => {
  it('top level and gather node fields', () => {
    expect(problems({ loopcheck: 2 })).toEqual(['$.children: is required']);
    expect(problems(v2({ children: 'x' }))).toEqual(['$.children: must be an array']);
    expect(problems(v2({ returnExceptions: 'x' }))).toEqual(['$.returnExceptions: must be true or false']);
    expect(problems(v2({ gatherAfter: -1 }))).toEqual([`$.gatherAfter: ${delayProblem}`]);
    expect(problems(v2({ timeoutMs: -1 }))).toEqual([`$.timeoutMs: ${delayProblem}`]);
    expect(problems(v2({ shutdown: 'x' }))).toEqual(['$.shutdown: must be true or false']);
    expect(problems(v2({ args: 'a' }))).toEqual(['$.args: must be an array of child names']);
    const many = Array.from({ length: 65 }, (_, i) => leaf(`c${i}`));
    expect(problems(v2({ children: many }))).toEqual(['$.children: must have at most 64 children (has 65)']);
    expect(problems(v2({ args: Array(65).fill('a') }))).toEqual(['$.args: must have at most 64 entries (has 65)']);
  });

  it('children, nested gathers and created tasks', () => {
    expect(problems(v2({ children: [leaf('a'), leaf('a')] }))).toEqual([
      '$.children[1].name: duplicate name "a" in this gather',
    ]);
    expect(problems(v2({ children: [{ name: 'a', sleeps: 'x', end: 'hang' }] }))).toEqual([
      '$.children[0].sleeps: must be an array of delays',
    ]);
    expect(problems(v2({ children: [{ name: 'g', gather: { children: [{ ...leaf('b'), sleeps: [-1] }] } }] }))).toEqual(
      [`$.children[0].gather.children[0].sleeps[0]: ${delayProblem}`],
    );
    let child: object = leaf('x');
    for (let i = 0; i < 5; i++) child = { name: `g${i}`, gather: { children: [child] } };
    expect(problems(v2({ children: [child] }))).toEqual([
      `$${'.children[0].gather'.repeat(5)}: nesting deeper than 4 gathers`,
    ]);
    const create = (name: string): object => ({ create: leaf(name) });
    expect(problems(v2({ children: [{ name: 'a', steps: [create('x'), create('x')] }] }))).toEqual([
      '$.children[0].steps[1].create.name: duplicate name "x" among the tasks a creates',
    ]);
    expect(problems(v2({ children: [{ name: 'a', steps: [5] }] }))).toEqual([
      '$.children[0].steps[0]: must be "hang" or an object with one of "sleep", "await", "shield", "cancel", "create", "timeout", "return", "raise"',
    ]);
    expect(problems(v2({ children: [{ name: 'a', steps: [{ await: 5 }] }] }))).toEqual([
      '$.children[0].steps[0].await: must be a task path',
    ]);
  });

  it('a child or created task that is not an object gets its own line, never "could not be read"', () => {
    for (const odd of [null, 5]) {
      expect(problems(v2({ children: [odd] }))).toEqual(['$.children[0]: must be an object']);
      expect(problems(v2({ children: [{ name: 'a', steps: [{ create: odd }] }] }))).toEqual([
        '$.children[0].steps[0].create: must be an object',
      ]);
    }
  });

  it('each field of a child or created task under its own path', () => {
    const one = (child: object): string[] => problems(v2({ children: [child] }));
    expect(one({ name: 5, sleeps: [], end: 'hang' })).toEqual(['$.children[0].name: must be a string']);
    expect(one({ ...leaf('a'), onCancel: 'x' })).toEqual([
      '$.children[0].onCancel: must be "propagate", {"cleanupMs": n} or {"swallow": value}',
    ]);
    expect(one({ ...leaf('a'), task: 'x' })).toEqual(['$.children[0].task: must be true or false']);
    expect(one({ name: 'a', sleeps: [], end: 'x' })).toEqual([
      '$.children[0].end: must be "hang", {"return": value} or {"raise": "ErrorName"}',
    ]);
    expect(one({ name: 'g', gather: 5 })).toEqual(['$.children[0].gather: must be an object']);
    expect(one({ name: 'g', gather: {} })).toEqual(['$.children[0].gather.children: is required']);
    expect(one({ gather: { children: [leaf('b')] } })).toContain('$.children[0].name: is required');
    expect(one({ steps: ['hang'] })).toContain('$.children[0].name: is required');
    expect(one({ name: 'a', end: 'hang' })).toContain('$.children[0].sleeps: is required');
    const created = (c: object): string[] => one({ name: 'a', steps: [{ create: c }] });
    expect(created({ name: 5, sleeps: [], end: 'hang' })).toEqual([
      '$.children[0].steps[0].create.name: must be a string',
    ]);
    expect(created({ ...leaf('x'), onCancel: 'x' })).toEqual([
      '$.children[0].steps[0].create.onCancel: must be "propagate", {"cleanupMs": n} or {"swallow": value}',
    ]);
    expect(created({ steps: ['hang'] })).toContain('$.children[0].steps[0].create.name: is required');
    expect(created({ name: 'x', end: 'hang' })).toContain('$.children[0].steps[0].create.sleeps: is required');
  });

  it('steps: the keys of each kind, end steps last', () => {
    const steps = (list: unknown[]): string[] => problems(v2({ children: [{ name: 'a', steps: list }] }));
    expect(steps([{ sleep: 1, x: 2 }])).toEqual(['$.children[0].steps[0].x: unknown key']);
    const notAStep =
      'must be "hang" or an object with one of "sleep", "await", "shield", "cancel", "create", "timeout", "return", "raise"';
    for (const odd of [null, []]) expect(steps([odd])).toEqual([`$.children[0].steps[0]: ${notAStep}`]);
    expect(steps([{ timeout: 5 }])).toContain('$.children[0].steps[0].steps: is required');
    expect(steps([{ return: 1 }, { sleep: 1 }])).toEqual([
      '$.children[0].steps[0]: an end step (return, raise, hang) must be the last step',
    ]);
  });

  it('accepts the limits exactly and names like "awaiter" below the top', () => {
    const many = Array.from({ length: 64 }, (_, i) => leaf(`c${i}`));
    expect(problems(v2({ children: many, args: many.map((c) => (c as { name: string }).name) }))).toEqual([]);
    expect(problems(v2({ children: [{ name: 'a', steps: Array(16).fill({ sleep: 1 }) }] }))).toEqual([]);
    expect(
      problems(v2({ profile: 'seed', children: [{ name: 'g', gather: { children: [leaf('awaiter')] } }] })),
    ).toEqual([]);
  });

  it('cancels', () => {
    expect(problems(v2({ cancels: 'x' }))).toEqual(['$.cancels: must be an array']);
    expect(problems(v2({ cancels: [5] }))).toEqual(['$.cancels[0]: must be an object']);
    expect(problems(v2({ cancels: [{}] }))).toEqual([
      '$.cancels[0].at: is required',
      '$.cancels[0].target: is required',
    ]);
    expect(problems(v2({ cancels: [{ at: -1, target: 'a' }] }))).toEqual([`$.cancels[0].at: ${delayProblem}`]);
  });

  it('keeps what is valid: timeoutMs, a created task named "awaiter", shutdown false by default, no undefined keys', () => {
    const s = parseAnyScenario(
      v2({ timeoutMs: 5, children: [{ name: 'a', steps: [{ create: leaf('awaiter') }] }, leaf('b')] }),
    ) as ScenarioV2;
    expect(s.timeoutMs).toBe(5);
    expect(s.shutdown).toBe(false);
    expect(s.children).toStrictEqual([
      { name: 'a', steps: [{ create: { name: 'awaiter', sleeps: [1], end: { return: 1 } } }] },
      { name: 'b', sleeps: [1], end: { return: 1 } },
    ]);
    expect('timeoutMs' in (parseAnyScenario(v2()) as ScenarioV2)).toBe(false);
  });
});
