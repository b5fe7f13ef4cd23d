// Small value helpers for checks: deep equality of JSON values and the gather entry a child's outcome stands for.
import type { Json } from '../../model/scenario-types.ts';
import type { Outcome, TaskOutcome } from '../../model/outcome.ts';
import { AWAITER } from '../../model/scenario-types.ts';
import { CANCELLED_ERROR } from './trace-view.ts';

/**
 * Deep equality of JSON values, with no holes for non-JSON shapes to slip through: an empty array slot equals only
 * an empty slot (never `undefined`, `null` or a value), a key holding `undefined` differs from a missing key, keys
 * are own keys only (`__proto__`, `constructor` are plain keys). Numbers compare as JSON carries them: `-0` equals `0`
 * (JSON text cannot tell them apart across targets) and `NaN` equals `NaN` (the same non-JSON value on both sides).
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      const has = Object.hasOwn(a, i);
      if (has !== Object.hasOwn(b, i) || (has && !jsonEqual(a[i], b[i]))) return false;
    }
    return true;
  }
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every(
    (k) => Object.hasOwn(b, k) && jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

/** The entry a finished child contributes to a gather's result list (rules G4). */
export function entryOf(outcome: TaskOutcome): Json | undefined {
  switch (outcome.status) {
    case 'returned':
      return outcome.value ?? null;
    case 'raised':
      return { error: outcome.error ?? '?' };
    case 'cancelled':
      return { error: CANCELLED_ERROR };
    default:
      return undefined;
  }
}

/** A value as compact JSON for messages, except that an empty array slot shows as `<empty>` and `undefined` as itself. */
export function show(v: unknown): string {
  if (Array.isArray(v)) {
    const parts: string[] = [];
    for (let i = 0; i < v.length; i++) parts.push(Object.hasOwn(v, i) ? show(v[i]) : '<empty>');
    return `[${parts.join(',')}]`;
  }
  if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON !== 'function') {
    return `{${Object.entries(v)
      .map(([k, x]) => `${JSON.stringify(k)}:${show(x)}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'undefined';
}

/**
 * The order a JS object (`outcome.children`, or any JSON.parse'd outcome) keeps these keys in: integer-like names
 * ("2", "10") first, ascending, then the others in the given order. "Scenario order" can mean no more than that.
 */
export function objectKeyOrder(keys: readonly string[]): string[] {
  return Object.keys(Object.fromEntries(keys.map((k) => [k, true])));
}

/** A child's outcome by path, own entries only (a child named `constructor` is not Object.prototype's). */
export function childOutcome(outcome: Outcome, path: string): TaskOutcome | undefined {
  return Object.hasOwn(outcome.children, path) ? outcome.children[path] : undefined;
}

/** A task's outcome by path: the awaiter or a child. */
export function taskOutcome(outcome: Outcome, path: string): TaskOutcome | undefined {
  return path === AWAITER ? outcome.awaiter : childOutcome(outcome, path);
}
