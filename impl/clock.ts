// Clocks: VirtualClock (time jumps to the next timer, a 10-hour sleep costs nothing) and RealClock (wall time).

export interface Clock {
  /** Milliseconds since the clock's origin. */
  now(): number;
  /** True when the loop moves time itself (jumps to the next deadline) instead of waiting for it. */
  readonly virtual: boolean;
  /** Virtual clocks only: moves time forward to `ms` (never backwards). */
  advanceTo(ms: number): void;
}

/** Deterministic time that only moves when the loop jumps to the next timer's deadline. */
export class VirtualClock implements Clock {
  readonly virtual = true;
  private time: number;

  constructor(start = 0) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  advanceTo(ms: number): void {
    if (ms < this.time) throw new RangeError(`VirtualClock cannot go back from ${this.time} to ${ms}`);
    this.time = ms;
  }
}

/** Wall-clock time (performance.now) measured from the clock's creation. */
export class RealClock implements Clock {
  readonly virtual = false;
  private readonly origin = performance.now();

  now(): number {
    return performance.now() - this.origin;
  }

  advanceTo(): void {
    throw new Error('RealClock cannot be advanced: real time moves by itself');
  }
}
