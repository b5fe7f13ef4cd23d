// scenario-v2.schema.json agrees with parseAnyScenario on format 2 shapes (what a schema can see).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseAnyScenario } from './scenario.ts';

type Schema = boolean | Record<string, unknown>;
const schema = JSON.parse(readFileSync(new URL('./scenario-v2.schema.json', import.meta.url), 'utf8')) as Record<
  string,
  unknown
>;

/** The keywords the schema uses, nothing more (as model/scenario.test.ts does for format 1). */
function valid(s: Schema, v: unknown): boolean {
  if (typeof s === 'boolean') return s;
  if ('$ref' in s && !valid((schema.$defs as Record<string, Schema>)[String(s.$ref).replace('#/$defs/', '')]!, v))
    return false;
  const isObj = v !== null && typeof v === 'object' && !Array.isArray(v);
  if (s.type === 'object' && !isObj) return false;
  if (s.type === 'array' && !Array.isArray(v)) return false;
  if (s.type === 'string' && typeof v !== 'string') return false;
  if (s.type === 'boolean' && typeof v !== 'boolean') return false;
  if (s.type === 'integer' && !Number.isInteger(v)) return false;
  if ('const' in s && JSON.stringify(s.const) !== JSON.stringify(v)) return false;
  if (Array.isArray(s.enum) && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(v))) return false;
  if (
    typeof v === 'number' &&
    ((typeof s.minimum === 'number' && v < s.minimum) || (typeof s.maximum === 'number' && v > s.maximum))
  )
    return false;
  if (
    typeof v === 'string' &&
    ((typeof s.minLength === 'number' && v.length < s.minLength) ||
      (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(v)))
  )
    return false;
  if (
    Array.isArray(v) &&
    ((typeof s.maxItems === 'number' && v.length > s.maxItems) ||
      ('items' in s && !v.every((x) => valid(s.items as Schema, x))))
  )
    return false;
  if (isObj) {
    const o = v as Record<string, unknown>;
    const props = (s.properties ?? {}) as Record<string, Schema>;
    for (const r of (s.required ?? []) as string[]) if (!(r in o)) return false;
    for (const [k, x] of Object.entries(o))
      if (k in props ? !valid(props[k]!, x) : s.additionalProperties === false) return false;
  }
  if ('not' in s && valid(s.not as Schema, v)) return false;
  if ('allOf' in s && !(s.allOf as Schema[]).every((x) => valid(x, v))) return false;
  if ('oneOf' in s && (s.oneOf as Schema[]).filter((x) => valid(x, v)).length !== 1) return false;
  return true;
}

function accepted(json: unknown): boolean {
  try {
    parseAnyScenario(json);
    return true;
  } catch {
    return false;
  }
}

const examples: { what: string; json: unknown }[] = [
  {
    what: 'the spec example',
    json: {
      loopcheck: 2,
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
    },
  },
  {
    what: 'a format 1 leaf and a nested gather inside format 2',
    json: {
      loopcheck: 2,
      children: [
        { name: 'a', sleeps: [1], end: 'hang' },
        { name: 'g', gather: { timeoutMs: 5, children: [{ name: 'x', steps: ['hang'] }] } },
      ],
    },
  },
  { what: 'an unknown step', json: { loopcheck: 2, children: [{ name: 'a', steps: [{ jump: 1 }] }] } },
  {
    what: 'a step with two kinds',
    json: { loopcheck: 2, children: [{ name: 'a', steps: [{ sleep: 1, await: 'b' }] }] },
  },
  { what: 'a negative sleep', json: { loopcheck: 2, children: [{ name: 'a', steps: [{ sleep: -1 }] }] } },
  { what: 'cpython', json: { loopcheck: 2, profile: 'cpython', children: [] } },
  { what: 'micropython', json: { loopcheck: 2, profile: 'micropython', children: [] } },
  {
    what: 'a created child with task',
    json: {
      loopcheck: 2,
      children: [{ name: 'a', steps: [{ create: { name: 'h', task: true, sleeps: [], end: 'hang' } }] }],
    },
  },
  { what: 'an unknown top key', json: { loopcheck: 2, children: [], wat: 1 } },
  { what: 'a child named awaiter', json: { loopcheck: 2, children: [{ name: 'awaiter', steps: ['hang'] }] } },
];

describe('scenario-v2.schema.json', () => {
  it('is a draft 2020-12 schema', () => expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema'));
  for (const ex of examples)
    it(`agrees with parseAnyScenario on: ${ex.what}`, () => expect(valid(schema, ex.json)).toBe(accepted(ex.json)));
});
