// Read-only queries over an Outcome's trace: a task's events, its terminal event, pending cancels, gather decisions.
import type { Outcome, TraceEvent, TraceEventName } from '../../model/outcome.ts';

export const CANCELLED_ERROR = 'CancelledError';
export const TERMINAL_EVENTS: readonly TraceEventName[] = ['returned', 'raised', 'cancelled'];
export const DECISION_EVENTS: readonly TraceEventName[] = ['gather-returned', 'gather-raised', 'gather-cancelled'];

export function isTerminal(event: TraceEventName): boolean {
  return TERMINAL_EVENTS.includes(event);
}

export function describeEvent(e: TraceEvent | undefined): string {
  return e === undefined ? 'nothing' : `${e.task} ${e.event} @${e.at}`;
}

export class TraceView {
  readonly trace: TraceEvent[];
  private readonly byTask = new Map<string, number[]>();

  constructor(readonly outcome: Outcome) {
    this.trace = outcome.trace;
    this.trace.forEach((e, i) => {
      const list = this.byTask.get(e.task) ?? [];
      list.push(i);
      this.byTask.set(e.task, list);
    });
  }

  /** Indexes into the trace of every event of `task`, in order. */
  indexesOf(task: string): number[] {
    return this.byTask.get(task) ?? [];
  }

  tasks(): string[] {
    return [...this.byTask.keys()];
  }

  /** Index of the first event of `task` named one of `events` at or after `from`, or -1. */
  find(task: string, events: TraceEventName | readonly TraceEventName[], from = 0): number {
    const names = typeof events === 'string' ? [events] : events;
    for (const i of this.indexesOf(task)) if (i >= from && names.includes(this.trace[i]!.event)) return i;
    return -1;
  }

  /** Index of the task's terminal event, or -1 when it has none. */
  terminal(task: string): number {
    return this.find(task, TERMINAL_EVENTS);
  }

  /** Whether the task has ended strictly before trace index `pos`. */
  endedBefore(task: string, pos: number): boolean {
    const t = this.terminal(task);
    return t !== -1 && t < pos;
  }

  /** Whether the task has a cancel pending just before `pos`: requested, and not yet delivered (resumed) or ended. */
  cancelPendingBefore(task: string, pos: number): boolean {
    let pending = false;
    for (const i of this.indexesOf(task)) {
      if (i >= pos) break;
      const ev = this.trace[i]!.event;
      if (ev === 'cancel-requested') pending = true;
      else if (ev === 'resumed' || ev === 'started' || isTerminal(ev)) pending = false;
    }
    return pending;
  }

  /** Index of the gather decision of `owner`'s gather (the first gather-returned/-raised/-cancelled), or -1. */
  decision(owner: string): number {
    return this.find(owner, DECISION_EVENTS);
  }

  gatherStarted(owner: string): number {
    return this.find(owner, 'gather-started');
  }

  /** Whether `owner` is suspended on an undecided gather just before `pos`. */
  inUndecidedGatherBefore(owner: string, pos: number): boolean {
    const s = this.gatherStarted(owner);
    if (s === -1 || s >= pos) return false;
    const d = this.decision(owner);
    return d === -1 || d >= pos;
  }
}
