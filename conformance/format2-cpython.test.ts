// Format 2 on real CPython (conformance/python/loopcheck_steps.py): issue 12's examples a–f and issue 13's on
// model(cpython) ≡ CPython 3.11; each cpython/seed difference of docs/conformance.md on both; a seeded differential of
// generated format 2 scenarios (more under LOOPCHECK_FULL=1); an await cycle's cancel answered `unsupported`.
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { parseAnyScenario, parseAnyScenarioText } from '../model/scenario.ts';
import { simulate } from '../model/simulate.ts';
import type { Scenario, ScenarioV2 } from '../model/scenario-types.ts';
import type { Outcome } from '../model/outcome.ts';
import { modelOutcomeDifference } from '../properties/lib/profile-rules.ts';
import { format2ScenarioArb } from '../properties/arbitraries/format2-scenario.ts';
import { createCpythonTarget } from './targets/cpython.ts';
import { createUvloopTarget } from './targets/uvloop.ts';
import { missingModule } from './targets/python-runtime.ts';
import { FORMAT2_CPYTHON_DIFFERENCES } from './format2-cpython-cases.ts';

const python = process.env.LOOPCHECK_PYTHON ?? 'python3';
/** Why CPython cannot run format 2 here (no python3, or one older than 3.11: no asyncio.timeout), or undefined. */
const missing = missingModule(python, 'asyncio.timeouts');
const target = createCpythonTarget();
const uvloop = createUvloopTarget();
afterAll(async () => {
  await target.close?.();
  await uvloop.close?.();
});

const cpython = (s: ScenarioV2): Scenario => ({ ...s, profile: 'cpython' }) as unknown as Scenario;

/** CPython's outcomes of `scenarios` (one batch), each compared with model(cpython): the differences found. */
async function differences(scenarios: ScenarioV2[]): Promise<{ problems: string[]; unsupported: number }> {
  const batch = scenarios.map(cpython);
  const results = await target.run(batch);
  const problems: string[] = [];
  let unsupported = 0;
  results.forEach((r, i) => {
    const s = batch[i]!;
    if (!r.ok && r.kind === 'unsupported') unsupported++;
    else if (!r.ok) problems.push(`${r.kind}: ${r.error} on ${JSON.stringify(s)}`);
    else {
      const d = modelOutcomeDifference(s, simulate(s), r.outcome);
      if (d !== null) problems.push(`${d} on ${JSON.stringify(s)}`);
    }
  });
  return { problems, unsupported };
}

const examplesDir = new URL('../examples/scenarios/', import.meta.url);
const EXAMPLES = readdirSync(examplesDir)
  .filter((f) => f.startsWith('format2-'))
  .map((f) => [f, parseAnyScenarioText(readFileSync(new URL(f, examplesDir), 'utf8')) as ScenarioV2] as const);

function pick(o: Outcome, task: string): { status: string; value?: unknown; error?: string } {
  const t = task === 'awaiter' ? o.awaiter : o.children[task]!;
  return {
    status: t.status,
    ...('value' in t ? { value: t.value } : {}),
    ...('error' in t ? { error: t.error } : {}),
  };
}

describe('format 2: the cpython profile’s differences from seed (docs/conformance.md)', () => {
  for (const d of FORMAT2_CPYTHON_DIFFERENCES) {
    it(`${d.rule} (${d.choice}): seed and cpython take the sides the rule says`, () => {
      expect(pick(simulate({ ...d.scenario, profile: 'seed' }), d.task)).toEqual(d.seed);
      expect(pick(simulate({ ...d.scenario, profile: 'cpython' }), d.task)).toEqual(d.cpython);
    });
  }
});

describe('format 2 on CPython 3.11: model(cpython) ≡ the runtime', () => {
  it('issue 12 a–f and issue 13 examples (examples/scenarios/format2-*.json)', async (context) => {
    if (missing !== undefined) context.skip(missing);
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(8);
    const { problems, unsupported } = await differences(EXAMPLES.map(([, s]) => s));
    expect(problems).toEqual([]);
    expect(unsupported).toBe(0);
  });
  it('each cpython/seed difference: CPython takes the cpython side', async (context) => {
    if (missing !== undefined) context.skip(missing);
    const results = await target.run(FORMAT2_CPYTHON_DIFFERENCES.map((d) => cpython(d.scenario)));
    FORMAT2_CPYTHON_DIFFERENCES.forEach((d, i) => {
      const r = results[i]!;
      expect(r.ok, d.rule).toBe(true);
      if (r.ok) expect(pick(r.outcome, d.task), d.rule).toEqual(d.cpython);
    });
  });
  it('a seeded differential of generated format 2 scenarios', async (context) => {
    if (missing !== undefined) context.skip(missing);
    const runs = process.env.LOOPCHECK_FULL === '1' ? 1000 : 40;
    const scenarios = fc.sample(format2ScenarioArb, { seed: 20261130, numRuns: runs });
    const { problems, unsupported } = await differences(scenarios);
    expect(problems).toEqual([]);
    expect(unsupported).toBeLessThan(runs / 10); // only await cycles reached by a cancel
  });
  it('a cancel reaching an await cycle is answered unsupported (3.11’s Task.cancel recurses), never a crash', async (context) => {
    if (missing !== undefined) context.skip(missing);
    const cycle = parseAnyScenario({
      loopcheck: 2,
      children: [
        { name: 'a', task: true, steps: [{ await: 'b' }] },
        { name: 'b', task: true, steps: [{ await: 'a' }] },
      ],
      cancels: [{ at: 1, target: 'awaiter' }],
    }) as ScenarioV2;
    const [r] = await target.run([cpython(cycle)]);
    expect(r).toMatchObject({ ok: false, kind: 'unsupported' });
    expect((r as { error: string }).error).toContain('RecursionError');
    // the same cycle nobody cancels is a deadlock: pending, as the model says
    const { problems } = await differences([{ ...cycle, cancels: [] }]);
    expect(problems).toEqual([]);
  });
  it('uvloop runs the examples without a shutdown as model(cpython) says, and refuses a shutdown', async (context) => {
    const why = await uvloop.unavailable?.();
    if (why !== undefined) context.skip(why);
    const batch = EXAMPLES.map(([, s]) => cpython(s));
    const results = await uvloop.run(batch);
    results.forEach((r, i) => {
      const s = batch[i]! as unknown as ScenarioV2;
      if (s.shutdown) expect(r, EXAMPLES[i]![0]).toMatchObject({ ok: false, kind: 'unsupported' });
      else {
        expect(r.ok, EXAMPLES[i]![0]).toBe(true);
        if (r.ok) expect(modelOutcomeDifference(batch[i]!, simulate(batch[i]!), r.outcome)).toBeNull();
      }
    });
    expect(EXAMPLES.some(([, s]) => s.shutdown)).toBe(true);
  });
});
