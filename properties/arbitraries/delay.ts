// Arbitrary: a delay in virtual ms from a small pool, so ties and zeros are common; shrinks toward 0.
import fc from 'fast-check';

/** The pool of delays: small, with zero, so independent children often finish at the same instant. */
export const DELAY_POOL = [0, 1, 2, 3, 5, 10] as const;

export function delayArb(): fc.Arbitrary<number> {
  return fc.constantFrom(...DELAY_POOL);
}
