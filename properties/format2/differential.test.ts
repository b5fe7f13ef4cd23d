// Model ≡ loop on format 2 (docs/rules.md §4b): the hand-written scenarios and the small generator, event for
// event, with the compiled engine and xstate agreeing; every seed property judged (those that cannot read format 2
// yet answer NOT_APPLICABLE); an await cycle ends pending on both.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { simulate } from '../../model/simulate.ts';
import type { Scenario, ScenarioV2 } from '../../model/scenario-types.ts';
import { runOnLoop } from '../run-on-loop.ts';
import { firstDifference } from '../format/first-difference.ts';
import { FORMAT2_SCENARIOS } from './hand-written.ts';
import { format2ScenarioArb } from '../arbitraries/format2-scenario.ts';
import { propertiesFor } from '../rules/index.ts';
import { judge } from '../evaluate.ts';
import { judgesFormat } from './readiness.ts';

/** Every difference between model, loop and the xstate engine, and every seed property's violation. */
function problems(s: ScenarioV2): string[] {
  const model = simulate(s);
  const loop = runOnLoop(s);
  const out: string[] = [];
  const d = firstDifference(model, loop, 'model', 'loop');
  if (d !== null) out.push(d);
  const x = firstDifference(model, simulate(s, { engine: 'xstate' }), 'compiled', 'xstate');
  if (x !== null) out.push(x);
  for (const p of propertiesFor('seed')) {
    const other = p.kind === 'determinism' ? runOnLoop(s) : p.kind === 'differential' ? model : undefined;
    const { violation, engaged } = judge(p, s as unknown as Scenario, loop, other);
    if (violation !== null) out.push(`${p.name}: ${violation}`);
    if (engaged !== judgesFormat(p, 2) && p.kind !== 'outcome') out.push(`${p.name}: engaged ${engaged}`);
  }
  return out;
}

describe('format 2: model ≡ loop', () => {
  for (const [name, scenario] of Object.entries(FORMAT2_SCENARIOS)) {
    it(name, () => expect(problems(scenario)).toEqual([]));
  }
  it('on 300 generated scenarios', () => {
    fc.assert(
      fc.property(format2ScenarioArb, (s) => {
        expect(problems(s)).toEqual([]);
      }),
      { numRuns: 300, seed: 20261130 },
    );
  });
  it('properties that walk format 1 trees answer NOT_APPLICABLE on format 2', () => {
    const s = FORMAT2_SCENARIOS['spec example']! as unknown as Scenario;
    const outcome = runOnLoop(s);
    for (const p of propertiesFor('seed').filter((q) => !judgesFormat(q, 2))) {
      expect(judge(p, s, outcome, outcome), p.name).toEqual({ violation: null, engaged: false, unjudged: 2 });
    }
  });
  it('an await cycle ends pending on both, never hangs', () => {
    for (const name of ['await cycle', 'await cycle cancelled', 'await cycle at shutdown']) {
      const s = FORMAT2_SCENARIOS[name]!;
      for (const outcome of [simulate(s), runOnLoop(s)]) {
        expect(outcome.children.a!.status, name).toBe('pending');
        expect(outcome.children.b!.status, name).toBe('pending');
      }
    }
  });
});
