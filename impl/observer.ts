// Observer events: one structured event per lifecycle step, at the points docs/rules.md §2–3 name, in that order.
import type { Task } from './task.ts';

export type TaskEventKind =
  | 'task-created'
  | 'task-started'
  | 'task-suspended'
  | 'task-resumed'
  | 'task-cancel-requested'
  | 'task-cancelled'
  | 'task-returned'
  | 'task-raised';

export type GatherEventKind = 'gather-started' | 'gather-returned' | 'gather-raised' | 'gather-cancelled';

/** An event of `task` itself. */
export interface TaskEvent {
  /** 0, 1, 2, … per loop. */
  seq: number;
  /** The loop's clock (ms) when it happened. */
  at: number;
  kind: TaskEventKind;
  task: Task<unknown>;
}

/** An event of a gather: `task` is the task that called gather; `children` its child tasks in argument order. */
export interface GatherEvent {
  seq: number;
  at: number;
  kind: GatherEventKind;
  task: Task<unknown>;
  children: readonly Task<unknown>[];
}

export type LoopEvent = TaskEvent | GatherEvent;

/** Receives every event synchronously; must not throw. */
export type Observer = (event: LoopEvent) => void;
