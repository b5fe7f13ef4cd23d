// Arbitrary: a whole scenario — the awaiter's gather (0–8 children, nested gathers to depth 2) and its cancels.
import fc from 'fast-check';
import type { Scenario } from '../../model/scenario-types.ts';
import { gatherNodeArb } from './gather-node.ts';
import { cancelIntentsArb, realiseCancels } from './cancels.ts';
import { cancelDuringCleanupArb } from './cancel-during-cleanup.ts';

export interface ScenarioArbOptions {
  /** Most children of the awaiter's gather (default 8). */
  maxChildren?: number;
  /** Gather depth: 1 = the awaiter's gather only, 2 = children may be gathers of leaves (default 2). */
  depth?: number;
}

/** Random cancels mostly; one scenario in ten cancels a task again during its cleanup. */
export function scenarioArb(options: ScenarioArbOptions = {}): fc.Arbitrary<Scenario> {
  const { maxChildren = 8, depth = 2 } = options;
  const node = gatherNodeArb(depth, maxChildren);
  const randomCancels = fc.record({ node, intents: cancelIntentsArb() }).map(({ node, intents }) => {
    const scenario: Scenario = { loopcheck: 1, profile: 'seed', returnExceptions: node.returnExceptions, children: node.children, cancels: realiseCancels(node, intents) };
    if (node.gatherAfter !== undefined) scenario.gatherAfter = node.gatherAfter;
    return scenario;
  });
  return fc.oneof({ withCrossShrink: true }, { weight: 9, arbitrary: randomCancels }, { weight: 1, arbitrary: cancelDuringCleanupArb(node) });
}
