// Which properties can judge a format 2 scenario (docs/rules.md §4b) yet: those that read only the outcomes, and the
// format 2 properties (await-result, shield-isolation, timeout-bound, timeout-vs-cancel, shutdown-nothing-lost, cancel-through-chain, self-cancel,
// gather-entries). Every other property walks the scenario as format 1 (sleeps, ends, gather children) and answers NOT_APPLICABLE there.
import type { PropertySpec } from '../rules/property-types.ts';

/**
 * Properties about what only format 2 expresses (awaits, shields, timeouts): NOT_APPLICABLE on every format 1
 * scenario, so the default generators (format 1) never engage them; format2/properties.test.ts measures and kills.
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

/** Properties whose check never reads the scenario's tree, or reads format 2's (properties/lib/format2-walk.ts). */
export const FORMAT2_READY: ReadonlySet<string> = new Set([
  'determinism',
  'differential',
  'outcome-differential',
  ...FORMAT2_ONLY_PROPERTIES,
]);

/** Whether `property` may judge a scenario of format `loopcheck`. */
export function judgesFormat(property: PropertySpec, loopcheck: number): boolean {
  return loopcheck !== 2 || FORMAT2_READY.has(property.name);
}
