// parseScenario's defaults and every refusal, and agreement between the validator and scenario.schema.json.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario, parseScenarioText, ScenarioError } from './scenario.ts';
import { problemsOf } from '../test/scenario-problems.ts';

const ok = { name: 'a', sleeps: [1], end: { return: 'a' } };
const base = (extra: Record<string, unknown> = {}) => ({ loopcheck: 1, children: [ok], ...extra });

const problems = (json: unknown): string[] => problemsOf(parseScenario, json);

function nest(depth: number): Record<string, unknown> {
  let child: Record<string, unknown> = ok;
  for (let d = 0; d < depth; d++) child = { name: `g${d}`, gather: { children: [child] } };
  return child;
}

/** Examples: the scenario and, when the validator refuses it, a fragment of the expected problem line. */
const examples: { what: string; json: unknown; problem?: string; schemaBlind?: boolean }[] = [
  { what: 'minimal', json: base() },
  {
    what: 'every field',
    json: base({
      profile: 'seed',
      returnExceptions: true,
      gatherAfter: 0,
      children: [
        { name: 'q "x" <script>&', sleeps: [0, 1_000_000_000], end: 'hang', onCancel: { cleanupMs: 3 }, task: true },
        { name: 'r', sleeps: [], end: { raise: 'E_1' }, onCancel: 'propagate' },
        {
          name: 's',
          onCancel: { swallow: { deep: [1, null, true] } },
          gather: { returnExceptions: true, gatherAfter: 5, children: [] },
        },
      ],
      cancels: [
        { at: 0, target: 'awaiter' },
        { at: 9, target: 'q "x" <script>&' },
      ],
    }),
  },
  { what: 'nesting of 4', json: base({ children: [nest(4)] }) },
  { what: 'empty gather', json: base({ children: [] }) },
  { what: 'not an object', json: [1], problem: '$: must be an object' },
  { what: 'missing loopcheck', json: { children: [] }, problem: '$.loopcheck: is required' },
  { what: 'wrong loopcheck', json: base({ loopcheck: 2 }), problem: '$.loopcheck: must be 1' },
  { what: 'unknown top key', json: base({ extra: 1 }), problem: '$.extra: unknown key' },
  {
    what: 'unknown child key',
    json: base({ children: [{ ...ok, sleep: [1] }] }),
    problem: '$.children[0].sleep: unknown key',
  },
  {
    what: 'unknown end key',
    json: base({ children: [{ ...ok, end: { return: 1, x: 2 } }] }),
    problem: '$.children[0].end.x: unknown key',
  },
  {
    what: 'unknown nested key',
    json: base({ children: [{ name: 'g', gather: { children: [], when: 1 } }] }),
    problem: '$.children[0].gather.when: unknown key',
  },
  {
    what: 'duplicate names',
    json: base({ children: [ok, ok] }),
    problem: '$.children[1].name: duplicate name "a"',
    schemaBlind: true,
  },
  {
    what: 'non-ASCII name',
    json: base({ children: [{ ...ok, name: 'é' }] }),
    problem: '$.children[0].name: must be ASCII',
  },
  {
    what: 'name with a newline',
    json: base({ children: [{ ...ok, name: 'a\nb' }] }),
    problem: '$.children[0].name: must not contain control characters (found U+000A)',
  },
  {
    what: 'name with a NUL',
    json: base({ children: [{ ...ok, name: '\u0000' }] }),
    problem: '$.children[0].name: must not contain control characters (found U+0000)',
  },
  {
    what: 'name with DEL',
    json: base({ children: [{ ...ok, name: 'x\u007f' }] }),
    problem: '$.children[0].name: must not contain control characters (found U+007F)',
  },
  {
    what: 'names that are Object.prototype keys',
    json: base({
      children: ['__proto__', 'constructor', 'toString', 'hasOwnProperty'].map((name) => ({ ...ok, name })),
    }),
  },
  {
    what: 'empty name',
    json: base({ children: [{ ...ok, name: '' }] }),
    problem: '$.children[0].name: must not be empty',
  },
  {
    what: 'name with /',
    json: base({ children: [{ ...ok, name: 'a/b' }] }),
    problem: '$.children[0].name: must not contain "/"',
  },
  {
    what: 'top-level awaiter',
    json: base({ children: [{ ...ok, name: 'awaiter' }] }),
    problem: '$.children[0].name: "awaiter"',
  },
  {
    what: 'negative sleep',
    json: base({ children: [{ ...ok, sleeps: [5, -1] }] }),
    problem: '$.children[0].sleeps[1]: must be an integer from 0 to 1000000000',
  },
  {
    what: 'fractional sleep',
    json: base({ children: [{ ...ok, sleeps: [1.5] }] }),
    problem: '$.children[0].sleeps[0]: must be an integer',
  },
  {
    what: 'huge sleep',
    json: base({ children: [{ ...ok, sleeps: [1_000_000_001] }] }),
    problem: '$.children[0].sleeps[0]: must be an integer',
  },
  {
    what: 'bad cleanupMs',
    json: base({ children: [{ ...ok, onCancel: { cleanupMs: '3' } }] }),
    problem: '$.children[0].onCancel.cleanupMs: must be an integer',
  },
  { what: 'bad gatherAfter', json: base({ gatherAfter: -2 }), problem: '$.gatherAfter: must be an integer' },
  {
    what: 'bad cancel at',
    json: base({ cancels: [{ at: 1e10, target: 'awaiter' }] }),
    problem: '$.cancels[0].at: must be an integer',
  },
  {
    what: '65 children',
    json: base({ children: Array.from({ length: 65 }, (_, i) => ({ ...ok, name: `c${i}` })) }),
    problem: '$.children: must have at most 64 children',
  },
  { what: 'nesting of 5', json: base({ children: [nest(5)] }), problem: '.gather: nesting deeper than 4' },
  {
    what: 'leaf with gather',
    json: base({ children: [{ ...ok, gather: { children: [] } }] }),
    problem: '$.children[0].sleeps: a gather child has no sleeps or end',
  },
  {
    what: 'gather child with end',
    json: base({ children: [{ name: 'g', end: 'hang', gather: { children: [] } }] }),
    problem: '$.children[0].end: a gather child has no sleeps or end',
  },
  {
    what: 'error name not identifier',
    json: base({ children: [{ ...ok, end: { raise: '1x' } }] }),
    problem: '$.children[0].end.raise: must be an identifier',
  },
  {
    what: 'CancelledError raised',
    json: base({ children: [{ ...ok, end: { raise: 'CancelledError' } }] }),
    problem: '$.children[0].end.raise: must not be CancelledError',
  },
  {
    what: 'bad end string',
    json: base({ children: [{ ...ok, end: 'return' }] }),
    problem: '$.children[0].end: must be "hang"',
  },
  {
    what: 'bad onCancel',
    json: base({ children: [{ ...ok, onCancel: 'ignore' }] }),
    problem: '$.children[0].onCancel: must be "propagate"',
  },
  { what: 'unknown profile', json: base({ profile: 'python2' }), problem: '$.profile: unknown profile "python2"' },
  {
    what: 'cancel target not a task',
    json: base({ cancels: [{ at: 1, target: 'a' }] }),
    problem: '$.cancels[0].target: must be "awaiter" or the path',
    schemaBlind: true,
  },
  {
    what: 'cancel target missing',
    json: base({ cancels: [{ at: 1, target: 'nope' }] }),
    problem: '$.cancels[0].target',
    schemaBlind: true,
  },
  {
    what: 'missing end',
    json: base({ children: [{ name: 'a', sleeps: [] }] }),
    problem: '$.children[0].end: is required',
  },
  {
    what: 'task not boolean',
    json: base({ children: [{ ...ok, task: 1 }] }),
    problem: '$.children[0].task: must be true or false',
  },
];

describe('parseScenario', () => {
  it('fills the defaults', () => {
    const s = parseScenario({ loopcheck: 1, children: [{ name: 'g', gather: { children: [ok] } }] });
    expect(s).toEqual({
      loopcheck: 1,
      profile: 'seed',
      returnExceptions: false,
      cancels: [],
      children: [
        {
          name: 'g',
          gather: { returnExceptions: false, children: [{ name: 'a', sleeps: [1], end: { return: 'a' } }] },
        },
      ],
    });
  });

  it('keeps a "__proto__" key of a return value as data', () => {
    const s = parseScenario(
      JSON.parse('{"loopcheck":1,"children":[{"name":"a","sleeps":[],"end":{"return":{"__proto__":{"x":1}}}}]}'),
    );
    const end = (s.children[0] as { end: { return: Record<string, unknown> } }).end.return;
    expect(Object.keys(end)).toEqual(['__proto__']);
    expect(JSON.stringify(end)).toBe('{"__proto__":{"x":1}}');
  });

  it('keeps children named like Object.prototype members as they are', () => {
    const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];
    const s = parseScenario(
      JSON.parse(
        JSON.stringify(
          base({
            children: names.map((name) => ({ ...ok, name, task: true })),
            cancels: [{ at: 1, target: '__proto__' }],
          }),
        ),
      ),
    );
    expect(s.children.map((c) => c.name)).toEqual(names);
    expect(s.cancels).toEqual([{ at: 1, target: '__proto__' }]);
  });

  it('refuses in-process values JSON cannot hold with a ScenarioError, never a raw TypeError', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const cyclicList: unknown[] = [];
    cyclicList.push(cyclicList);
    const throwing = {
      get loopcheck(): number {
        throw new TypeError('boom');
      },
      children: [],
    };
    const oddities: unknown[] = [10n, () => 1, Symbol('s'), cyclic, cyclicList, new Date(0), new Map()];
    const places: Array<(v: unknown) => unknown> = [
      (v) => v,
      (v) => base({ loopcheck: v }),
      (v) => base({ profile: v }),
      (v) => base({ returnExceptions: v }),
      (v) => base({ children: v }),
      (v) => base({ children: [v] }),
      (v) => base({ children: [{ ...ok, name: v }] }),
      (v) => base({ children: [{ ...ok, sleeps: [v] }] }),
      (v) => base({ children: [{ ...ok, end: { return: v } }] }),
      (v) => base({ children: [{ ...ok, onCancel: { swallow: v } }] }),
      (v) => base({ children: [{ name: 'g', gather: v }] }),
      (v) => base({ cancels: [{ at: v, target: v }] }),
    ];
    for (const place of places) {
      for (const v of oddities) {
        const found = problems(place(v));
        expect(found.length, String(place)).toBeGreaterThan(0);
        for (const p of found) expect(p).toMatch(/^\$[^\n]*: [^\n]+$/);
      }
    }
    expect(problems(throwing)).toEqual(['$: could not be read as a scenario (boom)']);
  });

  it('refuses empty array slots (in-process sparse arrays)', () => {
    // eslint-disable-next-line no-sparse-arrays
    expect(problems(base({ children: [, ok] }))).toEqual(['$.children[0]: must be an object']);
    // eslint-disable-next-line no-sparse-arrays
    expect(problems(base({ children: [{ ...ok, sleeps: [, 1] }] }))).toEqual([
      '$.children[0].sleeps[0]: must be an integer from 0 to 1000000000',
    ]);
    // eslint-disable-next-line no-sparse-arrays
    expect(problems(base({ children: [{ ...ok, end: { return: [, 1] } }] }))).toEqual([
      '$.children[0].end.return[0]: is an empty array slot',
    ]);
  });

  it('accepts a nested task child as a cancel target by its path', () => {
    const s = parseScenario(
      base({
        children: [{ name: 'g', gather: { children: [{ ...ok, task: true }] } }],
        cancels: [{ at: 3, target: 'g/a' }],
      }),
    );
    expect(s.cancels).toEqual([{ at: 3, target: 'g/a' }]);
  });

  for (const ex of examples) {
    it(ex.problem ? `refuses ${ex.what}` : `accepts ${ex.what}`, () => {
      const found = problems(ex.json);
      if (ex.problem)
        expect(
          found.some((p) => p.includes(ex.problem!)),
          found.join('\n'),
        ).toBe(true);
      else expect(found).toEqual([]);
      for (const p of found) expect(p).toMatch(/^\$[^\n]*: [^\n]+$/); // one line, path first
    });
  }

  it('lists every problem, one per line', () => {
    const json = base({
      loopcheck: 0,
      children: [
        { ...ok, sleeps: [-1] },
        { ...ok, name: '' },
      ],
    });
    expect(() => parseScenario(json)).toThrow(ScenarioError);
    const list = problems(json);
    expect(list.length).toBe(3);
    try {
      parseScenario(json);
    } catch (e) {
      expect((e as Error).message.split('\n')).toEqual(list);
    }
  });

  it('parseScenarioText turns a JSON syntax error into a one-line ScenarioError', () => {
    expect(() => parseScenarioText('{"loopcheck": 1,')).toThrow(ScenarioError);
    try {
      parseScenarioText('{"loopcheck": 1,\n\n');
    } catch (e) {
      expect((e as Error).message).toMatch(/^\$: not valid JSON/);
      expect((e as Error).message).not.toContain('\n');
    }
    expect(parseScenarioText(JSON.stringify(base())).children).toHaveLength(1);
  });
});

// --- a tiny evaluator for the JSON Schema keywords scenario.schema.json uses ---------------------------------
type Schema = boolean | Record<string, unknown>;
const schema = JSON.parse(readFileSync(new URL('./scenario.schema.json', import.meta.url), 'utf8')) as Record<
  string,
  unknown
>;
const USED = new Set([
  '$schema',
  '$id',
  'title',
  'description',
  'default',
  '$defs',
  'type',
  'const',
  'enum',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'maxItems',
  'minimum',
  'maximum',
  'minLength',
  'pattern',
  'not',
  'oneOf',
  'allOf',
  '$ref',
]);

function valid(s: Schema, v: unknown): boolean {
  if (s === true) return true;
  if (s === false) return false;
  for (const key of Object.keys(s))
    if (!USED.has(key)) throw new Error(`schema keyword ${key} not understood by the test`);
  if ('$ref' in s) {
    const name = String(s.$ref).replace('#/$defs/', '');
    if (!valid((schema.$defs as Record<string, Schema>)[name]!, v)) return false;
  }
  const isObj = v !== null && typeof v === 'object' && !Array.isArray(v);
  const type = s.type;
  if (type === 'object' && !isObj) return false;
  if (type === 'array' && !Array.isArray(v)) return false;
  if (type === 'string' && typeof v !== 'string') return false;
  if (type === 'boolean' && typeof v !== 'boolean') return false;
  if (type === 'integer' && !Number.isInteger(v)) return false;
  if ('const' in s && JSON.stringify(s.const) !== JSON.stringify(v)) return false;
  if ('enum' in s && !(s.enum as unknown[]).includes(v)) return false;
  if (typeof v === 'number') {
    if (typeof s.minimum === 'number' && v < s.minimum) return false;
    if (typeof s.maximum === 'number' && v > s.maximum) return false;
  }
  if (typeof v === 'string') {
    if (typeof s.minLength === 'number' && v.length < s.minLength) return false;
    if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(v)) return false;
  }
  if (Array.isArray(v)) {
    if (typeof s.maxItems === 'number' && v.length > s.maxItems) return false;
    if ('items' in s && !v.every((item) => valid(s.items as Schema, item))) return false;
  }
  if (isObj) {
    const o = v as Record<string, unknown>;
    const props = (s.properties ?? {}) as Record<string, Schema>;
    for (const r of (s.required ?? []) as string[]) if (!(r in o)) return false;
    for (const [k, item] of Object.entries(o)) {
      if (k in props) {
        if (!valid(props[k]!, item)) return false;
      } else if (s.additionalProperties === false) return false;
    }
  }
  if ('not' in s && valid(s.not as Schema, v)) return false;
  if ('allOf' in s && !(s.allOf as Schema[]).every((x) => valid(x, v))) return false;
  if ('oneOf' in s && (s.oneOf as Schema[]).filter((x) => valid(x, v)).length !== 1) return false;
  return true;
}

describe('scenario.schema.json', () => {
  it('is a draft 2020-12 schema', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });
  for (const ex of examples) {
    it(`agrees with parseScenario on: ${ex.what}`, () => {
      const validatorAccepts = problems(ex.json).length === 0;
      // the schema cannot see uniqueness or cancel targets: there it accepts what the validator refuses
      expect(valid(schema, ex.json)).toBe(ex.schemaBlind ? true : validatorAccepts);
    });
  }
});
