// Human-readable text of an Outcome: one line per task (status, value or error, time), then the trace.
import type { Outcome, TaskOutcome, TraceEvent } from '../../model/outcome.ts';
import { renderTable } from './table.ts';

export function taskSummary(t: TaskOutcome | undefined): string {
  if (t === undefined) return '(missing)';
  if (t.status === 'returned') return `returned ${JSON.stringify(t.value)} @${t.at}`;
  if (t.status === 'raised') return `raised ${t.error} @${t.at}`;
  return `${t.status} @${t.at}`;
}

export function eventText(e: TraceEvent | undefined): string {
  return e === undefined ? '' : `@${e.at} ${e.task} ${e.event}`;
}

/** The tasks' outcomes as a table and the end time. */
export function formatTasks(outcome: Outcome): string {
  const rows = [['awaiter', taskSummary(outcome.awaiter)], ...Object.entries(outcome.children).map(([k, v]) => [k, taskSummary(v)])];
  return `${renderTable(['task', 'outcome'], rows)}\nend @${outcome.end}`;
}

/** The trace, one numbered event per line. */
export function formatTrace(trace: readonly TraceEvent[]): string {
  return trace.map((e, i) => `${String(i).padStart(3)}  ${eventText(e)}`).join('\n');
}

export function formatOutcome(outcome: Outcome, title?: string): string {
  return [...(title ? [`== ${title} ==`] : []), formatTasks(outcome), '', 'trace:', formatTrace(outcome.trace)].join('\n');
}
