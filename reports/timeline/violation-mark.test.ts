// The timeline marks what breaks the failing property (its event or task), the first trace difference only for the differential.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../model/simulate.ts';
import { parseScenario } from '../../model/scenario.ts';
import type { Outcome } from '../../model/outcome.ts';
import { orderPreservation } from '../../properties/rules/order-preservation.ts';
import { buildTimeline, timelineAscii, timelineSvg } from './index.ts';
import { locateViolation } from './violation-mark.ts';
import { timelineInputFromFailure } from './from-failure.ts';

// The case: a user adapter whose harness logs `started` before `gather-started` differently (a harmless trace
// difference early on) while the real bug is the result list, [1,0,0] where [0,1,0] is due.
const scenario = parseScenario({
  loopcheck: 1,
  children: [
    { name: 'a', sleeps: [20], end: { return: 0 } },
    { name: 'b', sleeps: [10], end: { return: 1 } },
    { name: 'c', sleeps: [30], end: { return: 0 } },
  ],
});
const model = simulate(scenario);
const swapAt = model.trace.findIndex((e) => e.event === 'gather-started');
const adapterTrace = [...model.trace];
[adapterTrace[swapAt - 1], adapterTrace[swapAt]] = [adapterTrace[swapAt]!, adapterTrace[swapAt - 1]!];
const adapter: Outcome = { ...model, awaiter: { ...model.awaiter, value: [1, 0, 0] }, trace: adapterTrace };
const message = orderPreservation.check(scenario, adapter) as string;
const returnedAt = adapter.trace.findIndex((e) => e.task === 'awaiter' && e.event === 'returned');
const outcomes = [
  { label: 'model', outcome: model },
  { label: 'my-adapter', outcome: adapter },
];

describe('locateViolation', () => {
  it('takes the event a message names as "event #N"', () => {
    expect(locateViolation('b acts after it ended: t=3 b resumed (event #7)', model)).toEqual({
      index: 7,
      task: model.trace[7]!.task,
    });
  });
  it('else the final event of the first task the message names (the longest path that fits)', () => {
    expect(message).toMatch(/^awaiter should return/);
    expect(locateViolation(message, adapter)).toEqual({ index: returnedAt, task: 'awaiter' });
    const nested: Outcome = { ...model, children: { ...model.children, 'g/a': model.children.a! } };
    expect(locateViolation('g/a should be cancelled', nested)).toMatchObject({ task: 'g/a' });
  });
  it('the decision of the gather when the message is about "<task>\'s gather"', () => {
    const decided = adapter.trace.findIndex((e) => e.task === 'awaiter' && e.event === 'gather-returned');
    expect(locateViolation("awaiter's gather returned @30, expected @10", adapter)).toEqual({
      index: decided,
      task: 'awaiter',
    });
  });
  it('ignores an event number past the trace, and gives null when nothing is named', () => {
    expect(locateViolation('the loop never went idle', model)).toBeNull();
    expect(locateViolation(`event #${model.trace.length + 5} is missing`, model)).toBeNull();
  });
});

describe('the timeline mark', () => {
  it('without a violation, or for the differential: the first trace difference, on both runs', () => {
    for (const input of [
      { scenario, outcomes },
      { scenario, outcomes, violation: { property: 'differential', message: 'x' } },
    ]) {
      const mark = buildTimeline(input).divergence!;
      expect(mark.index).toBe(swapAt - 1);
      expect(mark.run).toBeUndefined();
    }
  });
  it('for a property: the event that breaks it, on the judged run only, headed by the property', () => {
    const input = { scenario, outcomes, violation: { property: 'order-preservation', message } };
    const mark = buildTimeline(input).divergence!;
    expect(mark).toMatchObject({ index: returnedAt, task: 'awaiter', run: 1, heading: 'order-preservation violated' });
    expect(timelineSvg(input)).toContain('order-preservation violated — awaiter should return');
    const rows = timelineAscii(input)
      .split('\n')
      .filter((line) => line.startsWith('*'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/^\*\s+my-adapt/); // the row of the adapter (label cut to the column)
  });
  it('for the outcome-only differential: the first task whose outcome differs, not a trace event', () => {
    const mark = buildTimeline({
      scenario,
      outcomes,
      violation: { property: 'outcome-differential', message: 'awaiter: …' },
    }).divergence!;
    expect(mark).toMatchObject({ index: null, task: 'awaiter' });
  });
  it('for a failure file: its property and message', () => {
    const built = buildTimeline(
      timelineInputFromFailure({
        loopcheck: 1,
        kind: 'failure',
        property: 'order-preservation',
        target: 'my-adapter',
        profile: 'seed',
        seed: 1,
        path: '0',
        scenario,
        message,
        expected: model,
        observed: adapter,
      }),
    );
    expect(built.divergence).toMatchObject({ index: returnedAt, task: 'awaiter', run: 1 });
  });
});
