// loopcheck's event loop, public surface: coroutines are generators awaited with `yield*`.
export type { Coro, Suspension } from './coro.ts';
export { isCoroutine } from './coro.ts';
export { type Clock, RealClock, VirtualClock } from './clock.ts';
export {
  CancelledError,
  DeadlockError,
  InvalidStateError,
  NoRunningLoopError,
  StepLimitError,
  TimeoutError,
} from './errors.ts';
export { type DoneCallback, Future } from './future.ts';
export { Task } from './task.ts';
export type { Timer as TimerHandle } from './timer-heap.ts';
export { EventLoop, type EventLoopOptions, type RunSyncOptions, type UnhandledHandler } from './event-loop.ts';
export type { GatherEvent, GatherEventKind, LoopEvent, Observer, TaskEvent, TaskEventKind } from './observer.ts';
export { getRunningLoop } from './running.ts';
export { createTask, currentTask } from './api.ts';
export { sleep, sleepMs } from './sleep.ts';
export {
  gather,
  gatherAll,
  GatherFuture,
  type GatherArg,
  type GatherOptions,
  type GatherResults,
  type GatherSettled,
} from './gather.ts';
export { run, type RunOptions } from './run.ts';
export { timeout, waitFor } from './timeout.ts';
export { shield } from './shield.ts';
