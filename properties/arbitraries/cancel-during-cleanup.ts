// Arbitrary: a scenario where a task child is cancelled again while it cleans up after a first cancel (rules T4).
import fc from 'fast-check';
import type { Cancel, Child, GatherNode, Scenario } from '../../model/scenario-types.ts';
import { AWAITER } from '../../model/scenario-types.ts';
import { undisturbedDuration } from '../lib/scenario-walk.ts';

/**
 * From a gather node: one of its children becomes a task that cleans up for 2–10 ms on cancel; it is cancelled
 * while it runs, then again 1–2 ms later, directly or through the awaiter's gather. Independent random cancels
 * almost never land inside a cleanup (a later cancel there is a new request that ends the cleanup at once).
 */
export function cancelDuringCleanupArb(node: fc.Arbitrary<GatherNode>): fc.Arbitrary<Scenario> {
  return fc
    .record({
      node,
      pick: fc.nat(7),
      cleanupMs: fc.constantFrom(2, 3, 5, 10),
      first: fc.nat(9),
      gap: fc.constantFrom(1, 2),
      again: fc.constantFrom<'same' | 'awaiter'>('same', 'awaiter'),
    })
    .map(({ node, pick, cleanupMs, first, gap, again }): Scenario => {
      const children = [...node.children];
      const cancels: Cancel[] = [];
      if (children.length > 0) {
        const k = pick % children.length;
        const target: Child = { ...children[k]!, task: true, onCancel: { cleanupMs } };
        children[k] = target;
        // While it runs: after its start (time 0), before its undisturbed end when that is at least 2.
        const runs = undisturbedDuration(target);
        const at = 1 + (Number.isFinite(runs) && runs >= 2 ? first % (runs - 1) : first);
        cancels.push({ at, target: target.name }, { at: at + gap, target: again === 'same' ? target.name : AWAITER });
      }
      const scenario: Scenario = {
        loopcheck: 1,
        profile: 'seed',
        returnExceptions: node.returnExceptions,
        children,
        cancels,
      };
      if (node.gatherAfter !== undefined) scenario.gatherAfter = node.gatherAfter;
      return scenario;
    });
}
