// Arbitrary: cancel intents (when, whom) that become real cancels once the scenario's tree is known.
import fc from 'fast-check';
import type { Cancel, GatherNode } from '../../model/scenario-types.ts';
import { AWAITER } from '../../model/scenario-types.ts';
import { undisturbedFinishTimes } from './finish-times.ts';
import { cancelTargets, undisturbedDuration, walkScenario } from '../lib/scenario-walk.ts';

/**
 * When: a plain time; "exactly when the k-th undisturbed finish happens" (ties, which checks leave alone); or "the
 * k-th instant strictly inside the target's run at which nothing finishes" (a cancel the checks can judge: it finds
 * its target alive, and the awaiter's gather undecided). Whom: the awaiter, the k-th task child, or the k-th task
 * child that runs a gather of its own (the awaiter when there is none).
 */
export interface CancelIntent {
  when: { at: number } | { finish: number } | { during: number };
  whom: 'awaiter' | { task: number } | { owner: number };
}

export function cancelIntentArb(): fc.Arbitrary<CancelIntent> {
  return fc.record({
    when: fc.oneof(
      fc.nat(12).map((at) => ({ at })),
      fc.nat(7).map((finish) => ({ finish })),
      fc.nat(7).map((during) => ({ during })),
    ),
    whom: fc.oneof(
      fc.constant<'awaiter'>('awaiter'),
      fc.nat(7).map((task) => ({ task })),
    ),
  });
}

/** One cancel, strictly inside its target's run: the awaiter's (what G6 judges), or a task child's (T4). */
export function duringIntentArb(whom: 'awaiter' | 'task' | 'owner'): fc.Arbitrary<CancelIntent> {
  return fc.record({
    when: fc.nat(7).map((during) => ({ during })),
    whom:
      whom === 'awaiter'
        ? fc.constant<'awaiter'>('awaiter')
        : whom === 'task'
          ? fc.nat(7).map((task) => ({ task }))
          : fc.nat(7).map((owner) => ({ owner })),
  });
}

export function cancelIntentsArb(): fc.Arbitrary<CancelIntent[]> {
  return fc.oneof(
    { withCrossShrink: true },
    { weight: 2, arbitrary: fc.constant<CancelIntent[]>([]) },
    { weight: 3, arbitrary: fc.array(cancelIntentArb(), { minLength: 1, maxLength: 2 }) },
  );
}

/** Instants strictly inside `target`'s undisturbed run (the awaiter: while its gather waits) at which nothing finishes. */
export function quietInstants(
  node: GatherNode,
  target: string,
  finishes: readonly number[] = undisturbedFinishTimes(node),
): number[] {
  let from: number;
  let to: number;
  if (target === AWAITER) {
    // While its gather waits: from the call until the last child ends, or (without return_exceptions) the first raises.
    from = node.gatherAfter ?? 0;
    to = undisturbedDuration(node);
    if (!node.returnExceptions) {
      for (const c of walkScenario(node).children) {
        if (c.owner === AWAITER && 'end' in c.child && typeof c.child.end === 'object' && 'raise' in c.child.end)
          to = Math.min(to, c.start + undisturbedDuration(c.child));
      }
    }
  } else {
    const placed = walkScenario(node).children.find((c) => c.path === target)!;
    from = placed.start;
    to = from + undisturbedDuration(placed.child);
  }
  // A run that never ends (a hang): a few instants after the last finish will do.
  if (!Number.isFinite(to)) to = Math.max(from, ...finishes) + 4;
  const out: number[] = [];
  for (let t = from + 1; t < to; t++) if (!finishes.includes(t)) out.push(t);
  return out;
}

/** Turns intents into cancels that `parseScenario` accepts (targets are the awaiter or `task: true` children). */
export function realiseCancels(node: GatherNode, intents: CancelIntent[]): Cancel[] {
  const finishes = undisturbedFinishTimes(node);
  const tasks = cancelTargets(node).filter((t) => t !== AWAITER);
  const owners = walkScenario(node)
    .owners.map((o) => o.path)
    .filter((p) => tasks.includes(p));
  const pick = (list: string[], k: number): string => (list.length === 0 ? AWAITER : list[k % list.length]!);
  return intents.map(({ when, whom }) => {
    const target = whom === 'awaiter' ? AWAITER : 'task' in whom ? pick(tasks, whom.task) : pick(owners, whom.owner);
    let at: number;
    if ('at' in when) at = when.at;
    else if ('finish' in when) at = finishes[when.finish % Math.max(1, finishes.length)] ?? 0;
    else {
      const quiet = quietInstants(node, target, finishes);
      at = quiet.length === 0 ? 1 : quiet[when.during % quiet.length]!;
    }
    return { at, target };
  });
}
