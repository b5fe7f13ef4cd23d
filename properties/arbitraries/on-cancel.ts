// Arbitrary: a child's optional reaction to CancelledError — none, propagate, cleanup then re-raise, or swallow.
import fc from 'fast-check';
import type { OnCancel } from '../../model/scenario-types.ts';
import { delayArb } from './delay.ts';
import { jsonValueArb } from './json-value.ts';

export function onCancelArb(): fc.Arbitrary<OnCancel | undefined> {
  return fc.oneof(
    { withCrossShrink: true },
    { weight: 6, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constant<OnCancel>('propagate') },
    { weight: 2, arbitrary: delayArb().map((ms): OnCancel => ({ cleanupMs: ms })) },
    { weight: 2, arbitrary: jsonValueArb().map((v): OnCancel => ({ swallow: v })) },
  );
}
