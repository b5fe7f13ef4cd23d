// A child whose name is invalid does not hide what it holds: the validators (format 1 and 2) list the problems
// inside it too, each with its JSON path, and nothing below it is taken for a task of the scenario.
import { describe, expect, it } from 'vitest';
import { parseAnyScenario } from './scenario.ts';
import { problemsOf } from '../test/scenario-problems.ts';

const problems = (json: unknown): string[] => problemsOf(parseAnyScenario, json);

const delay = 'must be an integer from 0 to 1000000000';
const cancelled = 'must not be CancelledError (use a cancel instead)';
/** A leaf with two problems of its own. */
const bad = { name: 'x', sleeps: [-1], end: { raise: 'CancelledError' } };

describe('problems inside a child whose name is invalid are listed', () => {
  it('format 1: a gather child, and a gather child inside it', () => {
    const json = {
      loopcheck: 1,
      children: [{ name: 'a/b', gather: { children: [bad, { name: '', gather: { children: [bad] } }] } }],
      cancels: [],
    };
    expect(problems(json)).toEqual([
      '$.children[0].name: must not contain "/"',
      `$.children[0].gather.children[0].sleeps[0]: ${delay}`,
      `$.children[0].gather.children[0].end.raise: ${cancelled}`,
      '$.children[0].gather.children[1].name: must not be empty',
      `$.children[0].gather.children[1].gather.children[0].sleeps[0]: ${delay}`,
      `$.children[0].gather.children[1].gather.children[0].end.raise: ${cancelled}`,
    ]);
  });

  it('format 2: a gather child, a steps child and a created task', () => {
    const json = {
      loopcheck: 2,
      children: [
        { name: 7, gather: { children: [bad] } },
        { name: '', steps: [{ sleep: -1 }] },
        { name: 'c', steps: [{ create: { name: 'd/e', sleeps: [-1], end: 'nope' } }] },
      ],
    };
    expect(problems(json)).toEqual([
      '$.children[0].name: must be a string',
      `$.children[0].gather.children[0].sleeps[0]: ${delay}`,
      `$.children[0].gather.children[0].end.raise: ${cancelled}`,
      '$.children[1].name: must not be empty',
      `$.children[1].steps[0].sleep: ${delay}`,
      '$.children[2].steps[0].create.name: must not contain "/"',
      `$.children[2].steps[0].create.sleeps[0]: ${delay}`,
      '$.children[2].steps[0].create.end: must be "hang", {"return": value} or {"raise": "ErrorName"}',
    ]);
  });

  it('nothing below an invalid name is a task of the scenario: a cancel aimed there names no task', () => {
    const json = {
      loopcheck: 2,
      children: [{ name: 'a/b', gather: { children: [{ name: 'x', sleeps: [1], end: 'hang' }] } }],
      cancels: [{ at: 0, target: 'a/b/x' }],
    };
    expect(problems(json)).toEqual([
      '$.children[0].name: must not contain "/"',
      '$.cancels[0].target: "a/b/x" names no task of the scenario',
    ]);
  });
});
