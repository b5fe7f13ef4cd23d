// Public surface of the scenario generators (one arbitrary per file, as fast-check does).
export { DELAY_POOL, delayArb } from './delay.ts';
export { sleepsArb } from './sleeps.ts';
export { jsonValueArb } from './json-value.ts';
export { ERROR_NAMES, endArb } from './end.ts';
export { onCancelArb } from './on-cancel.ts';
export { leafChildArb } from './leaf-child.ts';
export { childrenArb, gatherChildArb, gatherNodeArb } from './gather-node.ts';
export { cancelIntentArb, cancelIntentsArb, realiseCancels, type CancelIntent } from './cancels.ts';
export { undisturbedFinishTimes } from './finish-times.ts';
export { scenarioArb, type ScenarioArbOptions } from './scenario.ts';
export { cancelDuringCleanupArb } from './cancel-during-cleanup.ts';
