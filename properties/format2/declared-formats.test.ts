// Which formats a property judges is what it declares (PropertySpec `formats`), never its name: a user's property
// that lists format 2 is judged on format 2 cases, one that does not is not (and every verdict printed says how many
// cases went unjudged), and a property named like a built-in gains nothing from the name.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Scenario } from '../../model/scenario-types.ts';
import { simulate } from '../../model/index.ts';
import { PROPERTIES, orderPreservation, awaitResult } from '../rules/index.ts';
import { HELD, NOT_APPLICABLE, type OutcomeProperty } from '../rules/property-types.ts';
import { checkPropertySync, describeFailure } from '../checker.ts';
import { judge } from '../evaluate.ts';
import { modelRunner } from '../runners.ts';
import { checkArb } from '../arbitraries/index.ts';
import { TEST_SEED } from '../config.ts';
import { isFormat2Only, judgesFormat } from './readiness.ts';
import { FORMAT2_SCENARIOS } from './hand-written.ts';
import { PropertyFailure, assertProperty } from '../../library/assert-property.ts';
import { resultRow } from '../../cli/commands/check.ts';

const RUNS = 40;
const options = { runs: RUNS, seed: TEST_SEED, failuresDir: null, arbitrary: checkArb('seed') };
/** How many of the run's scenarios are format 2 (fast-check draws the same ones for the same seed and runs). */
const format2Drawn = fc
  .sample(checkArb('seed'), { numRuns: RUNS, seed: TEST_SEED })
  .filter((s) => (s as { loopcheck: number }).loopcheck === 2).length;

/** A user's property that holds on every case it is handed, and remembers the formats it was handed. */
function userProperty(extra: Partial<OutcomeProperty> = {}): { spec: OutcomeProperty; seen: Set<number> } {
  const seen = new Set<number>();
  const spec: OutcomeProperty = {
    kind: 'outcome',
    name: 'my-property',
    description: 'holds on every case',
    profiles: ['seed'],
    check(scenario) {
      seen.add((scenario as { loopcheck: number }).loopcheck);
      return HELD;
    },
    ...extra,
  };
  return { spec, seen };
}

describe("a user's property judges the formats it declares", () => {
  it('the run draws format 2 cases at all (else the tests below prove nothing)', () => {
    expect(format2Drawn).toBeGreaterThan(0);
    expect(format2Drawn).toBeLessThan(RUNS);
  });

  it('formats [1, 2]: judged on the format 2 cases, which count among its engaged cases', () => {
    const { spec, seen } = userProperty({ formats: [1, 2] });
    const r = checkPropertySync(spec, modelRunner, options);
    expect(r.status).toBe('passed');
    expect(seen).toEqual(new Set([1, 2]));
    expect(r.engaged).toBe(RUNS);
    expect(r.judged).toBeUndefined();
    expect(r.unjudged).toBeUndefined();
    expect(describeFailure(r)).toBe('my-property on model: passed');
  });

  it('no formats (default [1]): never handed a format 2 case, and the verdict says how many it did not judge', () => {
    const { spec, seen } = userProperty();
    const r = checkPropertySync(spec, modelRunner, options);
    expect(r.status).toBe('passed');
    expect(seen).toEqual(new Set([1]));
    expect(r.engaged).toBe(RUNS - format2Drawn);
    expect(r.judged).toBe(RUNS - format2Drawn);
    expect(r.unjudged).toEqual({ 2: format2Drawn });
    expect(describeFailure(r)).toContain(
      `engaged ${RUNS - format2Drawn} of ${RUNS - format2Drawn} (100%) judged; ${format2Drawn} format 2 cases not judged`,
    );
    // the note `loopcheck check` prints under its table, the row marked `ok *`
    expect(r.note).toBe(
      `engaged ${RUNS - format2Drawn} of ${RUNS - format2Drawn} (100%) judged; ${format2Drawn} format 2 cases not judged (the property does not read format 2)`,
    );
    expect(resultRow(r)[3]).toBe(`${RUNS - format2Drawn} of ${RUNS - format2Drawn}`);
    expect(resultRow(r)[4]).toBe('ok *');
  });

  it("a vacuous verdict's note says the unjudged count after the vacuity rule's", () => {
    const { spec } = userProperty({ check: () => NOT_APPLICABLE });
    const r = checkPropertySync(spec, modelRunner, options);
    expect(r.status).toBe('vacuous');
    expect(r.note).toBe(
      `vacuous: engaged 0 of ${RUNS - format2Drawn} (0%), below 25%; ${format2Drawn} format 2 cases not judged (the property does not read format 2)`,
    );
  });

  it('formats [2]: the format 1 cases are the ones not judged', () => {
    const { spec, seen } = userProperty({ formats: [2] });
    const r = checkPropertySync(spec, modelRunner, options);
    expect(seen).toEqual(new Set([2]));
    expect(r.unjudged).toEqual({ 1: RUNS - format2Drawn });
    expect(describeFailure(r)).toContain(`${RUNS - format2Drawn} format 1 cases not judged`);
    expect(isFormat2Only(spec)).toBe(true);
  });

  it("a failure's replay recipe says how many of the runs before it went unjudged", async () => {
    // fails on the sixth format 1 case it is handed (and on every one after, as shrinking asks again)
    let format1 = 0;
    const { spec } = userProperty({
      check: (s) => ((s as { loopcheck: number }).loopcheck === 1 && ++format1 >= 6 ? 'sixth' : HELD),
    });
    const failure = await assertProperty(spec, modelRunner, options).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PropertyFailure);
    const result = (failure as PropertyFailure).result;
    const skipped = result.unjudged?.[2] ?? 0;
    expect(skipped).toBeGreaterThan(0);
    expect((failure as PropertyFailure).message).toContain(
      `judged ${result.judged} of ${result.runs} runs: ${skipped} format 2 case${skipped === 1 ? '' : 's'} not judged`,
    );
  });
});

describe('a name is not a declaration', () => {
  const v2 = FORMAT2_SCENARIOS['spec example']! as unknown as Scenario;
  const outcome = simulate(v2);

  it("a user's property named like a built-in that reads format 2 is not judged on format 2", () => {
    let handed = 0;
    const mine: OutcomeProperty = {
      kind: 'outcome',
      name: orderPreservation.name,
      description: 'mine',
      profiles: ['seed'],
      check: () => {
        handed++;
        return 'never right';
      },
    };
    expect(judgesFormat(orderPreservation, 2)).toBe(true);
    expect(judgesFormat(mine, 2)).toBe(false);
    expect(judge(mine, v2, outcome)).toEqual({ violation: null, engaged: false, unjudged: 2 });
    expect(handed).toBe(0);
  });

  it('one named like a format 2 only built-in is not format 2 only (it is judged on format 1, and kept there)', () => {
    const mine: OutcomeProperty = { ...userProperty().spec, name: awaitResult.name, check: () => NOT_APPLICABLE };
    expect(isFormat2Only(awaitResult)).toBe(true);
    expect(isFormat2Only(mine)).toBe(false);
  });

  it('every built-in declares its formats in its own spec; a format 2 only one reads format 2', () => {
    for (const p of PROPERTIES) {
      expect(p.formats, p.name).toBeDefined();
      if (p.format2Only === true) expect(p.formats, p.name).toContain(2);
    }
  });
});
