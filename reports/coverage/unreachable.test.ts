// The unreachable table (model/coverage-unreachable.ts) against runs: what it lists never happens in a large seeded
// run, and everything it does not list is covered by `loopcheck graph`'s run (random plus targeted scenarios).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { emptyCoverage, simulate, UNREACHABLE, unreachableReason, type Scenario } from '../../model/index.ts';
import { PROFILES } from '../../model/scenario.ts';
import { scenarioArb } from '../../properties/arbitraries/index.ts';
import { enumerateScenarios } from '../../explore/enumerate.ts';
import { collectModelCoverage } from './collect.ts';
import { FORMAT2_TARGETED_SCENARIOS, TARGETED_SCENARIOS } from './targeted-scenarios.ts';
import { format2ScenarioArb } from '../../properties/arbitraries/format2-scenario.ts';
import { FORMAT2_SCENARIOS } from '../../properties/format2/hand-written.ts';
import type { AnyScenario } from '../../model/index.ts';

const FULL = process.env.LOOPCHECK_FULL === '1';

describe('unreachable guard outcomes and pairs', () => {
  it('everything not listed as unreachable is covered by the graph command’s default run (seed 1, 100 runs)', () => {
    const collected = collectModelCoverage({ runs: 100, seed: 1 });
    const { graph, after } = collected;
    const hits = (id: string): number =>
      after.states.get(id) ?? after.transitions.get(id) ?? after.guards?.get(id) ?? after.pairs?.get(id) ?? 0;
    const all = [...graph.states, ...graph.transitions, ...graph.guards!, ...graph.pairs!].map((x) => x.id);
    expect(all.filter((id) => hits(id) === 0 && unreachableReason(id) === undefined)).toEqual([]);
    expect(all.filter((id) => hits(id) > 0 && unreachableReason(id) !== undefined)).toEqual([]);
    // the hand-written scenarios suffice: no enumerated scenario had to fill a gap
    expect(collected.targeted.filter((t) => t.source.startsWith('enumerated')).map((t) => t.source)).toEqual([]);
  });

  it(
    'nothing listed as unreachable occurs in a large seeded run (random, enumerated and targeted scenarios, every profile)',
    () => {
      const coverage = emptyCoverage();
      let runs = 0;
      const run = (scenario: AnyScenario): void => {
        simulate(scenario, { coverage });
        runs += 1;
      };
      const perProfile = FULL ? 3000 : 150;
      PROFILES.forEach((profile, p) => {
        for (const returnExceptions of [false, true]) {
          const arb = scenarioArb().map((s): Scenario => ({ ...s, profile, returnExceptions }));
          for (const s of fc.sample(arb, { numRuns: perProfile, seed: 2026 + 2 * p + (returnExceptions ? 1 : 0) }))
            run(s);
        }
      });
      // every enumerated scenario up to 2 children with LOOPCHECK_FULL; else one in 150, across every family
      const stride = FULL ? 1 : 150;
      let i = 0;
      for (const s of enumerateScenarios(2)) {
        if (i % stride === 0) run({ ...s, profile: PROFILES[(i / stride) % PROFILES.length]! });
        i += 1;
      }
      for (const { scenario } of TARGETED_SCENARIOS) for (const profile of PROFILES) run({ ...scenario, profile });
      // format 2 (seed only): generated, hand-written and targeted
      for (const s of fc.sample(format2ScenarioArb, { numRuns: FULL ? 20_000 : 600, seed: 2027 })) run(s);
      for (const s of Object.values(FORMAT2_SCENARIOS)) run(s);
      for (const { scenario } of FORMAT2_TARGETED_SCENARIOS) run(scenario);
      expect(runs).toBeGreaterThan(FULL ? 50_000 : 1500);
      const occurred = UNREACHABLE.filter((u) => (coverage.guards!.get(u.id) ?? coverage.pairs!.get(u.id) ?? 0) > 0);
      expect(occurred.map((u) => u.id)).toEqual([]);
    },
    FULL ? 1_800_000 : undefined,
  );
});
