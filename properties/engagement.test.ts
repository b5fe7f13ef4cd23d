// Engagement: verdicts are tri-state, one tally counts them, the vacuity rule fails a run that rests on too few
// comparisons, and the default generators engage every property on at least a quarter of cases in every profile.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Profile, Scenario } from '../model/scenario-types.ts';
import { simulate } from '../model/index.ts';
import { PROPERTIES, findProperty, propertiesFor } from './rules/index.ts';
import { HELD, NOT_APPLICABLE, type OutcomeProperty, type PropertySpec } from './rules/property-types.ts';
import { judge } from './evaluate.ts';
import { EngagementTally, VACUITY_THRESHOLD, engagedText, vacuity, vacuityLimit } from './engagement.ts';
import { checkPropertySync } from './checker.ts';
import { implRunner, modelRunner, type SyncRunner } from './runners.ts';
import { checkArb, scenarioArb } from './arbitraries/index.ts';
import { TEST_SEED } from './config.ts';
import { judgesFormat } from './format2/readiness.ts';
import { junitXml } from './format/junit.ts';
import { resultRow } from '../cli/commands/check.ts';

const lone: Scenario = { loopcheck: 1, profile: 'seed', returnExceptions: false, children: [], cancels: [] };
const one: Scenario = { ...lone, children: [{ name: 'a', sleeps: [1], end: { return: 1 } }] };

describe('tri-state verdicts', () => {
  it('judge reads not applicable, held, violated and a crashing check', () => {
    const p = (verdict: () => ReturnType<OutcomeProperty['check']>): OutcomeProperty => ({
      kind: 'outcome',
      name: 'p',
      description: '',
      profiles: ['seed'],
      check: verdict,
    });
    const o = simulate(one);
    expect(
      judge(
        p(() => NOT_APPLICABLE),
        one,
        o,
      ),
    ).toEqual({ violation: null, engaged: false });
    expect(
      judge(
        p(() => HELD),
        one,
        o,
      ),
    ).toEqual({ violation: null, engaged: true });
    expect(
      judge(
        p(() => 'broken'),
        one,
        o,
      ),
    ).toEqual({ violation: 'broken', engaged: true });
    expect(
      judge(
        p(() => {
          throw new Error('oops');
        }),
        one,
        o,
      ),
    ).toEqual({ violation: 'the check p crashed: oops', engaged: true });
  });

  it('every outcome rule says "not applicable" on a gather of one child that returns, except those it engages', () => {
    // One returning child: no order, no failure, no cancel, not empty — only task-identity and nothing-lost have work.
    for (const profile of ['seed', 'cpython', 'micropython'] as const) {
      const s = { ...one, profile };
      const o = simulate(s);
      for (const p of propertiesFor(profile)) {
        if (p.kind !== 'outcome') continue;
        const want = p.name === 'task-identity' || p.name === 'nothing-lost' ? HELD : NOT_APPLICABLE;
        expect(p.check(s, o), `${p.name} under ${profile}`).toBe(want);
      }
    }
  });

  it('a format 2 case is not one of the cases of a property that reads format 1 only (n/a, never vacuous)', () => {
    const v2 = { ...one, loopcheck: 2, shutdown: false } as unknown as Scenario;
    const o = simulate(v2);
    const only1 = PROPERTIES.find((p) => p.name === 'siblings-keep-running')!;
    const tally = new EngagementTally();
    tally.record(judge(only1, v2, o));
    expect(judge(only1, v2, o)).toEqual({ violation: null, engaged: false, unjudged: 2 });
    expect(tally.cases).toBe(0);
    expect(tally.unjudged).toEqual({ 2: 1 });
    tally.record(judge(only1, one, simulate(one)));
    expect(tally.cases).toBe(1);
  });

  it('empty-gather engages on an empty gather, and nothing-lost does not', () => {
    const o = simulate(lone);
    const byName = (n: string) => PROPERTIES.find((p) => p.name === n) as OutcomeProperty;
    expect(byName('empty-gather').check(lone, o)).toBe(HELD);
    expect(byName('nothing-lost').check(lone, o)).toBe(NOT_APPLICABLE);
  });
});

describe('the vacuity rule', () => {
  it('fails clearly below the threshold, notes a share within chance of it, and passes a property declared rare', () => {
    expect(vacuity({}, 300, 6)).toEqual({
      vacuous: true,
      note: `vacuous: engaged 6 of 300 (2%), below ${VACUITY_THRESHOLD * 100}%`,
    });
    expect(vacuity({}, 300, 75)).toEqual({ vacuous: false });
    // 300 cases: 75 is a quarter, two deviations below is 60.
    expect(Math.ceil(vacuityLimit(300))).toBe(60);
    expect(vacuity({}, 300, 59).vacuous).toBe(true);
    expect(vacuity({}, 300, 60)).toEqual({
      vacuous: false,
      note: 'engaged 60 of 300 (20%): below 25% but within chance (vacuous under 60)',
    });
    expect(vacuity({}, 100, 16).vacuous).toBe(true);
    expect(vacuity({}, 100, 17).vacuous).toBe(false);
    expect(vacuity({}, 5, 0).vacuous).toBe(false);
    expect(vacuity({ rare: 'needs a cancel inside a cleanup' }, 300, 6)).toEqual({
      vacuous: false,
      note: 'engaged 6 of 300 (2%), rare by declaration: needs a cancel inside a cleanup',
    });
    expect(engagedText(0, 0)).toBe('engaged 0 of 0');
  });

  const never: OutcomeProperty = {
    kind: 'outcome',
    name: 'never',
    description: 'engages on nothing',
    profiles: ['seed'],
    check: () => NOT_APPLICABLE,
  };
  const half: OutcomeProperty = {
    kind: 'outcome',
    name: 'half',
    description: '',
    profiles: ['seed'],
    check: (s) => (s.children.length % 2 === 0 ? HELD : NOT_APPLICABLE),
  };

  it('a check that never engages is vacuous (a failed run), one declared rare passes with its reason repeated', () => {
    const r = checkPropertySync(never, modelRunner, { runs: 80, seed: TEST_SEED, failuresDir: null });
    expect(r.status).toBe('vacuous');
    expect(r.engaged).toBe(0);
    expect(r.note).toBe('vacuous: engaged 0 of 80 (0%), below 25%');
    const rare = checkPropertySync({ ...never, rare: 'a situation random scenarios almost never make' }, modelRunner, {
      runs: 80,
      seed: TEST_SEED,
      failuresDir: null,
    });
    expect(rare.status).toBe('passed');
    expect(rare.note).toContain('rare by declaration: a situation random scenarios almost never make');
  });

  it('a vacuous result is a failure in the check table and in JUnit', () => {
    const r = checkPropertySync(never, modelRunner, { runs: 80, seed: TEST_SEED, failuresDir: null });
    expect(resultRow(r).slice(0, 5)).toEqual(['never', 'model', '80', '0', 'VACUOUS']);
    expect(junitXml([r])).toMatch(/failures="1"[\s\S]*<failure message="vacuous: engaged 0 of 80/);
  });

  it('counts exactly the runs whose comparison ran', () => {
    const runs = 80;
    const expected = fc
      // a property that does not declare format 2 (its `formats`, format2/readiness.ts) is checked on format 1 scenarios only
      .sample(scenarioArb(), { numRuns: runs, seed: TEST_SEED })
      .filter((s) => s.children.length % 2 === 0).length;
    const r = checkPropertySync(half, modelRunner, { runs, seed: TEST_SEED, failuresDir: null });
    expect(r.engaged).toBe(expected);
    expect(r.status).toBe(vacuity({}, runs, expected).vacuous ? 'vacuous' : 'passed');
  });
});

/** `check`'s scenarios of the profile (format 2 too under seed), `n` of them on the fixed seed. */
const checkCases = (profile: Profile, n: number): Scenario[] =>
  fc.sample(checkArb(profile), { numRuns: n, seed: TEST_SEED });

/** Engagement per property of the profile on `runner`, over `n` generated scenarios (one run each; two for determinism). */
function measure(
  profile: Profile,
  runner: SyncRunner,
  n: number,
): { all: Map<string, EngagementTally>; format2: Map<string, EngagementTally> } {
  const scenarios = checkCases(profile, n);
  const properties: PropertySpec[] = propertiesFor(profile).filter((p) => p.kind !== 'differential');
  const all = new Map(properties.map((p) => [p.name, new EngagementTally()]));
  // the same tallies over the format 2 cases alone
  const format2 = new Map(properties.map((p) => [p.name, new EngagementTally()]));
  for (const s of scenarios) {
    const outcome = runner.run(s);
    const v2 = (s as { loopcheck: number }).loopcheck === 2;
    for (const p of properties) {
      const j = judge(p, s, outcome, p.kind === 'determinism' ? runner.run(s) : undefined);
      all.get(p.name)!.record(j);
      if (v2) format2.get(p.name)!.record(j);
    }
  }
  return { all, format2 };
}

describe('the default generators engage every property', () => {
  const N = 200;
  const cases: Array<[Profile, SyncRunner]> = [
    ['seed', modelRunner],
    ['cpython', modelRunner],
    ['micropython', modelRunner],
    ['seed', implRunner],
  ];
  const measured = new Map<string, ReturnType<typeof measure>>();
  const measureOnce = (profile: Profile, runner: SyncRunner) => {
    const key = `${profile} ${runner.name}`;
    if (!measured.has(key)) measured.set(key, measure(profile, runner, N));
    return measured.get(key)!;
  };
  for (const [profile, runner] of cases) {
    it(`on the ${runner.name} under ${profile}: each property engages on ≥ ${VACUITY_THRESHOLD * 100}% of the cases it judges, of ${N} (seed ${TEST_SEED})`, () => {
      const low: string[] = [];
      const format1 = checkCases(profile, N).filter((s) => (s as { loopcheck: number }).loopcheck !== 2).length;
      for (const [name, t] of measureOnce(profile, runner).all) {
        // a property that does not read format 2 (its declared `formats`) judges the format 1 cases only
        expect(t.cases).toBe(judgesFormat(findProperty(name)!, 2) ? N : format1);
        if (t.engaged < VACUITY_THRESHOLD * t.cases) low.push(`${name}: ${engagedText(t.engaged, t.cases)}`);
      }
      expect(low).toEqual([]);
    });
  }

  it(`under every profile, ≥ 30% of ${N} cases are format 2 (seed ${TEST_SEED}); micropython's only what F2m allows`, () => {
    const v2 = (profile: Profile) => checkCases(profile, N).filter((s) => (s as { loopcheck: number }).loopcheck === 2);
    for (const profile of ['seed', 'cpython', 'micropython'] as const)
      expect(v2(profile).length / N, profile).toBeGreaterThanOrEqual(0.3);
    // F2m: no shield, no timeout, no repeated argument under micropython (the model's parser refuses them there)
    const text = JSON.stringify(v2('micropython'));
    expect(text).not.toMatch(/"shield"|"timeout"|"timeoutMs"/);
  });

  // The format 1 rules judge format 2 (format2/readiness.ts): on the format 2 cases alone, each engages as often.
  const alone: Array<[Profile, SyncRunner]> = [
    ['seed', modelRunner],
    ['seed', implRunner],
    ['cpython', modelRunner],
    ['micropython', modelRunner],
  ];
  for (const [profile, runner] of alone) {
    it(`on the ${runner.name} under ${profile}, each property that reads format 2 engages on ≥ ${VACUITY_THRESHOLD * 100}% of the format 2 cases alone`, () => {
      const low: string[] = [];
      for (const [name, t] of measureOnce(profile, runner).format2) {
        if (!judgesFormat(findProperty(name)!, 2)) {
          expect(t.cases).toBe(0); // not judged there (n/a), never vacuous
          continue;
        }
        expect(t.cases).toBeGreaterThan(0);
        if (t.engaged < VACUITY_THRESHOLD * t.cases) low.push(`${name}: ${engagedText(t.engaged, t.cases)}`);
      }
      expect(low).toEqual([]);
    });
  }
});
