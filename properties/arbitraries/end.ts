// Arbitrary: how a leaf ends — return a value (most often), raise a named error, or hang until cancelled.
import fc from 'fast-check';
import type { End } from '../../model/scenario-types.ts';
import { jsonValueArb } from './json-value.ts';

/** Error names children raise (never CancelledError, which only a cancel produces). */
export const ERROR_NAMES = ['ValueError', 'KeyError', 'OSError'] as const;

export function endArb(): fc.Arbitrary<End> {
  return fc.oneof(
    { withCrossShrink: true },
    { weight: 5, arbitrary: jsonValueArb().map((v): End => ({ return: v })) },
    { weight: 3, arbitrary: fc.constantFrom(...ERROR_NAMES).map((n): End => ({ raise: n })) },
    { weight: 1, arbitrary: fc.constant<End>('hang') },
  );
}
