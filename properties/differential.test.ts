// The differential: the loop's trace and outcome equal the model's on random scenarios; mismatches are located.
import { describe, expect, it } from 'vitest';
import { differential, determinism } from './rules/index.ts';
import { implRunner, modelRunner } from './runners.ts';
import { expectPropertyHolds } from './suite-helpers.ts';
import { firstDifference } from './format/first-difference.ts';
import { readReplayFile } from './failure-file.ts';
import type { Outcome } from '../model/outcome.ts';

describe('differential: model ≡ loop', () => {
  it('holds on random scenarios', () => expectPropertyHolds(differential, implRunner));

  const { scenario } = readReplayFile(new URL('../examples/scenarios/sibling-cancel.json', import.meta.url).pathname);
  // Run inside each test, not while collecting: a tool like Stryker attributes what runs to the test that runs it.
  const modelOutcome = (): Outcome => modelRunner.run(scenario);

  it('names the first differing trace event', () => {
    const model = modelOutcome();
    const changed: Outcome = structuredClone(model);
    changed.trace[5] = { ...changed.trace[5]!, at: changed.trace[5]!.at + 1 };
    changed.trace[7] = { ...changed.trace[7]!, task: 'zz' };
    const message = differential.check(scenario, model, changed)!;
    expect(message).toMatch(/^trace event #5: /);
    expect(message).toContain(`${model.trace[5]!.task} ${model.trace[5]!.event} @${model.trace[5]!.at}`);
  });

  it('names the first differing outcome field when the traces agree', () => {
    const model = modelOutcome();
    const changed: Outcome = structuredClone(model);
    changed.children.slow = { ...changed.children.slow!, at: changed.children.slow!.at + 5 };
    expect(differential.check(scenario, model, changed)).toMatch(/^child slow: /);
    expect(differential.check(scenario, model, { ...model, end: model.end + 1 })).toMatch(/^end: /);
  });

  it('ignores key order but determinism does not', () => {
    const model = modelOutcome();
    const reordered: Outcome = { trace: model.trace, end: model.end, children: model.children, awaiter: model.awaiter };
    expect(firstDifference(model, reordered)).toBeNull();
    expect(determinism.check(scenario, model, reordered)).toMatch(/key order/);
  });
});
