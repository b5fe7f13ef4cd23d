// Human-readable text of an Outcome: one line per task (status, value or error, time), then the trace.
import type { Outcome, TaskOutcome, TraceEvent } from '../../model/outcome.ts';
import { renderTable } from './table.ts';
import { clipped, moreLine } from './summary.ts';

export function taskSummary(t: TaskOutcome | undefined, valueChars = Infinity): string {
  if (t === undefined) return '(missing)';
  if (t.status === 'returned')
    return `returned ${clipped(JSON.stringify(t.value) ?? 'undefined', valueChars)} @${t.at}`;
  if (t.status === 'raised') return `raised ${t.error} @${t.at}`;
  return `${t.status} @${t.at}`;
}

export function eventText(e: TraceEvent | undefined): string {
  return e === undefined ? '' : `@${e.at} ${e.task} ${e.event}`;
}

/**
 * The tasks' outcomes as a table (the awaiter and at most `limit - 1` children, the rest summarised; values cut
 * to `valueChars`) and the end time.
 */
export function formatTasks(outcome: Outcome, limit = Infinity, valueChars = Infinity): string {
  const rows = [['awaiter', taskSummary(outcome.awaiter, valueChars)]];
  let left = 0;
  for (const k in outcome.children) {
    if (!Object.hasOwn(outcome.children, k)) continue;
    if (rows.length < limit) rows.push([k, taskSummary(outcome.children[k], valueChars)]);
    else left++;
  }
  return `${renderTable(['task', 'outcome'], rows)}${left > 0 ? `\n${moreLine(left, 'tasks')}` : ''}\nend @${outcome.end}`;
}

/** The trace, one numbered event per line: at most `limit` events, the rest summarised. */
export function formatTrace(trace: readonly TraceEvent[], limit = Infinity): string {
  const lines: string[] = [];
  const shown = Math.min(trace.length, limit);
  for (let i = 0; i < shown; i++) lines.push(`${String(i).padStart(3)}  ${eventText(trace[i])}`);
  if (trace.length > shown) lines.push(moreLine(trace.length - shown, 'events'));
  return lines.join('\n');
}

export function formatOutcome(
  outcome: Outcome,
  title?: string,
  limits: { tableRows?: number; traceRows?: number; valueChars?: number } = {},
): string {
  return [
    ...(title ? [`== ${title} ==`] : []),
    formatTasks(outcome, limits.tableRows, limits.valueChars),
    '',
    'trace:',
    formatTrace(outcome.trace, limits.traceRows),
  ].join('\n');
}
