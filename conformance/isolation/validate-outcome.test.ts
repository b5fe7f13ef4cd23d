// The Outcome validator: a real outcome passes; each kind of malformation is one line naming its JSON path.
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../model/scenario.ts';
import { simulate } from '../../model/simulate.ts';
import { outcomeError, targetResultError, jsonPath } from './validate-outcome.ts';

const scenario = parseScenario({
  loopcheck: 1,
  profile: 'seed',
  returnExceptions: false,
  cancels: [{ at: 5, target: 'n' }],
  children: [
    { name: 'a', sleeps: [1], end: { return: { x: [1, 'two', null] } } },
    { name: 'b c', sleeps: [2], end: { raise: 'Boom' } },
    {
      name: 'n',
      task: true,
      gather: { returnExceptions: true, children: [{ name: 'i', sleeps: [10], end: { return: 3 } }] },
    },
  ],
});
const good = simulate(scenario);
/** The good outcome with `edit` applied to a deep copy. */
const bad = (edit: (o: any) => void): unknown => {
  const copy = JSON.parse(JSON.stringify(good));
  edit(copy);
  return copy;
};

describe('outcomeError', () => {
  it("accepts the model's own outcome, with and without its scenario", () => {
    expect(outcomeError(good)).toBeNull();
    expect(outcomeError(good, scenario)).toBeNull();
    expect(targetResultError({ ok: true, outcome: good }, scenario)).toBeNull();
    expect(targetResultError({ ok: false, kind: 'unsupported', error: 'no' })).toBeNull();
  });

  it.each([
    [
      'a status outside the four',
      (o: any) => (o.children.a.status = 'finished'),
      /^\$\.children\.a\.status: must be one of "returned", "raised", "cancelled", "pending", got string "finished"$/,
    ],
    ['a missing field', (o: any) => delete o.end, /^\$\.end: is missing$/],
    ['an unknown field', (o: any) => (o.awaiter.extra = 1), /^\$\.awaiter\.extra: is not a field/],
    [
      'a raised task without its error',
      (o: any) => delete o.children['b c'].error,
      /^\$\.children\["b c"\]\.error: is missing/,
    ],
    [
      'a negative time',
      (o: any) => (o.children.a.at = -1),
      /^\$\.children\.a\.at: must be a finite number ≥ 0, got number -1$/,
    ],
    [
      'a value that is not JSON',
      (o: any) => (o.children.a.value.x[1] = Number.NaN),
      /^\$\.children\.a\.value\.x\[1\]: must be JSON, got NaN$/,
    ],
    [
      'an unknown trace event',
      (o: any) => (o.trace[2].event = 'woke'),
      /^\$\.trace\[2\]\.event: must be one of "created"/,
    ],
    [
      'children that are not an object',
      (o: any) => (o.children = []),
      /^\$\.children: must be an object, got an array$/,
    ],
    [
      'a child of the scenario left out',
      (o: any) => delete o.children['n/i'],
      /^\$\.children\["n\/i"\]: is missing \(a child of the scenario\)$/,
    ],
  ])('names the path of %s', (_what, edit, message) => {
    const value = bad(edit);
    expect(outcomeError(value, scenario)).toMatch(message);
  });

  it('checks the result around the outcome', () => {
    expect(targetResultError(undefined)).toMatch(/^\$: a result must be/);
    expect(targetResultError({ ok: 'yes' })).toMatch(/^\$\.ok: must be true or false/);
    expect(targetResultError({ ok: false, kind: 'exploded', error: 'x' })).toMatch(
      /^\$\.kind: must be one of "crash", "timeout", "unsupported"/,
    );
    expect(targetResultError({ ok: true })).toBe('$.outcome: is missing');
  });

  it('writes keys that are not identifiers in brackets', () => {
    expect(jsonPath('$', 'a')).toBe('$.a');
    expect(jsonPath('$', 'a b')).toBe('$["a b"]');
    expect(jsonPath('$', 3)).toBe('$[3]');
  });
});
