// Mutant (format 2): a timeout's deadline cancels its task one loop turn late (breaks TO1; EventLoop.prototype.callLater patched per run).
import { EventLoop } from '../../impl/index.ts';
import type { Mutant } from './mutant.ts';

/**
 * A timer set by a running task (only timeout() does, impl/timeout.ts) runs its callback through the ready queue when
 * it fires, behind what is queued then: a body whose sleep ends at the deadline slips past it.
 */
function lateDeadlines(): () => void {
  const original = EventLoop.prototype.callLater;
  EventLoop.prototype.callLater = function (this: EventLoop, ms: number, fn: () => void) {
    if (this.currentTask() === null) return original.call(this, ms, fn);
    return original.call(this, ms, () => this._callSoon(fn));
  } as EventLoop['callLater'];
  return () => {
    EventLoop.prototype.callLater = original;
  };
}

export const timeoutOneTurnLate: Mutant = {
  name: 'timeout-one-turn-late',
  description:
    "a timeout's deadline cancels its task one loop turn after the timer fires, behind the body's own wake-up (TO1)",
  patch: lateDeadlines,
};
