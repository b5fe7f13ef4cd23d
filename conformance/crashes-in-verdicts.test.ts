// Crashes in a target's verdicts: shrinking a property's failure keeps to that failure (a smaller case the target
// crashes or times out on is skipped, not taken as "still failing"), and a case answered once but crashing or timing
// out when determinism runs it again fails determinism.
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulate } from '../model/index.ts';
import type { Scenario } from '../model/scenario-types.ts';
import { TEST_SEED } from '../properties/config.ts';
import type { Target, TargetResult } from '../properties/target.ts';
import { runConformance } from './run-conformance.ts';

/** The model, except: a gather of 3 or more children returns its results reversed, one of exactly 2 crashes. */
const reversingAboveTwo: Target = {
  name: 'reversing-above-two',
  description: 'the model; results reversed from 3 children, a crash at 2',
  profile: 'seed',
  async run(scenarios) {
    return scenarios.map((s: Scenario): TargetResult => {
      const n = s.children.length;
      if (n === 2) return { ok: false, kind: 'crash', error: 'reversing-above-two: crashed at 2 children' };
      const outcome = simulate(s);
      const awaiter = outcome.awaiter;
      if (n >= 3 && awaiter.status === 'returned' && Array.isArray(awaiter.value))
        return { ok: true, outcome: { ...outcome, awaiter: { ...awaiter, value: [...awaiter.value].reverse() } } };
      return { ok: true, outcome };
    });
  },
};

describe('crashes in conformance verdicts', () => {
  it("shrinks order-preservation's failure to a case of 3 or more children, past the 2-child cases that crash", async () => {
    const report = await runConformance([reversingAboveTwo], {
      runs: 60,
      seed: TEST_SEED,
      modes: ['own'],
      timeoutMs: 1000,
      failuresDir: mkdtempSync(join(tmpdir(), 'loopcheck-shrink-crash-')),
    });
    const cell = report.cells.find((c) => c.property === 'order-preservation')!;
    expect(cell.status).toBe('fails');
    expect(cell.message).not.toMatch(/crash/);
    expect(cell.scenario!.children.length).toBeGreaterThanOrEqual(3);
    // the crashes of the batch are still reported, as issues
    expect(report.issues.some((i) => i.kind === 'crash')).toBe(true);
  }, 60_000);

  it('a case that crashes or times out the second time fails determinism (it was a case not judged)', async () => {
    const calls = new Map<string, number>();
    const flaky: Target = {
      name: 'flaky',
      description: 'the model, crashing or timing out on any case it has answered before',
      profile: 'seed',
      async run(scenarios) {
        return scenarios.map((s: Scenario): TargetResult => {
          const key = JSON.stringify(s);
          const k = (calls.get(key) ?? 0) + 1;
          calls.set(key, k);
          if (k === 1) return { ok: true, outcome: simulate(s) };
          return k % 2 === 0
            ? { ok: false, kind: 'timeout', error: 'flaky: no result within 1000 ms' }
            : { ok: false, kind: 'crash', error: 'flaky: crashed' };
        });
      },
    };
    const report = await runConformance([flaky], {
      runs: 20,
      seed: TEST_SEED,
      modes: ['own'],
      timeoutMs: 1000,
      failuresDir: mkdtempSync(join(tmpdir(), 'loopcheck-flaky-')),
    });
    const cell = report.cells.find((c) => c.property === 'determinism')!;
    expect(cell.status).toBe('fails');
    expect(cell.engaged).toBeGreaterThan(0);
    // every other property judged the first runs and held
    expect(report.cells.filter((c) => c.status === 'fails').map((c) => c.property)).toEqual(['determinism']);
  }, 60_000);
});
