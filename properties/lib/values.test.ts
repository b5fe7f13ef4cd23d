// The comparison helpers the properties share: no holes for sparse arrays, missing vs undefined, -0 or NaN to slip through.
import { describe, expect, it } from 'vitest';
import { childOutcome, jsonEqual, objectKeyOrder, show } from './values.ts';
import { firstDifference } from '../format/first-difference.ts';
import type { Outcome } from '../../model/outcome.ts';

// eslint-disable-next-line no-sparse-arrays
const holeThen2 = [, 2];

describe('jsonEqual', () => {
  it('tells an empty slot from any value, both ways', () => {
    expect(jsonEqual(holeThen2, [1, 2])).toBe(false);
    expect(jsonEqual([1, 2], holeThen2)).toBe(false);
    expect(jsonEqual(holeThen2, [null, 2])).toBe(false);
    expect(jsonEqual(holeThen2, [undefined, 2])).toBe(false);
    expect(jsonEqual({ v: holeThen2 }, { v: [1, 2] })).toBe(false);
    expect(jsonEqual(holeThen2, [, 2])).toBe(true); // eslint-disable-line no-sparse-arrays
  });

  it('tells a key holding undefined from a missing key', () => {
    expect(jsonEqual({ a: undefined }, {})).toBe(false);
    expect(jsonEqual({}, { a: undefined })).toBe(false);
    expect(jsonEqual({ a: undefined }, { b: undefined })).toBe(false);
  });

  it('compares numbers as JSON carries them: -0 equals 0, NaN equals NaN, nothing else crosses types', () => {
    expect(jsonEqual(-0, 0)).toBe(true);
    expect(jsonEqual([-0], [0])).toBe(true);
    expect(jsonEqual(NaN, NaN)).toBe(true);
    expect(jsonEqual(NaN, null)).toBe(false);
    expect(jsonEqual(1, '1')).toBe(false);
    expect(jsonEqual([], {})).toBe(false);
    expect(jsonEqual({ 0: 1, length: 1 }, [1])).toBe(false);
  });

  it('compares keys named like Object.prototype members as plain keys', () => {
    const proto = JSON.parse('{"__proto__": 1}') as Record<string, unknown>;
    expect(jsonEqual(proto, {})).toBe(false);
    expect(jsonEqual(proto, JSON.parse('{"__proto__": 1}'))).toBe(true);
    expect(jsonEqual(proto, JSON.parse('{"__proto__": 2}'))).toBe(false);
    expect(jsonEqual({ constructor: 1 }, {})).toBe(false);
  });
});

describe('show', () => {
  it('shows an empty slot and undefined as themselves, not as null', () => {
    expect(show(holeThen2)).toBe('[<empty>,2]');
    expect(show([undefined, null])).toBe('[undefined,null]');
    expect(show({ a: [1, { b: 'x' }] })).toBe('{"a":[1,{"b":"x"}]}');
    expect(show(undefined)).toBe('undefined');
  });
});

describe('childOutcome', () => {
  it('finds only own entries: a name like constructor or __proto__ is not looked up on Object.prototype', () => {
    const outcome: Outcome = { awaiter: { status: 'returned', value: [], at: 0 }, children: {}, end: 0, trace: [] };
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty'])
      expect(childOutcome(outcome, name)).toBeUndefined();
  });
});

describe('firstDifference', () => {
  const base = (value: unknown, children: Record<string, unknown> = {}): Outcome =>
    ({ awaiter: { status: 'returned', value, at: 0 }, children, end: 0, trace: [] }) as Outcome;

  it('sees a result list with an empty slot', () => {
    expect(firstDifference(base([1, 2]), base(holeThen2))).toMatch(/awaiter.*\[1,2\].*\[<empty>,2\]/);
  });

  it('sees a child named constructor missing on one side', () => {
    const child = { status: 'returned', value: 1, at: 0 };
    expect(firstDifference(base([1]), base([1], { constructor: child }))).toMatch(
      /child constructor: expected \(missing\)/,
    );
    expect(firstDifference(base([1], { constructor: child }), base([1]))).toMatch(
      /child constructor: .* observed \(missing\)/,
    );
  });
});

describe('determinism', () => {
  it('does not take an empty slot for null (JSON text writes both as null)', async () => {
    const { determinism } = await import('../rules/determinism.ts');
    const run = (value: unknown): Outcome =>
      ({ awaiter: { status: 'returned', value, at: 0 }, children: {}, end: 0, trace: [] }) as Outcome;
    const scenario = { loopcheck: 1, profile: 'seed', returnExceptions: false, children: [], cancels: [] } as const;
    expect(determinism.check(scenario as never, run([null, 2]), run(holeThen2))).toMatch(/two runs differ: awaiter/);
    expect(determinism.check(scenario as never, run([null, 2]), run([null, 2]))).toBeNull();
  });
});

describe('objectKeyOrder', () => {
  it('puts integer-like names first, ascending, as every JS object (and JSON.parse) does', () => {
    expect(objectKeyOrder(['b', '10', 'a', '2', '__proto__', '01'])).toEqual(['2', '10', 'b', 'a', '__proto__', '01']);
    expect(Object.keys(JSON.parse('{"b":1,"10":1,"2":1}'))).toEqual(objectKeyOrder(['b', '10', '2']));
  });
});
