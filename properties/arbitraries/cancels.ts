// Arbitrary: cancel intents (when, whom) that become real cancels once the scenario's tree is known.
import fc from 'fast-check';
import type { Cancel, GatherNode } from '../../model/scenario-types.ts';
import { AWAITER } from '../../model/scenario-types.ts';
import { undisturbedFinishTimes } from './finish-times.ts';
import { cancelTargets } from '../lib/scenario-walk.ts';

/** When: a plain time, or "exactly when the k-th undisturbed finish happens". Whom: the awaiter or the k-th task child. */
export interface CancelIntent {
  when: { at: number } | { finish: number };
  whom: 'awaiter' | { task: number };
}

export function cancelIntentArb(): fc.Arbitrary<CancelIntent> {
  return fc.record({
    when: fc.oneof(fc.nat(12).map((at) => ({ at })), fc.nat(7).map((finish) => ({ finish }))),
    whom: fc.oneof(fc.constant<'awaiter'>('awaiter'), fc.nat(7).map((task) => ({ task }))),
  });
}

export function cancelIntentsArb(): fc.Arbitrary<CancelIntent[]> {
  return fc.oneof({ withCrossShrink: true }, { weight: 2, arbitrary: fc.constant<CancelIntent[]>([]) }, { weight: 3, arbitrary: fc.array(cancelIntentArb(), { minLength: 1, maxLength: 2 }) });
}

/** Turns intents into cancels that `parseScenario` accepts (targets are the awaiter or `task: true` children). */
export function realiseCancels(node: GatherNode, intents: CancelIntent[]): Cancel[] {
  const finishes = undisturbedFinishTimes(node);
  const tasks = cancelTargets(node).filter((t) => t !== AWAITER);
  return intents.map(({ when, whom }) => ({
    at: 'at' in when ? when.at : (finishes[when.finish % Math.max(1, finishes.length)] ?? 0),
    target: whom === 'awaiter' || tasks.length === 0 ? AWAITER : tasks[whom.task % tasks.length]!,
  }));
}
