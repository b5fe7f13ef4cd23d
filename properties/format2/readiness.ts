// Which properties judge a scenario of which format (docs/rules.md §4b), read from what each property declares
// (PropertySpec `formats` and `format2Only`, properties/rules/property-types.ts), never from its name: a user's
// property judges format 2 when it says it reads it, and one named like a built-in gains nothing from the name.
import type { PropertySpec, ScenarioFormat } from '../rules/property-types.ts';

/** The formats a property's check reads: what it declares, else format 1 only (what a property is written for). */
export const DEFAULT_FORMATS: readonly ScenarioFormat[] = [1];

export function formatsOf(property: Pick<PropertySpec, 'formats'>): readonly ScenarioFormat[] {
  return property.formats ?? DEFAULT_FORMATS;
}

/** Whether `property` judges a scenario of format `loopcheck` (a case of another format is `unjudged`, evaluate.ts). */
export function judgesFormat(property: Pick<PropertySpec, 'formats'>, loopcheck: number): boolean {
  return (formatsOf(property) as readonly number[]).includes(loopcheck);
}

/**
 * Whether `property` speaks only about what format 2 expresses (awaits, shields, timeouts, shutdown): declared
 * `format2Only`, or not reading format 1 at all. NOT_APPLICABLE (or not judged) on every format 1 scenario: `check`'s
 * generators engage it through format 2 (arbitraries/format2-lift.ts); conformance, where a runtime runs format 1
 * only, leaves it out; an exploration expects it to engage from the format 2 families on (explore/engagement.ts).
 */
export function isFormat2Only(property: Pick<PropertySpec, 'formats' | 'format2Only'>): boolean {
  return property.format2Only === true || !judgesFormat(property, 1);
}
