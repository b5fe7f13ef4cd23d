// Arbitrary: a leaf child (unnamed) — sleeps, an end, maybe an onCancel, maybe created as a task first.
import fc from 'fast-check';
import type { LeafChild } from '../../model/scenario-types.ts';
import { sleepsArb } from './sleeps.ts';
import { endArb } from './end.ts';
import { onCancelArb } from './on-cancel.ts';

export function leafChildArb(): fc.Arbitrary<Omit<LeafChild, 'name'>> {
  return fc
    .record({ sleeps: sleepsArb(), end: endArb(), onCancel: onCancelArb(), task: fc.boolean() })
    .map(({ sleeps, end, onCancel, task }) => {
      const leaf: Omit<LeafChild, 'name'> = { sleeps, end };
      if (onCancel !== undefined) leaf.onCancel = onCancel;
      if (task) leaf.task = true;
      return leaf;
    });
}
