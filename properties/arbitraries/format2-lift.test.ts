// check's format 2 cases (format2-lift.ts, scenario.ts): a lift keeps the format 1 gather as drawn, under seed only,
// and a failure on a format 2 shape shrinks to the smallest program that still has it.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Scenario, ScenarioV2 } from '../../model/scenario-types.ts';
import { applyLift, checkArb, liftArb, scenarioArb } from './index.ts';
import { TEST_SEED } from '../config.ts';
import { parseAnyScenario } from '../../model/scenario.ts';

const v2 = (s: Scenario): ScenarioV2 | undefined =>
  (s as { loopcheck: number }).loopcheck === 2 ? (s as unknown as ScenarioV2) : undefined;

describe('format 2 in check’s generators', () => {
  it('a lift keeps the gather: its children first, its arguments (plus one repeat at most), its cancels', () => {
    const pairs = fc.sample(fc.tuple(scenarioArb(), liftArb()), { numRuns: 150, seed: TEST_SEED });
    for (const [s, lift] of pairs) {
      const l = applyLift(s, lift);
      expect(l.loopcheck).toBe(2);
      expect(l.children.slice(0, s.children.length)).toEqual(s.children);
      const names = s.children.map((c) => c.name);
      expect(l.args!.slice(0, names.length)).toEqual(names);
      expect(l.args!.length - names.length).toBe(lift.repeat === undefined || names.length === 0 ? 0 : 1);
      // the extras are task children left out of the gather
      for (const c of l.children.slice(s.children.length)) {
        expect(c.task).toBe(true);
        expect(l.args).not.toContain(c.name);
      }
      expect(l.cancels.slice(0, s.cancels.length)).toEqual(s.cancels);
      expect(l.shutdown).toBe(lift.shutdown);
    }
  });

  it('every profile draws format 2 in check; micropython only what F2m allows; scenarioArb stays format 1', () => {
    for (const profile of ['cpython', 'micropython'] as const) {
      const drawn = fc.sample(checkArb(profile), { numRuns: 100, seed: TEST_SEED });
      expect(drawn.some((s) => v2(s) !== undefined)).toBe(true);
      expect(drawn.every((s) => s.profile === profile)).toBe(true);
    }
    const micro = fc.sample(checkArb('micropython'), { numRuns: 200, seed: TEST_SEED }).flatMap((s) => v2(s) ?? []);
    // parsed again under micropython: no shield, timeout or repeated argument (the parser refuses them there)
    for (const s of micro) expect(() => parseAnyScenario(JSON.parse(JSON.stringify(s)))).not.toThrow();
    expect(JSON.stringify(micro)).not.toMatch(/"shield"|"timeout"/);
    expect(fc.sample(scenarioArb(), { numRuns: 100, seed: TEST_SEED }).some((s) => v2(s) !== undefined)).toBe(false);
  });

  it('a failure on any format 2 case shrinks to the smallest lifted program: one leaf gathered, zz aside', () => {
    const d = fc.check(
      fc.property(checkArb(), (s) => v2(s) === undefined),
      { seed: TEST_SEED },
    );
    const s = v2(d.counterexample![0])!;
    expect(s.shutdown).toBe(false);
    expect(s.cancels).toEqual([]);
    expect(s.children.map((c) => c.name)).toEqual([...(s.args ?? []), 'zz']);
    expect(s.args!.length).toBeLessThanOrEqual(1);
  });

  it('a failure that needs a shield shrinks to the shield, its target and the one cancel at it', () => {
    const d = fc.check(
      fc.property(checkArb(), (s) => !v2(s)?.children.some((c) => c.name === 'sh')),
      { seed: TEST_SEED },
    );
    const s = v2(d.counterexample![0])!;
    expect(s.shutdown).toBe(false);
    expect(s.children.filter((c) => !(s.args ?? []).includes(c.name)).map((c) => c.name)).toEqual(['zz', 'sh']);
    expect(s.cancels).toEqual([{ at: 1, target: 'sh' }]);
  });
});
