// Arbitraries of a format 2 body's edges (docs/rules.md §4b): its onCancel handling and its end step (none: it
// returns its current value), shared by the format 2 program generators (format2-scenario.ts, and its MicroPython
// subset format2-micropython-scenario.ts). Weighted towards the plain case, which shrinking reaches first.
import fc from 'fast-check';
import type { Json, OnCancel } from '../../model/scenario-types.ts';

/** A body's end: null (return the current value), a return, a raise, or a hang. */
export type Format2End = null | { return: Json } | { raise: string } | 'hang';

/** Mostly propagate; else swallow, or a cleanup of 0 or 3 ms. */
export const format2OnCancelArb: fc.Arbitrary<OnCancel> = fc.oneof(
  { weight: 3, arbitrary: fc.constant<OnCancel>('propagate') },
  { weight: 1, arbitrary: fc.constantFrom<OnCancel>({ swallow: 's' }, { cleanupMs: 0 }, { cleanupMs: 3 }) },
);

/** Mostly no end step; else a return of 1 or 'v', a ValueError, or a hang. */
export const format2EndArb: fc.Arbitrary<Format2End> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.constantFrom<Format2End>({ return: 1 }, { return: 'v' }) },
  { weight: 1, arbitrary: fc.constantFrom<Format2End>({ raise: 'ValueError' }, 'hang') },
);
