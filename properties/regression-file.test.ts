// Regression files: recorded from the model under every profile, read back, and a changed outcome is named.
import { describe, expect, it } from 'vitest';
import { parseScenario, simulate } from '../model/index.ts';
import { replayInputFromJson } from './failure-file.ts';
import {
  expectationDifferences,
  recordExpectation,
  regressionProfiles,
  regressionText,
  withProfile,
} from './regression-file.ts';

// Under seed the raising child cancels its sibling (G4); under cpython and micropython the sibling keeps running.
const scenario = parseScenario({
  loopcheck: 1,
  profile: 'seed',
  returnExceptions: false,
  cancels: [],
  children: [
    { name: 'a', sleeps: [1], end: { raise: 'ValueError' } },
    { name: 'b', sleeps: [5], end: { return: 1 } },
  ],
});

describe('regression files', () => {
  it('record the model outcome under every modelled profile, without the trace', () => {
    const record = recordExpectation(scenario);
    expect(Object.keys(record.expected)).toEqual(regressionProfiles());
    for (const profile of regressionProfiles()) {
      const { trace, ...outcome } = simulate(withProfile(scenario, profile));
      expect(trace.length).toBeGreaterThan(0);
      expect(record.expected[profile]).toEqual(outcome);
    }
    expect(record.expected.seed!.children.b!.status).toBe('cancelled');
    expect(record.expected.cpython!.children.b!.status).toBe('returned');
  });

  it('read back from their text, and the model gives the recorded outcome', () => {
    const { scenario: read, regression } = replayInputFromJson(
      JSON.parse(regressionText(recordExpectation(scenario))),
      'r.json',
    );
    expect(read).toEqual(scenario);
    expect(regression).toBeDefined();
    expect(expectationDifferences(regression!)).toEqual([]);
  });

  it('name each profile whose outcome changed, and each profile with no expectation', () => {
    const record = recordExpectation(scenario);
    record.expected.seed = {
      ...record.expected.seed!,
      children: { ...record.expected.seed!.children, b: { status: 'returned', value: 1, at: 5 } },
    };
    delete record.expected.micropython;
    const differences = expectationDifferences(record);
    expect(differences).toHaveLength(2);
    expect(differences[0]).toMatch(/^seed: child b: recorded returned 1 @5, model cancelled @1$/);
    expect(differences[1]).toBe('micropython: no recorded expectation');
  });

  it('refuse a regression file without expectations or with a profile the model does not know', () => {
    const text = JSON.parse(regressionText(recordExpectation(scenario)));
    expect(() => replayInputFromJson({ ...text, expected: undefined }, 'r.json')).toThrow(
      /r\.json: a regression file needs "expected"/,
    );
    expect(() => replayInputFromJson({ ...text, expected: { node: text.expected.seed } }, 'r.json')).toThrow(
      /expected\.node: not a modelled profile/,
    );
    expect(() => replayInputFromJson({ ...text, expected: { seed: { awaiter: 1 } } }, 'r.json')).toThrow(
      /expected\.seed: not an outcome/,
    );
    expect(() => replayInputFromJson({ ...text, kind: 'banana' }, 'r.json')).toThrow(/unknown file kind "banana"/);
  });
});
