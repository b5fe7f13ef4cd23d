// parseScenario's problem lines, exactly: the path (keys that are not identifiers quoted), the reason, the limits at
// their edges, and how odd in-process values are described. Complements scenario.test.ts (fragments only).
import { describe, expect, it } from 'vitest';
import { parseAnyScenario, parseAnyScenarioText, parseScenario, parseScenarioText, ScenarioError } from './scenario.ts';
import { isScenarioV2 } from './scenario-types.ts';

const ok = { name: 'a', sleeps: [1], end: { return: 'a' } };
const base = (extra: Record<string, unknown> = {}) => ({ loopcheck: 1, children: [ok], ...extra });
const withChild = (child: Record<string, unknown>) => base({ children: [{ ...ok, ...child }] });

function problems(json: unknown): string[] {
  try {
    parseScenario(json);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    expect((e as ScenarioError).name).toBe('ScenarioError');
    return (e as ScenarioError).problems;
  }
  return [];
}

function deep(levels: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = [v];
  return v;
}

describe('problem lines', () => {
  it('name the path and the reason, one problem each', () => {
    expect(problems(null)).toEqual(['$: must be an object']);
    expect(problems(base({ 'two words': 1, 'x-y': 2 }))).toEqual([
      '$["two words"]: unknown key',
      '$["x-y"]: unknown key',
    ]);
    expect(problems(base({ children: 'x' }))).toEqual(['$.children: must be an array']);
    expect(problems(base({ cancels: {} }))).toEqual(['$.cancels: must be an array']);
    expect(problems(base({ cancels: [5] }))).toEqual(['$.cancels[0]: must be an object']);
    expect(problems(base({ cancels: [{}] }))).toEqual([
      '$.cancels[0].at: is required',
      '$.cancels[0].target: is required',
    ]);
    expect(problems(withChild({ name: 5 }))).toEqual(['$.children[0].name: must be a string']);
    expect(problems(withChild({ sleeps: 3 }))).toEqual(['$.children[0].sleeps: must be an array of delays']);
    expect(problems(withChild({ end: { return: 1, raise: 'E' } }))).toEqual([
      '$.children[0].end: must have exactly one of "return" or "raise"',
    ]);
    expect(problems(withChild({ end: {} }))).toEqual([
      '$.children[0].end: must have exactly one of "return" or "raise"',
    ]);
    expect(problems(withChild({ onCancel: {} }))).toEqual([
      '$.children[0].onCancel: must have exactly one of "cleanupMs" or "swallow"',
    ]);
    expect(problems(withChild({ end: 'x' }))).toEqual([
      '$.children[0].end: must be "hang", {"return": value} or {"raise": "ErrorName"}',
    ]);
    expect(problems(withChild({ onCancel: 'x' }))).toEqual([
      '$.children[0].onCancel: must be "propagate", {"cleanupMs": n} or {"swallow": value}',
    ]);
    expect(problems(withChild({ end: { raise: 'CancelledError' } }))).toEqual([
      '$.children[0].end.raise: must not be CancelledError (use a cancel instead)',
    ]);
    expect(problems(withChild({ end: { raise: 3 } }))).toEqual([
      '$.children[0].end.raise: must be an identifier (letters, digits, _; not starting with a digit)',
    ]);
    expect(problems(withChild({ name: 'awaiter' }))).toEqual([
      '$.children[0].name: "awaiter" is the name of the task that calls gather',
    ]);
    expect(problems(base({ returnExceptions: 'yes' }))).toEqual(['$.returnExceptions: must be true or false']);
    expect(problems(base({ loopcheck: '1' }))).toEqual(['$.loopcheck: must be 1 (the scenario format version)']);
    expect(problems(base({ profile: 'x' }))).toEqual([
      '$.profile: unknown profile "x" (known: seed, cpython, micropython)',
    ]);
  });

  it('report every problem of a name, not only the first', () => {
    expect(problems(withChild({ name: 'é/' }))).toEqual([
      '$.children[0].name: must be ASCII',
      '$.children[0].name: must not contain "/"',
    ]);
    expect(problems(withChild({ name: '\t/' }))).toEqual([
      '$.children[0].name: must not contain control characters (found U+0009)',
      '$.children[0].name: must not contain "/"',
    ]);
    // "awaiter" is reserved at the top level only
    expect(problems(base({ children: [{ name: 'g', gather: { children: [{ ...ok, name: 'awaiter' }] } }] }))).toEqual(
      [],
    );
  });

  it('check the limits at their edges', () => {
    const many = (n: number) => base({ children: Array.from({ length: n }, (_, i) => ({ ...ok, name: `c${i}` })) });
    expect(problems(many(64))).toEqual([]);
    expect(problems(many(65))).toEqual(['$.children: must have at most 64 children (has 65)']);
    expect(problems(withChild({ sleeps: [0, 1_000_000_000] }))).toEqual([]);
    expect(problems(withChild({ sleeps: [-1] }))).toEqual([
      '$.children[0].sleeps[0]: must be an integer from 0 to 1000000000',
    ]);
    expect(problems(withChild({ sleeps: ['1'] }))).toEqual([
      '$.children[0].sleeps[0]: must be an integer from 0 to 1000000000',
    ]);
    expect(problems(withChild({ end: { return: deep(100) } }))).toEqual([]);
    const tooDeep = problems(withChild({ end: { return: deep(101) } }));
    expect(tooDeep).toHaveLength(1);
    expect(tooDeep[0]).toMatch(/^\$\.children\[0\]\.end\.return(\[0\]){101}: is nested too deeply$/);
  });

  it('describe values JSON cannot hold', () => {
    expect(problems(withChild({ end: { return: Number.NaN } }))).toEqual([
      '$.children[0].end.return: must be a finite number',
    ]);
    expect(problems(withChild({ end: { return: { x: [1, Infinity] } } }))).toEqual([
      '$.children[0].end.return.x[1]: must be a finite number',
    ]);
    expect(problems(withChild({ end: { return: new Date(0) } }))).toEqual([
      '$.children[0].end.return: must be a JSON value',
    ]);
    expect(problems(base({ profile: 10n }))).toEqual([
      '$.profile: unknown profile 10n (known: seed, cpython, micropython)',
    ]);
    expect(problems(base({ profile: Symbol('s') }))).toEqual([
      '$.profile: unknown profile Symbol(s) (known: seed, cpython, micropython)',
    ]);
    expect(problems(base({ profile: () => 1 }))).toEqual([
      '$.profile: unknown profile a function (known: seed, cpython, micropython)',
    ]);
    expect(problems(base({ profile: undefined }))).toEqual([
      '$.profile: unknown profile undefined (known: seed, cpython, micropython)',
    ]);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(problems(base({ profile: cyclic }))).toEqual([
      '$.profile: unknown profile a value that is not JSON (known: seed, cpython, micropython)',
    ]);
  });

  it('keeps valid parts of an otherwise valid value; values of a swallow or a return are JSON copies', () => {
    const s = parseScenario(
      withChild({ onCancel: { swallow: { k: [true, null, 'x'] } }, end: { return: { a: { b: 2 } } } }),
    );
    expect(s.children[0]).toEqual({
      name: 'a',
      sleeps: [1],
      end: { return: { a: { b: 2 } } },
      onCancel: { swallow: { k: [true, null, 'x'] } },
    });
  });
});

function problemsOf(parse: () => unknown): string[] {
  try {
    parse();
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return (e as ScenarioError).problems;
  }
  return [];
}

describe('parseAnyScenario and the text readers', () => {
  const v2 = { loopcheck: 2, children: [ok] };

  it('read anything but an object with "loopcheck": 2 exactly as parseScenario does', () => {
    for (const odd of [null, undefined, 'x', 5, [v2]]) {
      expect(problemsOf(() => parseAnyScenario(odd))).toEqual(['$: must be an object']);
    }
    const v1 = parseAnyScenario(base());
    expect(v1).toEqual(parseScenario(base()));
    expect(isScenarioV2(v1)).toBe(false);
    expect(isScenarioV2(parseAnyScenario(v2))).toBe(true);
  });

  it('name an unknown format 2 profile as unknown; every modelled profile reads format 2', () => {
    expect(problemsOf(() => parseAnyScenario({ ...v2, profile: 'pypy' }))).toEqual([
      '$.profile: unknown profile "pypy" (known: seed, cpython, micropython)',
    ]);
    for (const profile of ['seed', 'cpython', 'micropython'])
      expect(problemsOf(() => parseAnyScenario({ ...v2, profile }))).toEqual([]);
  });

  it('collapse every whitespace run of a thrown message to one space, on one line', () => {
    const throwing = {
      get loopcheck(): number {
        throw new TypeError(' it \n\n  broke\t ');
      },
      children: [],
    };
    expect(problemsOf(() => parseAnyScenario(throwing))).toEqual(['$: could not be read as a scenario (it broke)']);
    expect(problemsOf(() => parseScenario(throwing))).toEqual(['$: could not be read as a scenario (it broke)']);
  });

  it("turn a JSON syntax error into one line that keeps the parser's words, whitespace runs collapsed", () => {
    const text = '{"loopcheck":   x\n\n  }';
    let raw = '';
    try {
      JSON.parse(text);
    } catch (e) {
      raw = (e as Error).message;
    }
    const expected = [`$: not valid JSON (${raw.split(/\s+/).filter(Boolean).join(' ')})`];
    expect(raw).toMatch(/\s\s/); // V8 quotes the text, so the message holds the text's whitespace runs
    expect(problemsOf(() => parseScenarioText(text))).toEqual(expected);
    expect(problemsOf(() => parseAnyScenarioText(text))).toEqual(expected);
    expect(isScenarioV2(parseAnyScenarioText(JSON.stringify(v2)))).toBe(true);
  });

  it('leave gatherAfter out when the scenario has none, and keep it when it has one', () => {
    expect(Object.keys(parseScenario(base())).sort()).toEqual([
      'cancels',
      'children',
      'loopcheck',
      'profile',
      'returnExceptions',
    ]);
    expect(parseScenario(base({ gatherAfter: 0 })).gatherAfter).toBe(0);
  });
});

describe('problem lines, once each', () => {
  it('an invalid name is reported once per child, never again as a duplicate', () => {
    const twice = (name: unknown) => base({ children: [0, 1].map(() => ({ ...ok, name })) });
    expect(problems(twice(''))).toEqual([
      '$.children[0].name: must not be empty',
      '$.children[1].name: must not be empty',
    ]);
    expect(problems(twice('é'))).toEqual(['$.children[0].name: must be ASCII', '$.children[1].name: must be ASCII']);
    expect(problems(twice('a\u0001'))).toEqual([
      '$.children[0].name: must not contain control characters (found U+0001)',
      '$.children[1].name: must not contain control characters (found U+0001)',
    ]);
    expect(problems(twice('a/b'))).toEqual([
      '$.children[0].name: must not contain "/"',
      '$.children[1].name: must not contain "/"',
    ]);
    expect(problems(twice('awaiter'))).toEqual([
      '$.children[0].name: "awaiter" is the name of the task that calls gather',
      '$.children[1].name: "awaiter" is the name of the task that calls gather',
    ]);
    expect(problems(twice(5))).toEqual([
      '$.children[0].name: must be a string',
      '$.children[1].name: must be a string',
    ]);
  });

  it('a missing required key is reported as missing only', () => {
    expect(problems({ loopcheck: 1 })).toEqual(['$.children: is required']);
    expect(problems(base({ children: [{ name: 'g', gather: {} }] }))).toEqual([
      '$.children[0].gather.children: is required',
    ]);
    expect(problems(base({ children: [{ name: 'a', end: 'hang' }] }))).toEqual(['$.children[0].sleeps: is required']);
  });

  it('values of the wrong type get their own line, never "could not be read"', () => {
    expect(problems(base({ children: [null] }))).toEqual(['$.children[0]: must be an object']);
    expect(problems(withChild({ end: 5 }))).toEqual(['$.children[0].end: must be an object']);
    expect(problems(withChild({ end: { raise: ['E'] } }))).toEqual([
      '$.children[0].end.raise: must be an identifier (letters, digits, _; not starting with a digit)',
    ]);
    expect(problems(withChild({ end: { return: undefined } }))).toEqual([
      '$.children[0].end.return: must be a JSON value',
    ]);
  });

  it('objects nest as deep as arrays: 100 levels below the value, not more', () => {
    const nested = (levels: number): unknown => {
      let v: unknown = 1;
      for (let i = 0; i < levels; i++) v = { k: v };
      return v;
    };
    expect(problems(withChild({ end: { return: nested(100) } }))).toEqual([]);
    expect(problems(withChild({ end: { return: nested(101) } }))).toEqual([
      `$.children[0].end.return${'.k'.repeat(101)}: is nested too deeply`,
    ]);
  });

  it('a child without onCancel or task has no such keys', () => {
    const s = parseScenario(
      base({ children: [ok, { name: 'g', gather: { children: [ok] } }, { ...ok, name: 'b', task: false }] }),
    );
    expect(s.children).toStrictEqual([
      { name: 'a', sleeps: [1], end: { return: 'a' } },
      { name: 'g', gather: { returnExceptions: false, children: [{ name: 'a', sleeps: [1], end: { return: 'a' } }] } },
      { name: 'b', sleeps: [1], end: { return: 'a' }, task: false },
    ]);
  });
});
