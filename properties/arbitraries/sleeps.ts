// Arbitrary: a leaf child's list of sleeps (0–3, biased short); shrinks to fewer and smaller sleeps.
import fc from 'fast-check';
import { delayArb } from './delay.ts';

export function sleepsArb(): fc.Arbitrary<number[]> {
  return fc.array(delayArb(), { maxLength: 3 });
}
