// Small value helpers for checks: deep equality of JSON values and the gather entry a child's outcome stands for.
import type { Json } from '../../model/scenario-types.ts';
import type { Outcome, TaskOutcome } from "../../model/outcome.ts";
import { AWAITER } from "../../model/scenario-types.ts";
import { CANCELLED_ERROR } from './trace-view.ts';

export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  if (!jsonEqual(ka, kb)) return false;
  return ka.every((k) => jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
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

export function show(v: unknown): string {
  return JSON.stringify(v) ?? 'undefined';
}

/** A task's outcome by path: the awaiter or a child. */
export function taskOutcome(outcome: Outcome, path: string): TaskOutcome | undefined {
  return path === AWAITER ? outcome.awaiter : outcome.children[path];
}
