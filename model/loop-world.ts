// The services the simulation driver offers the statecharts: the only way a machine touches time, queue and trace.
import type { Json } from './scenario-types.ts';
import type { TraceEventName } from './outcome.ts';

/** What a woken task will receive when it resumes: a value, or an exception thrown into it. */
export type Received = { kind: 'value'; value: Json } | { kind: 'error'; name: string };

/** How a task ended (docs/rules.md §6). */
export type TaskResult =
  | { status: 'returned'; value: Json }
  | { status: 'raised'; error: string }
  | { status: 'cancelled' };

export interface LoopWorld {
  /** Appends `{ at: now, task, event }` to the trace (§5). */
  trace(task: string, event: TraceEventName): void;
  /** Appends the task's next step to the back of the ready queue (T1, S3, S5). */
  appendStep(task: string): void;
  /** Sets the task's sleep timer at now + ms (S3, ms > 0). */
  setSleepTimer(task: string, ms: number): void;
  /** Removes the task's sleep timer from the heap (T4c). */
  removeSleepTimer(task: string): void;
  /** The gather body's first line: createTask for each child with `task: true`, in order (§4). */
  createTaskChildren(task: string): void;
  /** The gather body's `gather(...)` call: starts the task's gather (G1). */
  callGather(task: string): void;
  /** Hands the task's cancel to the gather it awaits (T4d → G6). */
  forwardCancelToGather(task: string): void;
  /** The task ended: record it and tell whatever waits for it at once (T5; T5c: through a queued callback). */
  taskEnded(task: string, result: TaskResult): void;
  /** T5c (cpython): appends the gather's done callback for its already-ended child `index` to the ready queue. */
  queueChildReport(caller: string, index: number): void;

  /** Wraps a gather argument into a new task (G1, T1). */
  createTask(path: string): void;
  /** The gather wakes its caller with a value or exception (G3, G4, G6). */
  wake(task: string, received: Received): void;
  /** `task.cancel()` (T4). */
  cancel(task: string): void;
  /** G6m (micropython): the gather cancels its unfinished children when its cancelled caller next runs. */
  cancelChildrenWhenCallerRuns(caller: string): void;
  /** A task cancelled while queued starts its step (tells its gather, if G6m deferred cancelling the children). */
  callerRuns(task: string): void;
  // format 2 (docs/rules.md §4b)
  /** TO1: sets the deadline timer of the task's timeout scope at `depth` (0: outermost) at now + ms. */
  setDeadline(task: string, depth: number, ms: number): void;
  /** TO1: whether that deadline timer has fired (the scope expired and cancelled the task). */
  deadlineExpired(task: string, depth: number): boolean;
  /** TO1: removes that deadline timer (it will not fire). */
  removeDeadline(task: string, depth: number): void;
  /** `task` awaits `target` (not finished): it is woken (WAKE) when `target` ends (T5). */
  awaitTask(task: string, target: string): void;
  /** `task` awaits `shield(target)` (SH1): woken when `target` ends, unless the shield is cancelled first. */
  shieldTask(task: string, target: string): void;
  /** SH1: the shield `task` awaited was cancelled: `target`'s end no longer wakes it. */
  detachShield(task: string, target: string): void;
  /** T4g: cancels `target` for `task`, then sends `task` FORWARDED. */
  forwardCancelToTask(task: string, target: string): void;
  /** The result of a task that exists and has ended, else undefined. */
  resultOf(task: string): TaskResult | undefined;
  /** Order in which the task ended among all ended tasks (for "first in time", G3); undefined if not ended. */
  endOrderOf(task: string): number | undefined;
}
