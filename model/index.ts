// The model's public surface: validate scenarios, simulate them on the statecharts, list the statecharts' graph.
export {
  parseScenario,
  parseScenarioText,
  parseAnyScenario,
  parseAnyScenarioText,
  ScenarioError,
  MAX_CHILDREN,
  MAX_DELAY_MS,
  MAX_NESTING,
  MAX_STEPS,
  MAX_TASKS,
  MAX_ARGS,
  MAX_TIMEOUT_NESTING,
} from './scenario.ts';
export { simulate, type SimulateOptions } from './simulate.ts';
export { allowedOutcomes, hasOpenOrder, outcomeKey, MAX_TIE_ORDERS, type AllowedOutcomes } from './allowed-outcomes.ts';
export { taskMachine, type TaskMachine, type TaskContext, type TaskEvent } from './task-machine.ts';
export { gatherMachine, type GatherMachine, type GatherContext, type GatherEvent } from './gather-machine.ts';
export { machinesFor, isModelledProfile, PROFILE_CHOICES, type ProfileChoices } from './profiles.ts';
export { modelGraph } from './graph.ts';
export { stateIdsOf, transitionId, guardTakenId, guardFalseId, guardCheckId, pairId } from './coverage-ids.ts';
export { UNREACHABLE, unreachableReason, type Unreachable } from './coverage-unreachable.ts';
export * from './scenario-types.ts';
export * from './outcome.ts';
export * from './coverage-types.ts';
