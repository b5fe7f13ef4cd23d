// The loop's error classes: cancellation, deadlock, misuse (wrong state, no running loop, step budget).

/**
 * Thrown into a coroutine at its suspension point when its task is cancelled; catchable like any error.
 * Made without a stack trace: it is control flow, made by the loop in great numbers (every cancel), and its stack
 * would show only the loop's own frames — capturing one cost more than the rest of a cancel.
 */
export class CancelledError extends Error {
  constructor(message = 'the task was cancelled') {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(message);
    } finally {
      Error.stackTraceLimit = limit;
    }
    this.name = 'CancelledError';
  }
}

/** `run(main)`: the loop went idle (nothing ready, no timers) while main was still waiting. */
export class DeadlockError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeadlockError';
  }
}

/** A Future/Task used in a state that does not allow it (result of an unfinished task, a task awaiting itself). */
export class InvalidStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidStateError';
  }
}

/** A loop function (`createTask`, `sleepMs`, `gather`, `currentTask`) called while no loop is running. */
export class NoRunningLoopError extends Error {
  constructor(what: string) {
    super(`${what} must be called while a loop is running (inside a task started by run() or by an EventLoop)`);
    this.name = 'NoRunningLoopError';
  }
}

/** `loop.runSync({ maxSteps })` ran more steps than allowed (a program that never goes idle). */
export class StepLimitError extends Error {
  constructor(maxSteps: number) {
    super(`the loop ran more than ${maxSteps} steps without going idle`);
    this.name = 'StepLimitError';
  }
}

/** A timeout scope's or waitFor's deadline passed while its awaitable was still running (TO2). */
export class TimeoutError extends Error {
  constructor(message = 'the deadline passed') {
    super(message);
    this.name = 'TimeoutError';
  }
}
