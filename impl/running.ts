// The running loop (like asyncio's get_running_loop): set while a loop runs, so API functions need no loop argument.
import type { EventLoop } from './event-loop.ts';
import { NoRunningLoopError } from './errors.ts';

let running: EventLoop | null = null;

/** The loop running right now, or null. */
export function runningLoopOrNull(): EventLoop | null {
  return running;
}

/** The loop running right now; throws NoRunningLoopError naming `what` when none is. */
export function getRunningLoop(what = 'getRunningLoop()'): EventLoop {
  if (running === null) throw new NoRunningLoopError(what);
  return running;
}

/** Loop internals: makes `loop` the running loop and returns the previous one (to restore afterwards). */
export function enterLoop(loop: EventLoop | null): EventLoop | null {
  const previous = running;
  running = loop;
  return previous;
}
