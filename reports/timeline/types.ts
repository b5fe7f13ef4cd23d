// The data a timeline is drawn from: per task, spans (running, sleeping, …) and marks (cancel, return, raise, gather).
import type { Outcome, TaskOutcome, TraceEvent, TraceEventName } from '../../model/outcome.ts';
import type { AnyScenario } from '../../model/scenario-types.ts';
import type { Format2Marks } from './format2.ts';

/**
 * A point on the timeline: a virtual time and the position of the event among the events of that instant in
 * its trace (`slot`), so that several steps at one instant still get distinct places. `'end'` is the end of
 * the instant (used for the loop's idle time `end`).
 */
export interface Point {
  at: number;
  slot: number | 'end';
}

export type SpanKind =
  /** created, waiting in the ready queue for its first step */
  | 'queued'
  /** started/resumed until suspended or ended */
  | 'running'
  /** suspended on a sleep */
  | 'sleeping'
  /** suspended on a gather */
  | 'awaiting'
  /** suspended on `await` of a task (format 2) */
  | 'awaiting-task'
  /** suspended on `shield` of a task (format 2, SH1) */
  | 'shielded'
  /** suspended on something that never resolves */
  | 'hanging'
  /** after a CancelledError was delivered and before the task ended */
  | 'cleanup';

export interface Span {
  kind: SpanKind;
  from: Point;
  to: Point;
}

/** The trace events drawn as marks (the others delimit spans). */
export type MarkKind = Exclude<TraceEventName, 'started' | 'suspended' | 'resumed'>;

export interface Mark {
  kind: MarkKind;
  at: Point;
  /** Index of the event in the trace. */
  index: number;
  /** Short text shown next to the mark (the gather's result). */
  label?: string;
}

export interface TaskTimeline {
  task: string;
  spans: Span[];
  marks: Mark[];
  /** The task's final outcome when the Outcome lists it. */
  outcome?: TaskOutcome;
}

/** One target's run, laid out as rows. */
export interface RunTimeline {
  label: string;
  end: number;
  trace: TraceEvent[];
  tasks: TaskTimeline[];
  /** A format 2 run: its awaits, shields and timeout scopes (format2.ts). */
  format2?: Format2Marks;
}

export interface LabelledOutcome {
  /** `model`, `loop`, a target's name… */
  label: string;
  outcome: Outcome;
}

/** What `timelineSvg` and `timelineAscii` draw: one scenario, one or two runs of it. */
export interface TimelineInput {
  scenario: AnyScenario;
  outcomes: LabelledOutcome[];
  title?: string;
  /** Lines shown under the title (the violation message, a target that produced no outcome…). */
  notes?: string[];
  /**
   * The property that failed: the timeline marks the event or task its message names (violation-mark.ts) on the
   * judged run (the one labelled `run`, else the last) instead of the first trace difference, which only the
   * differential is about.
   */
  violation?: { property: string; message: string; run?: string };
}

/**
 * What the timeline marks: where two runs first differ (an event index in both traces, or a task whose outcome
 * differs), or what breaks the failing property (`run` set: on that run only).
 */
export interface Divergence {
  /** Index of the first differing trace event (`null` when the traces agree and only outcomes differ). */
  index: number | null;
  /** The task whose row carries the mark. */
  task: string;
  /** The event at `index` in each run (`undefined` when that run's trace is shorter). */
  events: (TraceEvent | undefined)[];
  description: string;
  /** The run (index into the runs) the mark is on; all runs when absent. */
  run?: number;
  /** What the mark is (default `first divergence`). */
  heading?: string;
}
