// The micropython target on scenario format 2 (docs/rules.md §4b, §7 T4f-m/R1m/F2m): the format 2 examples and a
// seeded differential of generated scenarios against the model's micropython profile (any allowed tie order).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parseAnyScenario, ScenarioError } from '../../model/scenario.ts';
import type { AnyScenario, Scenario } from '../../model/scenario-types.ts';
import type { Outcome } from '../../model/outcome.ts';
import { simulate } from '../../model/simulate.ts';
import type { Target, TargetResult } from '../../properties/target.ts';
import { hasOpenTie, modelOutcomeDifference } from '../../properties/lib/profile-rules.ts';
import { format2MicroPythonScenarioArb } from '../../properties/arbitraries/format2-micropython-scenario.ts';
import { judge } from '../../properties/evaluate.ts';
import { cancelThroughChain } from '../../properties/rules/index.ts';
import { createMicroPythonTarget } from './micropython.ts';

const EXAMPLES = new URL('../../examples/scenarios/', import.meta.url);
const FULL = process.env.LOOPCHECK_FULL === '1';

/** An example file as JSON with profile micropython. */
function exampleJson(name: string): Record<string, unknown> {
  return { ...JSON.parse(readFileSync(new URL(`format2-${name}.json`, EXAMPLES), 'utf8')), profile: 'micropython' };
}

/** Read under micropython, or (refused there, F2m) under seed with the profile set afterwards, for the target. */
function forTarget(json: Record<string, unknown>): { scenario: AnyScenario; refused: string[] } {
  try {
    return { scenario: parseAnyScenario(json), refused: [] };
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    return {
      scenario: { ...parseAnyScenario({ ...json, profile: 'seed' }), profile: 'micropython' },
      refused: e.problems,
    };
  }
}

function outcomeOf(result: TargetResult | undefined): Outcome {
  if (!result?.ok) throw new Error(`target failed: ${JSON.stringify(result)}`);
  return result.outcome;
}

/** How the target's outcome differs from every outcome the micropython profile allows, or null. */
function difference(scenario: AnyScenario, observed: Outcome): string | null {
  return modelOutcomeDifference(scenario as Scenario, simulate(scenario), observed);
}

let target: Target;
beforeAll(() => {
  target = createMicroPythonTarget();
});
afterAll(async () => {
  await target.close?.();
});

const run = async (scenario: AnyScenario): Promise<TargetResult> => (await target.run([scenario as Scenario]))[0]!;

describe('micropython target, format 2 examples', () => {
  const names = readdirSync(EXAMPLES)
    .filter((f) => f.startsWith('format2-') && f.endsWith('.json'))
    .map((f) => f.slice('format2-'.length, -'.json'.length));

  it('every example the profile reads gives an outcome the model allows', async () => {
    const read = names.filter((n) => forTarget(exampleJson(n)).refused.length === 0);
    expect(read).toEqual(
      expect.arrayContaining(['b-self-cancel', 'c-cancel-forwarded-micropython', 'e-child-cancelled-on-its-own']),
    );
    for (const name of read) {
      const { scenario } = forTarget(exampleJson(name));
      expect(difference(scenario, outcomeOf(await run(scenario))), name).toBeNull();
    }
  });

  it('shield and timeouts: the model refuses them under the profile and the target answers unsupported (F2m)', async () => {
    for (const name of ['shield', 'timeout', 'fetch-timeout-in-gather']) {
      const { scenario, refused } = forTarget(exampleJson(name));
      expect(refused.join('\n'), name).toMatch(/profile micropython has no (shield|timeout scope)/);
      expect(await run(scenario), name).toMatchObject({ ok: false, kind: 'unsupported' });
    }
  });

  it('b (T4f-m): the self-cancel raises RuntimeError in the task', async () => {
    const o = outcomeOf(await run(forTarget(exampleJson('b-self-cancel')).scenario));
    expect(o.children.s).toMatchObject({ status: 'raised', error: 'RuntimeError' });
  });

  it('f (R1m): the task left at shutdown stays pending, nothing cancelled, the run ends with the awaiter', async () => {
    const o = outcomeOf(await run(forTarget(exampleJson('f-shutdown')).scenario));
    expect(o.children.left!.status).toBe('pending');
    expect(o.end).toBe(o.awaiter.at);
    expect(o.trace.some((e) => e.event === 'cancel-requested')).toBe(false);
  });

  it('a and c as seed writes them: refused by the profile; MicroPython runs them its own way (docs/conformance.md)', async () => {
    // a: one coroutine wrapped into two tasks stepping it (funcs.py gather: _promote_to_task per argument)
    const a = forTarget(exampleJson('a-same-coroutine-twice'));
    expect(a.refused).toEqual([expect.stringContaining('$.args[1]: profile micropython has no gather')]);
    const ao = outcomeOf(await run(a.scenario));
    expect(ao.awaiter).toMatchObject({ status: 'returned', value: [null, 7] });
    // c: t1 is gathered, so t2's await of it raises RuntimeError "can't wait" (task.py Task.__iter__)
    const c = forTarget(exampleJson('c-cancel-forwarded'));
    expect(c.refused).toEqual([expect.stringContaining('steps[0].await: profile micropython has no await')]);
    const co = outcomeOf(await run(c.scenario));
    expect(co.children.t2).toMatchObject({ status: 'raised', error: 'RuntimeError' });
  });
});

describe('micropython target, format 2: what the profile refuses because MicroPython breaks on it', () => {
  it('a running task gathered twice: RuntimeError in the awaiter, then its done callback crashes the scheduler', async () => {
    const json = {
      loopcheck: 2,
      args: ['t', 't'],
      children: [{ name: 't', task: true, sleeps: [5], end: { return: 7 } }],
    };
    expect(() => parseAnyScenario({ ...json, profile: 'micropython' })).toThrow(/\$\.args\[1\]: profile micropython/);
    const r = await run({ ...parseAnyScenario(json), profile: 'micropython' });
    expect(r).toMatchObject({ ok: false, kind: 'crash' });
    expect(!r.ok && r.error).toMatch(/NameError/);
  });
});

describe('micropython target, format 2: cancel-through-chain (CH1 under G6m)', () => {
  const mp = (json: object): Scenario =>
    parseAnyScenario({
      loopcheck: 2,
      profile: 'micropython',
      returnExceptions: false,
      cancels: [],
      ...json,
    }) as unknown as Scenario;
  // the awaiter cancelled @3: when it runs, its gather cancels c1 (MicroPython's cancel walks c1's await to c0, the
  // chain's last task: only c0 traces a request, T4g) and g, whose own gather cancels x when g runs (G6m)
  const chain = mp({
    args: ['c1', 'g'],
    children: [
      { name: 'c0', task: true, steps: [{ sleep: 10 }] },
      { name: 'c1', steps: [{ await: 'c0' }] },
      { name: 'g', gather: { returnExceptions: false, children: [{ name: 'x', sleeps: [10], end: { return: 1 } }] } },
    ],
    cancels: [{ at: 3, target: 'awaiter' }],
  });
  // c0 awaits the awaiter that gathers it: the gather's cancel of c0 walks back to the running awaiter, lost (T4g-m)
  const cycle = mp({
    args: ['c0'],
    children: [{ name: 'c0', steps: [{ await: 'awaiter' }, { raise: 'ValueError' }], onCancel: { swallow: 's' } }],
    cancels: [{ at: 0, target: 'awaiter' }],
  });
  // c1 awaits t0 (done @1), then t1 when the awaiter is cancelled @3: the chain is read at c1's second await
  const secondAwait = mp({
    args: ['c1'],
    children: [
      { name: 't0', task: true, steps: [{ sleep: 1 }, { return: 0 }] },
      { name: 't1', task: true, steps: [{ sleep: 10 }, { return: 1 }] },
      { name: 'c1', steps: [{ await: 't0' }, { await: 't1' }] },
    ],
    cancels: [{ at: 3, target: 'awaiter' }],
  });
  it('holds on the runtime, engaged through the chain and the nested gather, and not misled by a lost cancel', async () => {
    const [onChain, onCycle, onSecond] = await target.run([chain, cycle, secondAwait]);
    expect(judge(cancelThroughChain, chain, outcomeOf(onChain))).toEqual({ violation: null, engaged: true });
    expect(outcomeOf(onChain).trace.some((e) => e.task === 'c1' && e.event === 'cancel-requested')).toBe(false);
    expect(judge(cancelThroughChain, cycle, outcomeOf(onCycle)).violation).toBeNull();
    expect(judge(cancelThroughChain, secondAwait, outcomeOf(onSecond))).toEqual({ violation: null, engaged: true });
    for (const s of [chain, cycle, secondAwait]) expect(judge(cancelThroughChain, s, simulate(s)).violation).toBeNull();
  });
});

describe('micropython target, format 2: differential against the micropython profile', () => {
  const runs = FULL ? 300 : 12;
  it(`${runs} generated scenarios (seed 20261130): each outcome is one the model allows`, async () => {
    const cases = fc.sample(format2MicroPythonScenarioArb, { numRuns: runs, seed: 20261130 });
    const results = await target.run(cases as unknown as Scenario[]);
    const problems: string[] = [];
    let compared = 0;
    results.forEach((r, i) => {
      const s = cases[i]!;
      if (!r.ok) {
        problems.push(`${JSON.stringify(s)}: ${r.kind} ${r.error}`);
        return;
      }
      const model = simulate(s);
      if (hasOpenTie(s as unknown as Scenario, model, r.outcome)) return; // TIE: orders past the bound
      compared++;
      const d = difference(s, r.outcome);
      if (d !== null) problems.push(`${JSON.stringify(s)}: ${d}`);
    });
    expect(problems).toEqual([]);
    expect(compared).toBeGreaterThan(runs / 2);
  });
});
