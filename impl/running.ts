// The running loop (like asyncio's get_running_loop): set while a loop runs, so API functions need no loop argument.
import type { EventLoop } from './event-loop.ts';
import { NoRunningLoopError } from './errors.ts';

/** The running loop: a field of a module constant, as a module `let` is checked for its temporal dead zone at each read. */
const state: { running: EventLoop | null } = { running: null };

/** The loop running right now, or null. */
export function runningLoopOrNull(): EventLoop | null {
  return state.running;
}

/** The loop running right now; throws NoRunningLoopError naming `what` when none is. */
export function getRunningLoop(what = 'getRunningLoop()'): EventLoop {
  if (state.running === null) throw new NoRunningLoopError(what);
  return state.running;
}

/** Loop internals: makes `loop` the running loop and returns the previous one (to restore afterwards). */
export function enterLoop(loop: EventLoop | null): EventLoop | null {
  const previous = state.running;
  state.running = loop;
  return previous;
}
