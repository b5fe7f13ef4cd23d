// Where two runs of one scenario first differ: the first differing trace event, else the first differing outcome.
import type { Outcome, TaskOutcome, TraceEvent } from '../../model/outcome.ts';
import { AWAITER } from '../../model/scenario-types.ts';
import type { Divergence, LabelledOutcome } from './types.ts';
import { jsonEqual, show } from '../../properties/lib/values.ts';

function sameEvent(a: TraceEvent | undefined, b: TraceEvent | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.at === b.at && a.task === b.task && a.event === b.event;
}

/** Same status, time, error and value (key order aside; an empty slot is not null: properties/lib/values.ts). */
function sameTaskOutcome(x: TaskOutcome | undefined, y: TaskOutcome | undefined): boolean {
  if (x === undefined || y === undefined) return x === y;
  return x.status === y.status && x.at === y.at && x.error === y.error && jsonEqual(x.value, y.value);
}

export function describeEvent(event: TraceEvent | undefined): string {
  return event === undefined ? '(trace ended)' : `t=${event.at} ${event.task} ${event.event}`;
}

export function describeTaskOutcome(outcome: TaskOutcome | undefined): string {
  if (outcome === undefined) return '(absent)';
  const detail =
    outcome.status === 'returned'
      ? ` ${show(outcome.value ?? null)}`
      : outcome.status === 'raised'
        ? ` ${outcome.error ?? '?'}`
        : '';
  return `${outcome.status}${detail} at ${outcome.at}`;
}

function tasksOf(outcome: Outcome): string[] {
  return [AWAITER, ...Object.keys(outcome.children)];
}

function outcomeOf(outcome: Outcome, task: string): TaskOutcome | undefined {
  return task === AWAITER
    ? outcome.awaiter
    : Object.hasOwn(outcome.children, task)
      ? outcome.children[task]
      : undefined;
}

/** The first difference between the first two runs, or null when they agree (or fewer than two are given). */
export function firstDivergence(runs: LabelledOutcome[]): Divergence | null {
  const [left, right] = runs;
  if (left === undefined || right === undefined) return null;
  const a = left.outcome.trace;
  const b = right.outcome.trace;
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    if (!sameEvent(a[index], b[index])) {
      const task = (a[index] ?? b[index])!.task;
      return {
        index,
        task,
        events: [a[index], b[index]],
        description: `event #${index}: ${left.label} ${describeEvent(a[index])} · ${right.label} ${describeEvent(b[index])}`,
      };
    }
  }
  const tasks = [...new Set([...tasksOf(left.outcome), ...tasksOf(right.outcome)])];
  for (const task of tasks) {
    const x = outcomeOf(left.outcome, task);
    const y = outcomeOf(right.outcome, task);
    if (!sameTaskOutcome(x, y)) {
      return {
        index: null,
        task,
        events: [undefined, undefined],
        description: `outcome of ${task}: ${left.label} ${describeTaskOutcome(x)} · ${right.label} ${describeTaskOutcome(y)}`,
      };
    }
  }
  if (left.outcome.end !== right.outcome.end) {
    return {
      index: null,
      task: AWAITER,
      events: [undefined, undefined],
      description: `end: ${left.label} ${left.outcome.end} · ${right.label} ${right.outcome.end}`,
    };
  }
  return null;
}
