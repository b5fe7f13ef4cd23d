// Which properties judge a format 2 scenario (docs/rules.md §4b): the format 1 rules through the one walk
// (lib/scenario-walk.ts: `args`, steps children, created tasks; NOT_APPLICABLE where a rule cannot be judged on the
// case), those that read only the outcomes, and the format 2 properties (await-result, shield-isolation,
// timeout-bound, timeout-vs-cancel, shutdown-nothing-lost, cancel-through-chain, self-cancel, gather-entries). Only
// the cpython/micropython-only properties are left out: check draws format 2 under seed only, so they never meet it.
import type { PropertySpec } from '../rules/property-types.ts';

/**
 * Properties about what only format 2 expresses (awaits, shields, timeouts, shutdown): NOT_APPLICABLE on every format 1
 * scenario. `check`'s generators engage them through format 2 (arbitraries/format2-lift.ts); conformance, whose
 * runtimes run format 1, leaves them out.
 */
export const FORMAT2_ONLY_PROPERTIES: ReadonlySet<string> = new Set([
  'await-result',
  'shield-isolation',
  'timeout-bound',
  'timeout-vs-cancel',
  'shutdown-nothing-lost',
  'cancel-through-chain',
  'self-cancel',
  'gather-entries',
]);

/** Properties whose check never reads the scenario's tree, or reads format 2's (lib/scenario-walk.ts, lib/format2-walk.ts). */
export const FORMAT2_READY: ReadonlySet<string> = new Set([
  'order-preservation',
  'max-not-sum',
  'first-exception',
  'sibling-cancellation',
  'return-exceptions',
  'cancellation-propagation',
  'task-identity',
  'empty-gather',
  'nothing-lost',
  'determinism',
  'differential',
  'outcome-differential',
  ...FORMAT2_ONLY_PROPERTIES,
]);

/** Whether `property` may judge a scenario of format `loopcheck`. */
export function judgesFormat(property: PropertySpec, loopcheck: number): boolean {
  return loopcheck !== 2 || FORMAT2_READY.has(property.name);
}
