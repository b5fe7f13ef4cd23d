// Arbitrary edit: a gather that returns — return_exceptions, nothing hangs, at least two children, one failing: its
// result list (order, exceptions as entries) and its end time (max, not sum) are always there to judge. Half the
// time the failing child is a nested gather without return_exceptions whose own child raises early (G3 inside G4);
// two times in three an empty nested gather (G2) is among the children.
import fc from 'fast-check';
import type { Child, GatherNode } from '../../model/scenario-types.ts';
import { ERROR_NAMES } from './end.ts';
import { returningNode, settled, withEmptyGather } from './node-edits.ts';
import { earlyFailurePlanArb, withEarlyFailure, type EarlyFailure } from './early-failure.ts';

export interface Returning {
  pick: number;
  error: string;
  /** The failing child is this nested gather (leaves), failing early. */
  nested?: { inner: GatherNode; plan: EarlyFailure };
  /** An empty nested gather goes in at this position. */
  empty?: number;
}

/** `inner`: the nested gathers of leaves to use (none when the depth allows no nesting). */
export function returningEditArb(inner: fc.Arbitrary<GatherNode> | undefined): fc.Arbitrary<Returning> {
  const nested =
    inner === undefined
      ? fc.constant(undefined)
      : fc.option(fc.record({ inner, plan: earlyFailurePlanArb() }), { freq: 2, nil: undefined });
  const empty = inner === undefined ? fc.constant(undefined) : fc.option(fc.nat(8), { freq: 3, nil: undefined });
  return fc
    .record({ pick: fc.nat(7), error: fc.constantFrom(...ERROR_NAMES), nested, empty })
    .map(({ pick, error, nested, empty }) => ({
      pick,
      error,
      ...(nested === undefined ? {} : { nested }),
      ...(empty === undefined ? {} : { empty }),
    }));
}

export function applyReturning(node: GatherNode, { pick, error, nested, empty }: Returning, max = 8): GatherNode {
  // With a nested failing gather, one child is enough (it has two of its own): such cases shrink to three tasks.
  let out = returningNode(node, pick, error, nested === undefined ? 2 : 1);
  if (nested !== undefined) {
    const children = [...out.children];
    const k = pick % children.length;
    const { name, task, onCancel } = children[k]!;
    const gather = withEarlyFailure(settled(nested.inner, true), nested.plan);
    children[k] = { name, gather, ...(task ? { task } : {}), ...(onCancel === undefined ? {} : { onCancel }) } as Child;
    out = { ...out, children };
  }
  return empty === undefined ? out : withEmptyGather(out, empty, max);
}
