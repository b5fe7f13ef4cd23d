// The conformance targets run real runtimes: the seed example, sibling failure, cancel, hang, timeouts, round trips.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScenario } from '../model/scenario.ts';
import type { Scenario } from '../model/scenario-types.ts';
import type { Outcome } from '../model/outcome.ts';
import type { Target, TargetResult } from '../properties/target.ts';
import { TARGET_NAMES, createCpythonTarget, createMicroPythonTarget, loadTarget } from './targets/index.ts';
import { readFileSync } from 'node:fs';
import { parseScenarioText } from '../model/scenario.ts';
import { simulate } from '../model/simulate.ts';
import { runOnLoop } from '../properties/run-on-loop.ts';
import { outcomeViolations } from '../properties/rules/index.ts';
import { firstDifference } from '../properties/format/first-difference.ts';

const scenario = (json: object): Scenario => parseScenario({ loopcheck: 1, profile: 'seed', cancels: [], ...json });

function outcomeOf(result: TargetResult | undefined): Outcome {
  if (!result?.ok) throw new Error(`target failed: ${JSON.stringify(result)}`);
  return result.outcome;
}

/** The seed chapter's example: fetch("a", 100), fetch("b", 200), fetch("c", 50) -> ['a','b','c'] after 200 ms. */
const SEED_EXAMPLE = scenario({
  children: [
    { name: 'a', sleeps: [100], end: { return: 'a' } },
    { name: 'b', sleeps: [200], end: { return: 'b' } },
    { name: 'c', sleeps: [50], end: { return: 'c' } },
  ],
});

const SIBLING_FAILS = scenario({
  children: [
    { name: 'fails', sleeps: [100], end: { raise: 'Boom' } },
    { name: 'sibling', sleeps: [200], end: { return: 'late' } },
  ],
});

const AWAITER_CANCEL = scenario({
  cancels: [{ at: 50, target: 'awaiter' }],
  children: [
    { name: 'slow', sleeps: [100], end: { return: 1 } },
    { name: 'stuck', sleeps: [], end: 'hang' },
  ],
});

const HANG = scenario({ children: [{ name: 'stuck', sleeps: [10], end: 'hang' }] });

const targets = new Map<string, Target>();
/** Targets whose runtime is not installed here (npm run setup:python): their tests are skipped with the reason. */
const missing = new Map<string, string>();
beforeAll(async () => {
  for (const name of TARGET_NAMES) {
    const target = await loadTarget(name);
    targets.set(name, target);
    const why = await target.unavailable?.();
    if (why !== undefined) missing.set(name, why);
  }
});

/** Skips the running test when `name`'s runtime is missing (a missing runtime is never a failure). */
function skipIfMissing(name: string, context: { skip: (note?: string) => void }): void {
  const why = missing.get(name);
  if (why !== undefined) context.skip(why);
}
afterAll(async () => {
  for (const target of targets.values()) await target.close?.();
});

describe.each(TARGET_NAMES)('target %s', (name) => {
  const run = async (s: Scenario) => outcomeOf((await targets.get(name)!.run([s]))[0]);

  it('runs the seed example: results in argument order after the slowest child', async (context) => {
    skipIfMissing(name, context);
    const outcome = await run(SEED_EXAMPLE);
    expect(outcome.awaiter).toEqual({ status: 'returned', value: ['a', 'b', 'c'], at: 200 });
    expect(outcome.end).toBe(200);
    expect(Object.keys(outcome.children)).toEqual(['a', 'b', 'c']);
    for (const [child, sleep] of [
      ['a', 100],
      ['b', 200],
      ['c', 50],
    ] as const) {
      expect(outcome.children[child]).toEqual({ status: 'returned', value: child, at: sleep });
      const events = outcome.trace.filter((e) => e.task === child).map((e) => e.event);
      expect(events[0]).toBe('created');
      expect(events.at(-1)).toBe('returned');
    }
  });

  it('cancels the awaiter: it and every child end cancelled, the request is in the trace', async (context) => {
    skipIfMissing(name, context);
    const outcome = await run(AWAITER_CANCEL);
    expect(outcome.trace).toContainEqual({ at: 50, task: 'awaiter', event: 'cancel-requested' });
    if (name === 'promise-all' || name === 'promise-allsettled') {
      // The combinator ignores the awaiter's abort signal and cancels no child: `slow` returns, `stuck` hangs, and
      // the awaiter (its cancel pending, rules T4d) waits for a settlement that never comes.
      expect(outcome.children.slow).toEqual({ status: 'returned', value: 1, at: 100 });
      expect(outcome.children.stuck?.status).toBe('pending');
      expect(outcome.awaiter.status).toBe('pending');
      return;
    }
    expect(outcome.awaiter.status).toBe('cancelled');
    expect(outcome.children.slow?.status).toBe('cancelled');
    expect(outcome.children.stuck?.status).toBe('cancelled');
  });

  it('reports a hang as pending when the loop goes idle', async (context) => {
    skipIfMissing(name, context);
    const outcome = await run(HANG);
    expect(outcome.awaiter).toEqual({ status: 'pending', at: 10 });
    expect(outcome.children.stuck).toEqual({ status: 'pending', at: 10 });
    expect(outcome.end).toBe(10);
  });
});

describe.each(['trio', 'anyio', 'effection'])('%s (structured) on a failing child', (name) => {
  it('cancels the sibling and re-raises the error once the sibling ended (the seed rule G3)', async (context) => {
    skipIfMissing(name, context);
    const outcome = outcomeOf((await targets.get(name)!.run([SIBLING_FAILS]))[0]);
    expect(outcome.awaiter).toEqual({ status: 'raised', error: 'Boom', at: 100 });
    expect(outcome.children.sibling).toEqual({ status: 'cancelled', at: 100 });
    const events = outcome.trace.map((e) => `${e.task} ${e.event}`);
    expect(events.indexOf('sibling cancel-requested')).toBeGreaterThan(events.indexOf('fails raised'));
  });
});

describe.each(['cpython', 'micropython', 'uvloop'])('%s gather on a failing child', (name) => {
  it('re-raises the first error and lets the sibling keep running (not the seed rule)', async (context) => {
    skipIfMissing(name, context);
    const outcome = outcomeOf((await targets.get(name)!.run([SIBLING_FAILS]))[0]);
    expect(outcome.awaiter).toEqual({ status: 'raised', error: 'Boom', at: 100 });
    expect(outcome.children.sibling).toEqual({ status: 'returned', value: 'late', at: 200 });
    expect(outcome.trace.some((e) => e.task === 'sibling' && e.event === 'cancel-requested')).toBe(false);
  });
});

describe('per-case timeout and crashes', () => {
  const spin = scenario({ children: [{ name: 'spin', sleeps: [], end: { return: 0 } }] });
  const exit = scenario({ children: [{ name: 'exit', sleeps: [], end: { return: 0 } }] });

  it('stops a Python case that loops forever or kills its process; the batch goes on', async () => {
    const target = createCpythonTarget({ extraArgs: ['--test-spin-on', 'spin', '--test-exit-on', 'exit'] });
    try {
      const results = await target.run([SEED_EXAMPLE, spin, SEED_EXAMPLE, exit, SEED_EXAMPLE], { timeoutMs: 500 });
      expect(results.map((r) => (r.ok ? 'ok' : r.kind))).toEqual(['ok', 'timeout', 'ok', 'crash', 'ok']);
      expect(outcomeOf(results[4]).awaiter.value).toEqual(['a', 'b', 'c']);
    } finally {
      await target.close?.();
    }
  });

  it('stops a MicroPython case that loops forever; the batch goes on', async () => {
    const target = createMicroPythonTarget({ extraArgs: ['--test-spin-on', 'spin', '--test-exit-on', 'exit'] });
    try {
      const results = await target.run([spin, SEED_EXAMPLE, exit, SEED_EXAMPLE], { timeoutMs: 500 });
      expect(results.map((r) => (r.ok ? 'ok' : r.kind))).toEqual(['timeout', 'ok', 'crash', 'ok']);
      expect(outcomeOf(results[3]).awaiter.value).toEqual(['a', 'b', 'c']);
    } finally {
      await target.close?.();
    }
  });

  it('stops a user adapter that never answers; the batch goes on', async () => {
    const target = await loadTarget('./conformance/fixtures/hanging-adapter.ts');
    const hang = scenario({ children: [{ name: 'hang-forever', sleeps: [], end: { return: 0 } }] });
    const results = await target.run([hang, SEED_EXAMPLE], { timeoutMs: 300 });
    expect(results.map((r) => (r.ok ? 'ok' : r.kind))).toEqual(['timeout', 'ok']);
  });
});

describe('loadTarget', () => {
  it('gives a one-line error for an unknown name, a missing module, a module without a Target', async () => {
    for (const spec of [
      'no-such-target',
      'constructor',
      '__proto__',
      'toString',
      './conformance/fixtures/missing.ts',
      './conformance/fixtures/not-an-adapter.ts',
    ]) {
      const error = await loadTarget(spec).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(error?.message).toMatch(/unknown target|not found|exports no Target/);
      expect(error?.message).not.toContain('\n');
    }
  });
});

describe.each(['cpython', 'micropython'])('%s round trip', (name) => {
  // names are printable ASCII (the validator refuses control characters); values carry them
  const awkward = [
    'q"uote',
    "it's",
    'back\\slash',
    'new\\nline',
    'tri"""ple',
    "'); import os #",
    '\\"\' {}',
    '__proto__',
    'constructor',
  ];
  const values = [
    ...awkward.map((n) => `${n}\n\t\u0001`),
    'é → 😀 中文 \u0000',
    { 'k"ey\n': ['x\\y', 1.5, -3, null, true] },
    12345678901234,
  ];

  it('brings child names and return values back unchanged', async () => {
    const s = scenario({
      returnExceptions: true,
      children: [
        ...awkward.map((n, i) => ({ name: n, sleeps: [i], end: { return: values[i] } })),
        { name: 'unicode', sleeps: [], end: { return: values[awkward.length] } },
        { name: 'object', sleeps: [], end: { return: values[awkward.length + 1] } },
        { name: 'big', sleeps: [], end: { return: values[awkward.length + 2] } },
        { name: 'nest"ed\\n', gather: { children: [{ name: "in'ner\\", sleeps: [1], end: { return: '"""' } }] } },
      ],
    });
    const outcome = outcomeOf((await targets.get(name)!.run([s]))[0]);
    const names = [...awkward, 'unicode', 'object', 'big'];
    expect(outcome.awaiter.value).toEqual([...values, ['"""']]);
    names.forEach((n, i) => {
      expect(outcome.children[n]).toMatchObject({ status: 'returned', value: values[i] });
    });
    expect(outcome.children['nest"ed\\n/in\'ner\\']).toMatchObject({ status: 'returned', value: '"""' });
    expect(Object.keys(outcome.children)).toEqual([...names, 'nest"ed\\n', 'nest"ed\\n/in\'ner\\']);
    expect(new Set(outcome.trace.map((e) => e.task))).toEqual(
      new Set(['awaiter', ...names, 'nest"ed\\n', 'nest"ed\\n/in\'ner\\']),
    );
  });
});

describe('children named like Object.prototype members (examples/scenarios/names-that-are-keys.json)', () => {
  const keys = parseScenarioText(
    readFileSync(new URL('../examples/scenarios/names-that-are-keys.json', import.meta.url), 'utf8'),
  );
  // a JS object lists integer-like keys ("2", "10") first, ascending, then the others in scenario order
  const paths = [
    '2',
    '10',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    'hasOwnProperty/__proto__',
    'hasOwnProperty/valueOf',
  ];
  // the same scenario with plain names: a target must treat a name as data, so both runs match name for name
  const plain = parseScenarioText(
    JSON.stringify(keys).replace(
      /"(__proto__|constructor|toString|hasOwnProperty|valueOf|10|2)"(?=,"(sleeps|task|gather)")/g,
      '"x$1"',
    ),
  );
  const unplain = (o: Outcome): Outcome =>
    JSON.parse(
      JSON.stringify(o).replace(/x(__proto__|constructor|toString|hasOwnProperty|valueOf|10|2)\b/g, '$1'),
    ) as Outcome;
  const model = simulate(keys);
  const runners: Array<[string, (s: Scenario) => Promise<Outcome>]> = [
    ['model', async (s) => simulate(s)],
    ['impl', async (s) => runOnLoop(s)],
    ...TARGET_NAMES.map((name): [string, (s: Scenario) => Promise<Outcome>] => [
      name,
      async (s) => outcomeOf((await targets.get(name)!.run([s]))[0]),
    ]),
  ];

  it('has the scenario the test means', () => {
    expect(plain.children.map((c) => c.name)).toEqual([
      'x__proto__',
      'xconstructor',
      'xtoString',
      'x10',
      'xhasOwnProperty',
      'x2',
    ]);
    expect(Object.keys(model.children)).toEqual(paths);
    expect(outcomeViolations(keys, model)).toEqual([]);
    expect(firstDifference(model, runOnLoop(keys))).toBeNull();
  });

  it.for(runners)(
    '%s lists every child as an own entry, as it does under plain names, and agrees with the model',
    async ([name, run], context) => {
      if (name !== 'model' && name !== 'impl') skipIfMissing(name, context);
      const outcome = await run(keys);
      expect(Object.keys(outcome.children)).toEqual(paths);
      expect(Object.getPrototypeOf(outcome.children)).toBe(Object.prototype);
      expect(outcome).toEqual(unplain(await run(plain)));
      expect(firstDifference({ ...model, trace: [] }, { ...outcome, trace: [] })).toBeNull();
    },
  );
});
