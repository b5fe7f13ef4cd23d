// The Outcome format shared by the model, the loop runner, replay and conformance (docs/rules.md §5–6).
import type { Json } from './scenario-types.ts';

export type Status = 'returned' | 'raised' | 'cancelled' | 'pending';

export interface TaskOutcome {
  status: Status;
  /** The return value (status `returned`); exceptions inside it are written `{ "error": "<Name>" }`. */
  value?: Json;
  /** The error's name (status `raised`). */
  error?: string;
  /** Virtual ms of the task's final event; `end` when pending. */
  at: number;
}

export type TraceEventName =
  | 'created'
  | 'started'
  | 'suspended'
  | 'resumed'
  | 'cancel-requested'
  | 'returned'
  | 'raised'
  | 'cancelled'
  | 'gather-started'
  | 'gather-returned'
  | 'gather-raised'
  | 'gather-cancelled';

export const TRACE_EVENT_NAMES: readonly TraceEventName[] = [
  'created',
  'started',
  'suspended',
  'resumed',
  'cancel-requested',
  'returned',
  'raised',
  'cancelled',
  'gather-started',
  'gather-returned',
  'gather-raised',
  'gather-cancelled',
];

export interface TraceEvent {
  at: number;
  task: string;
  event: TraceEventName;
}

export interface Outcome {
  awaiter: TaskOutcome;
  /** Every child by path (`outer/inner` for nested gathers), in scenario order (depth first). */
  children: Record<string, TaskOutcome>;
  /** Virtual ms when the loop went idle. */
  end: number;
  trace: TraceEvent[];
}

/** How an exception is written where a value can hold one. */
export function errorValue(name: string): { error: string } {
  return { error: name };
}
