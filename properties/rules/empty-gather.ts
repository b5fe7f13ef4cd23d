// Property: a gather with no children (or whose outcome is already decided) decides at once, without suspending (G2).
import { heldIf, type OutcomeProperty } from './property-types.ts';
import { gatherOwners } from '../lib/scenario-walk.ts';
import { traceViewOf, describeEvent } from '../lib/trace-view.ts';
import { show, taskOutcome } from '../lib/values.ts';

export const emptyGather: OutcomeProperty = {
  kind: 'outcome',
  name: 'empty-gather',
  description: 'an empty (or already decided) gather decides at once and its caller goes on without suspending',
  profiles: ['seed'],
  formats: [1, 2], // §4b: through the one walk (lib/scenario-walk.ts), or the outcomes alone
  // Engaged: a gather was empty, or already decided, when called (an undecided one is only checked to suspend).
  check(scenario, outcome) {
    const view = traceViewOf(outcome);
    const trace = outcome.trace;
    let engaged = false;
    for (const owner of gatherOwners(scenario)) {
      const gs = view.gatherStarted(owner.path);
      if (gs === -1) continue;
      const next = trace[gs + 1];
      if (owner.children.length === 0) {
        engaged = true;
        const after = trace[gs + 2];
        const ok =
          next?.task === owner.path &&
          next.event === 'gather-returned' &&
          next.at === trace[gs]!.at &&
          after?.task === owner.path &&
          after.event === 'returned' &&
          after.at === next.at;
        if (!ok)
          return `${owner.path}'s empty gather should return [] at once: expected gather-returned, returned @${trace[gs]!.at}; got ${describeEvent(next)}, ${describeEvent(after)}`;
        const got = taskOutcome(outcome, owner.path);
        if (got?.status !== 'returned' || show(got.value) !== '[]')
          return `${owner.path}'s empty gather should give [], got ${got?.status} ${show(got?.value)}`;
        continue;
      }
      const ended = owner.children.map((c) => view.endedBefore(c.path, gs));
      const failedBefore = owner.children.some(
        (c, i) => ended[i] && trace[view.terminal(c.path)]!.event !== 'returned',
      );
      const decided = ended.every(Boolean) || (!owner.node.returnExceptions && failedBefore);
      if (decided) {
        engaged = true;
        const want =
          ended.every(Boolean) && !(failedBefore && !owner.node.returnExceptions) ? 'gather-returned' : 'gather-raised';
        if (next?.task !== owner.path || next.event !== want || next.at !== trace[gs]!.at) {
          return `${owner.path}'s gather is decided when called: expected ${owner.path} ${want} @${trace[gs]!.at} right after gather-started, got ${describeEvent(next)}`;
        }
      } else if (next?.task !== owner.path || next.event !== 'suspended') {
        return `${owner.path}'s gather is undecided when called: its caller should suspend, got ${describeEvent(next)}`;
      }
    }
    return heldIf(engaged);
  },
};
