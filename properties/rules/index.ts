// The property registry: every property with its name, one-line description, kind and profiles, in report order.
import type { PropertySpec } from './property-types.ts';
import { orderPreservation } from './order-preservation.ts';
import { maxNotSum } from './max-not-sum.ts';
import { firstException } from './first-exception.ts';
import { siblingCancellation } from './sibling-cancellation.ts';
import { returnExceptions } from './return-exceptions.ts';
import { cancellationPropagation } from './cancellation-propagation.ts';
import { taskIdentity } from './task-identity.ts';
import { emptyGather } from './empty-gather.ts';
import { nothingLost } from './nothing-lost.ts';
import { determinism } from './determinism.ts';
import { differential } from './differential.ts';
import { siblingsKeepRunning } from './siblings-keep-running.ts';
import { awaiterCancelTiming } from './awaiter-cancel-timing.ts';
import { outcomeDifferential } from './outcome-differential.ts';
import { awaitResult } from './await-result.ts';
import { shieldIsolation } from './shield-isolation.ts';
import { timeoutBound } from './timeout-bound.ts';
import { timeoutVsCancel } from './timeout-vs-cancel.ts';
import { shutdownNothingLost } from './shutdown-nothing-lost.ts';
import { cancelThroughChain } from './cancel-through-chain.ts';
import { selfCancel } from './self-cancel.ts';
import { gatherEntries } from './gather-entries.ts';
import { judge } from '../evaluate.ts';

export type {
  PropertySpec,
  OutcomeProperty,
  DeterminismProperty,
  DifferentialProperty,
  Verdict,
  NotApplicable,
  ScenarioFormat,
} from './property-types.ts';
export { NOT_APPLICABLE, HELD, heldIf, violationOf } from './property-types.ts';
export {
  orderPreservation,
  maxNotSum,
  firstException,
  siblingCancellation,
  returnExceptions,
  cancellationPropagation,
  taskIdentity,
  emptyGather,
  nothingLost,
  determinism,
  differential,
  siblingsKeepRunning,
  awaiterCancelTiming,
  outcomeDifferential,
  awaitResult,
  shieldIsolation,
  timeoutBound,
  timeoutVsCancel,
  shutdownNothingLost,
  cancelThroughChain,
  selfCancel,
  gatherEntries,
};

export const PROPERTIES: readonly PropertySpec[] = [
  orderPreservation,
  maxNotSum,
  firstException,
  siblingCancellation,
  siblingsKeepRunning,
  returnExceptions,
  cancellationPropagation,
  awaiterCancelTiming,
  taskIdentity,
  emptyGather,
  nothingLost,
  awaitResult,
  shieldIsolation,
  timeoutBound,
  timeoutVsCancel,
  shutdownNothingLost,
  cancelThroughChain,
  selfCancel,
  gatherEntries,
  determinism,
  differential,
  outcomeDifferential,
];

export function propertiesFor(profile: string): PropertySpec[] {
  return PROPERTIES.filter((p) => (p.profiles as readonly string[]).includes(profile));
}

export function findProperty(name: string): PropertySpec | undefined {
  return PROPERTIES.find((p) => p.name === name);
}

/** Checks every single-outcome property on one outcome; returns `[name, message]` for each violation. */
export function outcomeViolations(
  scenario: Parameters<Extract<PropertySpec, { kind: 'outcome' }>['check']>[0],
  outcome: Parameters<Extract<PropertySpec, { kind: 'outcome' }>['check']>[1],
): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const p of propertiesFor(scenario.profile)) {
    if (p.kind !== 'outcome') continue;
    const { violation } = judge(p, scenario, outcome);
    if (violation !== null) out.push([p.name, violation]);
  }
  return out;
}
