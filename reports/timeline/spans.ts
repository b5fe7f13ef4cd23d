// Turns one run's trace into per-task spans (running, sleeping, awaiting, hanging, cleanup, queued) and marks.
import type { Outcome, TaskOutcome, TraceEvent } from '../../model/outcome.ts';
import type { AnyScenario } from '../../model/scenario-types.ts';
import { AWAITER, isScenarioV2 } from '../../model/scenario-types.ts';
import { format2Marks, type Format2Suspension } from './format2.ts';
import type { LabelledOutcome, Mark, Point, RunTimeline, Span, SpanKind, TaskTimeline } from './types.ts';
import { scenarioTasks, taskOrder, type TaskBody } from './task-order.ts';
import { shortJson } from './short-json.ts';

/** The slot of every event: how many earlier events of the same trace happened at the same instant. */
export function eventPoints(trace: TraceEvent[]): Point[] {
  const seen = new Map<number, number>();
  return trace.map((event) => {
    const slot = seen.get(event.at) ?? 0;
    seen.set(event.at, slot + 1);
    return { at: event.at, slot };
  });
}

interface TaskState {
  open: { kind: SpanKind; from: Point } | null;
  pendingCancel: boolean;
  inCleanup: boolean;
  gatherStartedThisStep: boolean;
  suspensions: number;
  timeline: TaskTimeline;
}

function suspensionKind(state: TaskState, body: TaskBody | undefined): SpanKind {
  if (state.inCleanup) return 'cleanup';
  if (state.gatherStartedThisStep) return 'awaiting';
  if (body === undefined || body.kind === 'steps') return 'sleeping';
  if (body.kind === 'gather') return 'sleeping'; // the gatherAfter sleep
  const index = state.suspensions;
  if (index < body.sleeps.length) return 'sleeping';
  return body.end === 'hang' ? 'hanging' : 'sleeping';
}

/** The text shown next to a gather's decision on the caller's row. */
export function gatherLabel(event: TraceEvent['event'], outcome: TaskOutcome | undefined): string {
  switch (event) {
    case 'gather-returned':
      return outcome?.status === 'returned' ? `gather → ${shortJson(outcome.value ?? null)}` : 'gather returned';
    case 'gather-raised':
      if (outcome?.status === 'raised') return `gather raised ${outcome.error ?? '?'}`;
      if (outcome?.status === 'cancelled') return 'gather raised CancelledError';
      return 'gather raised';
    case 'gather-cancelled':
      return 'gather cancelled';
    default:
      return event;
  }
}

function taskOutcome(outcome: Outcome, task: string): TaskOutcome | undefined {
  return task === AWAITER
    ? outcome.awaiter
    : Object.hasOwn(outcome.children, task)
      ? outcome.children[task]
      : undefined;
}

/** Spans and marks for every task of one run; rows in `order` (default: the scenario's order). */
const FORMAT2_SPANS: Record<Format2Suspension, SpanKind> = {
  sleep: 'sleeping',
  await: 'awaiting-task',
  shield: 'shielded',
  gather: 'awaiting',
  hang: 'hanging',
};

export function runTimeline(scenario: AnyScenario, run: LabelledOutcome, order?: string[]): RunTimeline {
  const { outcome } = run;
  const bodies = scenarioTasks(scenario);
  const tasks = order ?? taskOrder(scenario, [outcome.trace]);
  const states = new Map<string, TaskState>();
  for (const task of tasks) {
    states.set(task, {
      open: null,
      pendingCancel: false,
      inCleanup: false,
      gatherStartedThisStep: false,
      suspensions: 0,
      timeline: { task, spans: [], marks: [], outcome: taskOutcome(outcome, task) },
    });
  }
  const points = eventPoints(outcome.trace);
  const format2 = isScenarioV2(scenario) ? format2Marks(scenario, outcome.trace, points, outcome.end) : undefined;

  const close = (state: TaskState, to: Point): void => {
    if (state.open !== null) state.timeline.spans.push({ kind: state.open.kind, from: state.open.from, to });
    state.open = null;
  };
  const mark = (state: TaskState, kind: Mark['kind'], at: Point, index: number, label?: string): void => {
    state.timeline.marks.push(label === undefined ? { kind, at, index } : { kind, at, index, label });
  };

  outcome.trace.forEach((event, index) => {
    let state = states.get(event.task);
    if (state === undefined) {
      state = {
        open: null,
        pendingCancel: false,
        inCleanup: false,
        gatherStartedThisStep: false,
        suspensions: 0,
        timeline: { task: event.task, spans: [], marks: [], outcome: taskOutcome(outcome, event.task) },
      };
      states.set(event.task, state);
    }
    const at = points[index]!;
    const body = bodies.get(event.task);
    switch (event.event) {
      case 'created':
        mark(state, 'created', at, index);
        close(state, at);
        state.open = { kind: 'queued', from: at };
        break;
      case 'started':
        close(state, at);
        state.gatherStartedThisStep = false;
        state.open = { kind: state.inCleanup ? 'cleanup' : 'running', from: at };
        break;
      case 'resumed':
        close(state, at);
        state.gatherStartedThisStep = false;
        if (state.pendingCancel) {
          state.pendingCancel = false;
          state.inCleanup = true;
        }
        state.open = { kind: state.inCleanup ? 'cleanup' : 'running', from: at };
        break;
      case 'suspended': {
        close(state, at);
        const seen = format2?.suspensions.get(index);
        const kind = state.inCleanup || seen === undefined ? suspensionKind(state, body) : FORMAT2_SPANS[seen];
        if (!state.inCleanup && !state.gatherStartedThisStep) state.suspensions += 1;
        state.open = { kind, from: at };
        break;
      }
      case 'cancel-requested':
        // a cancel forwarded to an awaited task that did not end cancelled never reaches this one (T4g, format2.ts)
        if (format2?.forwarded.has(index) !== true) state.pendingCancel = true;
        mark(state, 'cancel-requested', at, index);
        break;
      case 'returned':
      case 'raised':
      case 'cancelled':
        close(state, at);
        mark(state, event.event, at, index);
        break;
      case 'gather-started':
        state.gatherStartedThisStep = true;
        mark(state, 'gather-started', at, index);
        break;
      case 'gather-returned':
      case 'gather-raised':
      case 'gather-cancelled':
        mark(state, event.event, at, index, gatherLabel(event.event, state.timeline.outcome));
        break;
    }
  });

  const endPoint: Point = { at: outcome.end, slot: 'end' };
  for (const state of states.values()) close(state, endPoint);
  const inOrder = new Set(tasks);
  const rows = [...tasks, ...[...states.keys()].filter((task) => !inOrder.has(task))];
  const tasksOut = rows.map((task) => states.get(task)!.timeline);
  return format2 === undefined
    ? { label: run.label, end: outcome.end, trace: outcome.trace, tasks: tasksOut }
    : { label: run.label, end: outcome.end, trace: outcome.trace, tasks: tasksOut, format2 };
}

/** Every run of an input with the same rows (the union of the tasks of all runs). */
export function runTimelines(scenario: AnyScenario, runs: LabelledOutcome[]): RunTimeline[] {
  const order = taskOrder(
    scenario,
    runs.map((run) => run.outcome.trace),
  );
  return runs.map((run) => runTimeline(scenario, run, order));
}

export type { Span };
