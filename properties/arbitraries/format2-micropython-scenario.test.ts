// The micropython format 2 generator: valid under the profile, acyclic awaits, and reaching the profile's own rules.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { format2MicroPythonScenarioArb } from './format2-micropython-scenario.ts';
import { simulate } from '../../model/simulate.ts';
import { parseAnyScenario } from '../../model/scenario.ts';
import type { ScenarioV2, Step } from '../../model/scenario-types.ts';

const cases = fc.sample(format2MicroPythonScenarioArb, { numRuns: 300, seed: 20261130 });

function steps(s: ScenarioV2): Step[] {
  return s.children.flatMap((c) => ('steps' in c ? c.steps : []));
}

describe('format2MicroPythonScenarioArb', () => {
  it('writes scenarios the micropython profile reads as they are', () => {
    for (const s of cases) expect(parseAnyScenario(JSON.parse(JSON.stringify(s)))).toEqual(s);
  });
  it('never makes an await cycle: a child awaits only the awaiter, later children and its own created tasks', () => {
    for (const s of cases)
      s.children.forEach((c, i) => {
        for (const st of 'steps' in c ? c.steps : []) {
          if (st === 'hang' || !('await' in st)) continue;
          const j = s.children.findIndex((o) => o.name === st.await);
          expect(j > i || st.await === 'awaiter' || st.await.startsWith(`${c.name}/`), JSON.stringify(s)).toBe(true);
        }
      });
  });
  it('reaches T4f-m, R1m and suspended children with await steps in at least a tenth of the cases each', () => {
    let selfCancel = 0;
    let leftAtShutdown = 0;
    let awaitSuspends = 0;
    for (const s of cases) {
      const o = simulate(s);
      if (Object.values(o.children).some((c) => c.status === 'raised' && c.error === 'RuntimeError')) selfCancel++;
      if (s.shutdown && Object.values(o.children).some((c) => c.status === 'pending')) leftAtShutdown++;
      const awaiting = s.children.filter((c) => 'steps' in c && c.steps.some((x) => x !== 'hang' && 'await' in x));
      if (awaiting.some((c) => o.trace.some((e) => e.task === c.name && e.event === 'suspended'))) awaitSuspends++;
      expect(steps(s).some((x) => x !== 'hang' && ('shield' in x || 'timeout' in x))).toBe(false);
    }
    expect(selfCancel).toBeGreaterThan(cases.length / 10);
    expect(leftAtShutdown).toBeGreaterThan(cases.length / 10);
    expect(awaitSuspends).toBeGreaterThan(cases.length / 10);
  });
});
