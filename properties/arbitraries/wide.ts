// Arbitrary edit: a wide gather — five to eight more leaves, each sleeping one to four times, zero often — so the
// loop holds many timers at distinct deadlines and a ready queue that runs long without draining (its data
// structures' regions: heap reordering after removals, the queue moving on to new blocks), which small random
// gathers rarely reach.
import fc from 'fast-check';
import type { Child, End, GatherNode, LeafChild } from '../../model/scenario-types.ts';
import { endArb } from './end.ts';
import { onCancelArb } from './on-cancel.ts';
import { nameAt } from './child-names.ts';

export type WideLeaf = Omit<LeafChild, 'name'>;

export function wideEditArb(max: number): fc.Arbitrary<WideLeaf[]> {
  // Zero (a yield: the ready queue) often, else 1–12 ms: more distinct deadlines than the small pool's ties give.
  const sleeps = fc.array(
    fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: 1, max: 12 }) }),
    { minLength: 2, maxLength: 4 },
  );
  // Mostly returning: a raise in a wide gather cancels (seed) every sibling, and their timing is no longer judged.
  const end = fc.oneof(
    { withCrossShrink: true },
    { weight: 8, arbitrary: fc.nat(99).map((v): End => ({ return: v })) },
    { weight: 1, arbitrary: endArb() },
  );
  const leaf = fc.record({ sleeps, end, onCancel: onCancelArb(), task: fc.boolean() }).map(
    ({ sleeps, end, onCancel, task }): WideLeaf => ({
      sleeps,
      end,
      ...(onCancel === undefined ? {} : { onCancel }),
      ...(task ? { task: true } : {}),
    }),
  );
  return fc.array(leaf, { minLength: Math.min(5, max), maxLength: max });
}

/** The node with the wide leaves appended (up to `max` children in all), every child named after its position. */
export function applyWide(node: GatherNode, leaves: WideLeaf[], max = 8): GatherNode {
  const children = [...node.children, ...leaves.map((l) => ({ name: '', ...l }) as Child)].slice(
    0,
    Math.max(max, node.children.length),
  );
  return { ...node, children: children.map((c, i) => ({ ...c, name: nameAt(i) })) };
}
