// The loop functions that find the running loop themselves: createTask, currentTask.
import type { Coro } from './coro.ts';
import { getRunningLoop } from './running.ts';
import type { Task } from './task.ts';

/** Schedules `coro` as a task on the running loop (its first step is appended to the ready queue). */
export function createTask<T>(coro: Coro<T>, options: { name?: string } = {}): Task<T> {
  return getRunningLoop('createTask()').createTask(coro, options);
}

/** The task running now (null inside a plain callback); throws when no loop is running. */
export function currentTask(): Task<unknown> | null {
  return getRunningLoop('currentTask()').currentTask();
}
