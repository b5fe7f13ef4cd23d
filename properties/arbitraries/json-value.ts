// Arbitrary: a small JSON value for returns and swallows — mostly distinct small integers, sometimes a string or null.
import fc from 'fast-check';
import type { Json } from '../../model/scenario-types.ts';

export function jsonValueArb(): fc.Arbitrary<Json> {
  return fc.oneof(
    { withCrossShrink: true },
    { weight: 6, arbitrary: fc.nat(99) as fc.Arbitrary<Json> },
    { weight: 1, arbitrary: fc.constantFrom<Json>('ok', 'x', null, [1, 2], { k: 'v' }) },
  );
}
