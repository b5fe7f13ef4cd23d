// Mutant (format 2): the shutdown stops the loop once it has cancelled the tasks left, before they run their cleanup (breaks R1; EventLoop/Task prototypes patched per run).
import { EventLoop, Task } from '../../impl/index.ts';
import type { Mutant } from './mutant.ts';

/**
 * The shutdown (properties/run-on-loop.ts, as impl/run.ts) lists the tasks left with allTasks(), then cancels each from
 * a callback; the patch marks the loop at allTasks() and, at the first cancel from outside any task after that,
 * settles the loop's stop future: the loop stops without waiting for the cancelled tasks to end.
 */
function stopAtCancel(): () => void {
  const originalAll = EventLoop.prototype.allTasks;
  const originalCancel = Task.prototype.cancel;
  const shuttingDown = new WeakSet<EventLoop>();
  EventLoop.prototype.allTasks = function (this: EventLoop) {
    shuttingDown.add(this);
    return originalAll.call(this);
  };
  Task.prototype.cancel = function (this: Task<unknown>): boolean {
    const loop = this._loop;
    const accepted = originalCancel.call(this);
    const stop = loop._stopOn;
    if (shuttingDown.has(loop) && loop.currentTask() === null && stop !== null && !stop.done())
      stop.setResult(undefined);
    return accepted;
  };
  return () => {
    EventLoop.prototype.allTasks = originalAll;
    Task.prototype.cancel = originalCancel;
  };
}

export const shutdownSkipsCleanup: Mutant = {
  name: 'shutdown-skips-cleanup',
  description: 'the shutdown stops the run as soon as it has cancelled the tasks left, before their cleanup runs (R1)',
  patch: stopAtCancel,
};
