// Arbitrary edit: a gather with nothing to wait for when it is called (G2): empty, or every child a task that ended first.
import fc from 'fast-check';
import type { Child, GatherNode } from '../../model/scenario-types.ts';
import { undisturbedDuration } from '../lib/scenario-walk.ts';
import { nameAt } from './child-names.ts';
import { settled, withRaise } from './node-edits.ts';
import { ERROR_NAMES } from './end.ts';

export interface DecidedAtCall {
  shape: 'tasks-ended' | 'empty' | 'empty-nested';
  /** How long after the last task ended the gather is called. */
  extra: number;
  pick: number;
  error: string;
}

export function decidedAtCallEditArb(): fc.Arbitrary<DecidedAtCall> {
  return fc.record({
    shape: fc.constantFrom<DecidedAtCall['shape']>(
      'tasks-ended',
      'tasks-ended',
      'tasks-ended',
      'empty',
      'empty-nested',
    ),
    extra: fc.constantFrom(0, 1, 2),
    pick: fc.nat(7),
    error: fc.constantFrom(...ERROR_NAMES),
  });
}

/**
 * Three shapes: the node's children all become tasks (none hangs, one raises) and the gather is called after the
 * last has ended; or the awaiter's gather is empty; or an empty nested gather joins the children.
 */
export function applyDecidedAtCall(node: GatherNode, { shape, extra, pick, error }: DecidedAtCall): GatherNode {
  if (shape === 'empty') return { ...node, children: [] };
  if (shape === 'empty-nested') {
    const children = node.children.slice(0, 7);
    return {
      ...node,
      children: [
        ...children,
        { name: nameAt(children.length), gather: { returnExceptions: node.returnExceptions, children: [] } } as Child,
      ],
    };
  }
  // One of them raised: the decided gather returns it as an entry (return_exceptions) or raises it (G3).
  const tasks = withRaise(settled(node, true), pick, error).children.map((c): Child => ({ ...c, task: true }));
  const last = Math.max(0, ...tasks.map((c) => undisturbedDuration(c)));
  return { ...node, children: tasks, gatherAfter: last + extra };
}
