// Arbitrary: a gather node — children (biased small), return_exceptions, an optional gatherAfter; nested up to `depth`.
import fc from 'fast-check';
import type { Child, GatherChild, GatherNode } from '../../model/scenario-types.ts';
import { delayArb } from './delay.ts';
import { leafChildArb } from './leaf-child.ts';
import { onCancelArb } from './on-cancel.ts';
import { withNames, type Unnamed } from './child-names.ts';

/** Children of one gather: usually 0–3, sometimes up to `max`; a nested gather child only while depth > 1. */
export function childrenArb(depth: number, max: number): fc.Arbitrary<Child[]> {
  const child: fc.Arbitrary<Unnamed<Child>> =
    depth > 1
      ? fc.oneof(
          { withCrossShrink: true },
          { weight: 5, arbitrary: leafChildArb() },
          { weight: 1, arbitrary: gatherChildArb(depth - 1) },
        )
      : leafChildArb();
  return fc
    .oneof(
      { withCrossShrink: true },
      { weight: 4, arbitrary: fc.array(child, { minLength: Math.min(1, max), maxLength: Math.min(3, max) }) },
      { weight: 1, arbitrary: fc.array(child, { maxLength: max }) },
    )
    .map(withNames);
}

export function gatherNodeArb(depth: number, max: number): fc.Arbitrary<GatherNode> {
  return fc
    .record({
      children: childrenArb(depth, max),
      returnExceptions: fc.boolean(),
      gatherAfter: fc.option(delayArb(), { freq: 3, nil: undefined }),
    })
    .map(({ children, returnExceptions, gatherAfter }) => {
      const node: GatherNode = { returnExceptions, children };
      if (gatherAfter !== undefined) node.gatherAfter = gatherAfter;
      return node;
    });
}

/** A nested-gather child (unnamed): its own gather of leaves, maybe an onCancel, maybe a task. */
export function gatherChildArb(depth: number): fc.Arbitrary<Omit<GatherChild, 'name'>> {
  return fc
    .record({ gather: gatherNodeArb(depth, 3), onCancel: onCancelArb(), task: fc.boolean() })
    .map(({ gather, onCancel, task }) => {
      const child: Omit<GatherChild, 'name'> = { gather };
      if (onCancel !== undefined) child.onCancel = onCancel;
      if (task) child.task = true;
      return child;
    });
}
