// The format 2 examples (examples/scenarios/format2-*.json): each replays with the model and the loop agreeing,
// and gives the outcome its rule says (docs/rules.md; issue 12 a–f, issue 13's timeout, shield and fetch).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseAnyScenarioText } from '../../model/scenario.ts';
import { simulate } from '../../model/simulate.ts';
import type { Outcome } from '../../model/outcome.ts';
import type { ScenarioV2 } from '../../model/scenario-types.ts';
import { runOnLoop } from '../run-on-loop.ts';
import { firstDifference } from '../format/first-difference.ts';

function example(name: string): ScenarioV2 {
  return parseAnyScenarioText(
    readFileSync(new URL(`../../examples/scenarios/format2-${name}.json`, import.meta.url), 'utf8'),
  ) as ScenarioV2;
}

/** Both outcomes, after checking they agree event for event. */
function both(s: ScenarioV2): Outcome[] {
  const model = simulate(s);
  const loop = runOnLoop(s);
  expect(firstDifference(model, loop, 'model', 'loop')).toBeNull();
  return [model, loop];
}

const CANCELLED = { error: 'CancelledError' };

describe('format 2 examples: model ≡ loop, and the outcome the rule says', () => {
  it('a (G1a): the same coroutine twice is one task; both entries get its result', () => {
    for (const o of both(example('a-same-coroutine-twice'))) {
      expect(o.awaiter).toMatchObject({ status: 'returned', value: [7, 7] });
      expect(o.trace.filter((e) => e.task === 'c' && e.event === 'created')).toHaveLength(1);
    }
  });
  it('b (T4f, T4h): a task that cancels itself and returns without suspending ends cancelled', () => {
    for (const o of both(example('b-self-cancel'))) {
      expect(o.children.s).toMatchObject({ status: 'cancelled', at: 0 });
      expect(o.awaiter).toMatchObject({ status: 'returned', value: [CANCELLED] });
    }
  });
  it('c (T4g): the cancel of t2 goes to t1, which swallows it; t2 gets t1’s value and carries on', () => {
    for (const o of both(example('c-cancel-forwarded'))) {
      expect(o.children.t1).toEqual({ status: 'returned', value: 'from t1', at: 5 });
      expect(o.children.t2).toEqual({ status: 'returned', value: 'from t1', at: 6 }); // its sleep after the await ran
    }
  });
  it('e (G3, G8): a child cancelled on its own makes the gather raise CancelledError into the awaiter', () => {
    for (const o of both(example('e-child-cancelled-on-its-own'))) {
      expect(o.children.k).toMatchObject({ status: 'cancelled', at: 5 });
      expect(o.children.o).toMatchObject({ status: 'cancelled', at: 5 }); // seed G3: siblings cancelled
      expect(o.awaiter).toMatchObject({ status: 'cancelled', at: 5 });
    }
  });
  it('f (R1): at shutdown the task left is cancelled and given its cleanup; its timer is not waited for', () => {
    const s = example('f-shutdown');
    for (const o of both(s)) {
      expect(o.awaiter).toEqual({ status: 'returned', value: ['done'], at: 1 });
      expect(o.children.left).toEqual({ status: 'cancelled', at: 1 + 3 });
      expect(o.end).toBe(4);
    }
    // without shutdown the loop runs until idle (S4): the task left runs to its end
    for (const o of both({ ...s, shutdown: false }))
      expect(o.children.left).toEqual({ status: 'returned', value: 1, at: 100 });
  });
  it('timeout (TO1, TO2): TimeoutError at the deadline plus the awaited task’s cleanup', () => {
    for (const o of both(example('timeout'))) {
      expect(o.children['w/h']).toEqual({ status: 'cancelled', at: 20 + 5 });
      expect(o.children.w).toEqual({ status: 'raised', error: 'TimeoutError', at: 20 + 5 });
      expect(o.trace.find((e) => e.task === 'w' && e.event === 'cancel-requested')?.at).toBe(20);
    }
  });
  it('shield (SH1): the awaiting task is cancelled at once, the shielded one runs on', () => {
    for (const o of both(example('shield'))) {
      expect(o.children.s).toEqual({ status: 'cancelled', at: 5 });
      expect(o.children.save).toEqual({ status: 'returned', value: 'saved', at: 20 });
      expect(o.awaiter).toEqual({ status: 'returned', value: ['saved', CANCELLED], at: 20 });
    }
  });
  it('fetch with a timeout inside a gather (issue 13): the slow fetch times out after its cleanup, the fast one returns', () => {
    for (const o of both(example('fetch-timeout-in-gather'))) {
      expect(o.children.a).toEqual({ status: 'returned', value: 'page a', at: 30 });
      expect(o.children['b/fetch']).toEqual({ status: 'cancelled', at: 100 + 10 });
      expect(o.children.b).toEqual({ status: 'raised', error: 'TimeoutError', at: 100 + 10 });
      expect(o.awaiter).toEqual({ status: 'returned', value: ['page a', { error: 'TimeoutError' }], at: 110 });
    }
  });
});
