// sharedDraws: checks under one seed get the values the plain arbitrary draws (the same objects, drawn once), the same shrinks, frozen.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sharedDraws } from './shared-draws.ts';

type Item = { xs: number[]; tag: string };
const itemArb = fc.record({ xs: fc.array(fc.nat(1000), { maxLength: 8 }), tag: fc.string() });

function counted<T>(arb: fc.Arbitrary<T>): { arb: fc.Arbitrary<T>; draws: () => number } {
  let n = 0;
  const arbCounted = fc.constant(null).chain(() => {
    n++;
    return arb;
  });
  return { arb: arbCounted, draws: () => n };
}

function seen(arb: fc.Arbitrary<Item>, seed: number, numRuns: number): Item[] {
  const values: Item[] = [];
  fc.assert(
    fc.property(arb, (v) => {
      values.push(v);
    }),
    { seed, numRuns },
  );
  return values;
}

describe('sharedDraws', () => {
  it('hands every check under the same seed the values the plain arbitrary draws, drawn once', () => {
    const plain = seen(itemArb, 42, 50);
    const { arb, draws } = counted(itemArb);
    const shared = sharedDraws(arb);
    const first = seen(shared, 42, 50);
    expect(first).toEqual(plain);
    expect(draws()).toBe(50);
    const second = seen(shared, 42, 50);
    expect(draws()).toBe(50);
    second.forEach((v, i) => {
      expect(v).toBe(first[i]);
    });
    // another seed draws anew
    expect(seen(shared, 7, 10)).toEqual(seen(itemArb, 7, 10));
    expect(draws()).toBe(60);
  });

  it('shrinks as the plain arbitrary does, check after check, each shrink built once', () => {
    const failing = (arb: fc.Arbitrary<Item>) =>
      fc.check(
        fc.property(arb, (v) => v.xs.filter((x) => x > 300).length < 2),
        { seed: 3, numRuns: 200 },
      );
    const plain = failing(itemArb);
    expect(plain.failed).toBe(true);
    expect(plain.numShrinks).toBeGreaterThan(0);
    const shared = sharedDraws(itemArb);
    const [first, second] = [failing(shared), failing(shared)];
    for (const details of [first!, second!]) {
      expect(details.counterexample).toEqual(plain.counterexample);
      expect(details.counterexamplePath).toBe(plain.counterexamplePath);
      expect(details.numShrinks).toBe(plain.numShrinks);
    }
    // the second check read the first one's shrinks: the same objects, built once
    expect(second!.counterexample![0]).toBe(first!.counterexample![0]);
  });

  it('freezes what it shares, deeply', () => {
    const [v] = seen(sharedDraws(fc.record({ xs: fc.array(fc.nat(), { minLength: 1 }), tag: fc.string() })), 1, 1);
    expect(() => v!.xs.push(1)).toThrow(TypeError);
    expect(() => {
      (v as { tag: string }).tag = 'changed';
    }).toThrow(TypeError);
  });
});
