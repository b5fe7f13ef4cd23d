// Which properties an exploration must engage (README "Exhaustive exploration"): a certificate never vouches for a
// property that no enumerated scenario engaged, unless the bound is too small to hold the property's construct.
import type { PropertySpec } from '../properties/rules/property-types.ts';
import { isFormat2Only } from '../properties/format2/readiness.ts';
import type { Certificate, PropertyResult } from './explore.ts';
import { FORMAT2_CHILDREN } from './enumerate.ts';

/**
 * The smallest bound whose enumeration holds the construct `property` speaks about: 0 for the differentials and
 * determinism (every scenario engages them); FORMAT2_CHILDREN for the format 2 properties (the format 2 families
 * start there); 1 for the other outcome properties (a gather with a child).
 */
export function engagesFrom(property: PropertySpec): number {
  if (property.kind !== 'outcome') return 0;
  return isFormat2Only(property) ? FORMAT2_CHILDREN : 1;
}

/** Whether an exploration of the enumeration up to `bound` must engage `property`. */
export function mustEngage(property: PropertySpec, bound: number): boolean {
  return bound >= engagesFrom(property);
}

/**
 * The properties the certificate may not vouch for: those that had to engage at its bound and engaged on no
 * scenario. Only a whole, complete certificate is judged (a shard of several, an interrupted run or one stopped at
 * a failure has not seen the whole enumeration).
 */
export function unengaged(c: Certificate): PropertyResult[] {
  if (!c.complete || c.interrupted === true || (c.shard !== undefined && c.shard.count > 1)) return [];
  return c.properties.filter((p) => p.mustEngage === true && p.engaged === 0);
}
