// Finds where two outcomes part: the first differing trace event, else the first differing outcome field.
import type { Outcome, TaskOutcome, TraceEvent } from '../../model/outcome.ts';
import { childOutcome, jsonEqual, show } from '../lib/values.ts';

export function sameEvent(a: TraceEvent | undefined, b: TraceEvent | undefined): boolean {
  return a !== undefined && b !== undefined && a.at === b.at && a.task === b.task && a.event === b.event;
}

/** Index of the first event where two traces differ (including one ending early), or -1 when they are equal. */
export function firstTraceDivergence(a: readonly TraceEvent[], b: readonly TraceEvent[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if (!sameEvent(a[i], b[i])) return i;
  return -1;
}

function eventText(e: TraceEvent | undefined): string {
  return e === undefined ? '(no event)' : `${e.task} ${e.event} @${e.at}`;
}

function taskText(t: TaskOutcome | undefined): string {
  if (t === undefined) return '(missing)';
  const detail = t.status === 'returned' ? ` ${show(t.value)}` : t.status === 'raised' ? ` ${t.error}` : '';
  return `${t.status}${detail} @${t.at}`;
}

function sameTask(a: TaskOutcome | undefined, b: TaskOutcome | undefined): boolean {
  return (
    a !== undefined &&
    b !== undefined &&
    a.status === b.status &&
    a.at === b.at &&
    a.error === b.error &&
    jsonEqual(a.value, b.value)
  );
}

/** A one-line description of the first difference between two outcomes (semantic: key order is ignored), or null. */
export function firstDifference(a: Outcome, b: Outcome, labelA = 'expected', labelB = 'observed'): string | null {
  const i = firstTraceDivergence(a.trace, b.trace);
  if (i !== -1) return `trace event #${i}: ${labelA} ${eventText(a.trace[i])}, ${labelB} ${eventText(b.trace[i])}`;
  if (!sameTask(a.awaiter, b.awaiter))
    return `awaiter: ${labelA} ${taskText(a.awaiter)}, ${labelB} ${taskText(b.awaiter)}`;
  const keysA = Object.keys(a.children);
  const keysB = Object.keys(b.children);
  const inA = new Set(keysA);
  for (const k of [...keysA, ...keysB.filter((k) => !inA.has(k))]) {
    const ta = childOutcome(a, k);
    const tb = childOutcome(b, k);
    if (!sameTask(ta, tb)) return `child ${k}: ${labelA} ${taskText(ta)}, ${labelB} ${taskText(tb)}`;
  }
  if (show(keysA) !== show(keysB)) return `children order: ${labelA} ${show(keysA)}, ${labelB} ${show(keysB)}`;
  if (a.end !== b.end) return `end: ${labelA} ${a.end}, ${labelB} ${b.end}`;
  return null;
}
