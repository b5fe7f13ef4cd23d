// Read-only queries over an Outcome's trace: a task's events, its terminal event, pending cancels, gather decisions.
// Indexed once per outcome (per task and event name), so every query is O(log n): checks stay linear in the trace.
import type { Outcome, TraceEvent, TraceEventName } from '../../model/outcome.ts';

export const CANCELLED_ERROR = 'CancelledError';
export const TERMINAL_EVENTS: readonly TraceEventName[] = ['returned', 'raised', 'cancelled'];
export const DECISION_EVENTS: readonly TraceEventName[] = ['gather-returned', 'gather-raised', 'gather-cancelled'];
/** The events that deliver or void a pending cancel (the task runs again, or ends). */
const CANCEL_CLEARING: readonly TraceEventName[] = ['resumed', 'started', ...TERMINAL_EVENTS];

export function isTerminal(event: TraceEventName): boolean {
  return TERMINAL_EVENTS.includes(event);
}

export function describeEvent(e: TraceEvent | undefined): string {
  return e === undefined ? 'nothing' : `${e.task} ${e.event} @${e.at}`;
}

const NONE: readonly number[] = [];

/** The first position in the ascending `list` whose value is >= `from` (list.length when none). */
function lowerBound(list: readonly number[], from: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface TaskIndex {
  all: number[];
  byEvent: Map<TraceEventName, number[]>;
}

export class TraceView {
  readonly trace: TraceEvent[];
  /** The trace's length when indexed. */
  readonly length: number;
  private readonly byTask = new Map<string, TaskIndex>();

  constructor(readonly outcome: Outcome) {
    this.trace = outcome.trace;
    const trace = this.trace;
    this.length = trace.length;
    for (let i = 0; i < trace.length; i++) {
      const e = trace[i]!;
      let index = this.byTask.get(e.task);
      if (index === undefined) {
        index = { all: [], byEvent: new Map() };
        this.byTask.set(e.task, index);
      }
      index.all.push(i);
      const list = index.byEvent.get(e.event);
      if (list === undefined) index.byEvent.set(e.event, [i]);
      else list.push(i);
    }
  }

  /** Indexes into the trace of every event of `task`, in order. */
  indexesOf(task: string): readonly number[] {
    return this.byTask.get(task)?.all ?? NONE;
  }

  /** Indexes into the trace of the events of `task` named `event`, in order. */
  eventsOf(task: string, event: TraceEventName): readonly number[] {
    return this.byTask.get(task)?.byEvent.get(event) ?? NONE;
  }

  tasks(): string[] {
    return [...this.byTask.keys()];
  }

  /** Index of the first event of `task` named one of `events` at or after `from`, or -1. */
  find(task: string, events: TraceEventName | readonly TraceEventName[], from = 0): number {
    const index = this.byTask.get(task);
    if (index === undefined) return -1;
    const names = typeof events === 'string' ? [events] : events;
    let best = -1;
    for (const name of names) {
      const list = index.byEvent.get(name);
      if (list === undefined) continue;
      const k = lowerBound(list, from);
      if (k < list.length && (best === -1 || list[k]! < best)) best = list[k]!;
    }
    return best;
  }

  /** Index of the last event of `task` named `event` strictly before `pos`, or -1. */
  lastBefore(task: string, event: TraceEventName, pos: number): number {
    const list = this.eventsOf(task, event);
    const k = lowerBound(list, pos);
    return k === 0 ? -1 : list[k - 1]!;
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
    const requested = this.lastBefore(task, 'cancel-requested', pos);
    if (requested === -1) return false;
    const cleared = this.find(task, CANCEL_CLEARING, requested + 1);
    return cleared === -1 || cleared >= pos;
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

const views = new WeakMap<Outcome, TraceView>();

/**
 * The view of an outcome, built once and shared by every property that checks it (a 400,000-event trace is indexed
 * once, not once per property). Rebuilt if the outcome's trace was replaced or grew since.
 */
export function traceViewOf(outcome: Outcome): TraceView {
  const cached = views.get(outcome);
  if (cached !== undefined && cached.trace === outcome.trace && cached.length === outcome.trace.length) return cached;
  const view = new TraceView(outcome);
  views.set(outcome, view);
  return view;
}
