// Public surface of the scenario generators (one arbitrary per file, as fast-check does).
export { DELAY_POOL, delayArb } from './delay.ts';
export { sleepsArb } from './sleeps.ts';
export { jsonValueArb } from './json-value.ts';
export { ERROR_NAMES, endArb } from './end.ts';
export { onCancelArb } from './on-cancel.ts';
export { leafChildArb } from './leaf-child.ts';
export { childrenArb, gatherChildArb, gatherNodeArb } from './gather-node.ts';
export { cancelIntentArb, cancelIntentsArb, duringIntentArb, realiseCancels, type CancelIntent } from './cancels.ts';
export { undisturbedFinishTimes } from './finish-times.ts';
export {
  checkArb,
  format2Arb,
  scenarioArb,
  scenarioFamilies,
  toScenario,
  STEERED,
  type Format2Options,
  type ScenarioArbOptions,
} from './scenario.ts';
export { earlyFailureEditArb, earlyFailurePlanArb, withEarlyFailure, type EarlyFailure } from './early-failure.ts';
export { applyDecidedAtCall, decidedAtCallEditArb, type DecidedAtCall } from './decided-at-call.ts';
export { settled, withAtLeast, withRaise, withEmptyGather, returningNode } from './node-edits.ts';
export { applyReturning, returningEditArb, type Returning } from './returning.ts';
export { cancelDuringCleanupArb } from './cancel-during-cleanup.ts';
export { applyWide, wideEditArb, type WideLeaf } from './wide.ts';
export { applyLift, liftArb, type Lift } from './format2-lift.ts';
