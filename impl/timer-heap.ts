// Timers and the queue that orders them by (deadline, order set) (docs/rules.md S1): a binary min-heap of deadlines,
// each with the FIFO list of its timers, so the many timers that share a deadline cost O(1) each, not O(log n).
import type { Task } from './task.ts';

/** A timer: wakes a sleeping task, or runs a callback (loop.callLater). Also the handle callLater returns. */
export class Timer {
  deadline = 0;
  /** Order set: breaks deadline ties (FIFO). */
  seq = 0;
  /** @internal Position in its deadline's list; -1 when not in the queue. */
  index = -1;
  /** @internal Set by cancel() when the timer already fired and its callback waits in the ready queue. */
  cancelled = false;

  constructor(
    /** @internal The sleeping task it wakes, or null for a callback timer. */
    readonly task: Task<unknown> | null,
    /** @internal */
    readonly fn: (() => void) | null,
    private readonly heap: TimerHeap | null = null,
  ) {}

  /** callLater handles: stops the callback from running; false if it already ran or was cancelled. */
  cancel(): boolean {
    if (this.cancelled) return false;
    if (this.index >= 0) {
      this.heap?.remove(this);
      this.cancelled = true;
      return true;
    }
    if (this.fn !== null && !this.ran) {
      this.cancelled = true;
      return true;
    }
    return false;
  }

  /** @internal */
  ran = false;
}

/** The timers set for one deadline, in the order they were set (their seq order). */
class Bucket {
  readonly timers: (Timer | null)[] = [];
  /** First slot that may hold a timer (earlier slots are popped or removed). */
  head = 0;
  /** Timers still in the list. */
  live = 0;
  /** Position in the heap of buckets. */
  index = 0;

  constructor(readonly deadline: number) {}

  /** Moves `head` past removed slots (the list is empty when it reaches the end). */
  skipRemoved(): void {
    const timers = this.timers;
    while (this.head < timers.length && timers[this.head] === null) this.head++;
  }
}

export class TimerHeap {
  /** Min-heap of buckets by deadline (deadlines are distinct). */
  private readonly heap: Bucket[] = [];
  private readonly byDeadline = new Map<number, Bucket>();
  private nextSeq = 0;
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The timer that fires first, or undefined when none is set. */
  peek(): Timer | undefined {
    const top = this.heap[0];
    return top === undefined ? undefined : top.timers[top.head]!;
  }

  /** Adds the timer at `deadline`, after every timer already set for the same deadline. */
  push(timer: Timer, deadline: number): void {
    timer.deadline = deadline;
    timer.seq = this.nextSeq++;
    let bucket = this.byDeadline.get(deadline);
    if (bucket === undefined) {
      bucket = new Bucket(deadline);
      this.byDeadline.set(deadline, bucket);
      bucket.index = this.heap.length;
      this.heap.push(bucket);
      this.up(bucket.index);
    }
    timer.index = bucket.timers.length;
    bucket.timers.push(timer);
    bucket.live++;
    this.count++;
  }

  pop(): Timer | undefined {
    const top = this.peek();
    if (top !== undefined) this.remove(top);
    return top;
  }

  remove(timer: Timer): void {
    if (timer.index < 0) return;
    const bucket = this.byDeadline.get(timer.deadline)!;
    bucket.timers[timer.index] = null;
    timer.index = -1;
    this.count--;
    if (--bucket.live === 0) this.removeBucket(bucket);
    else bucket.skipRemoved();
  }

  private removeBucket(bucket: Bucket): void {
    this.byDeadline.delete(bucket.deadline);
    const heap = this.heap;
    const i = bucket.index;
    const last = heap.pop()!;
    if (last === bucket) return;
    heap[i] = last;
    last.index = i;
    if (i > 0 && last.deadline < heap[(i - 1) >> 1]!.deadline) this.up(i);
    else this.down(i);
  }

  private up(i: number): void {
    const heap = this.heap;
    const b = heap[i]!;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = heap[p]!;
      if (parent.deadline <= b.deadline) break;
      heap[i] = parent;
      parent.index = i;
      i = p;
    }
    heap[i] = b;
    b.index = i;
  }

  private down(i: number): void {
    const heap = this.heap;
    const n = heap.length;
    const b = heap[i]!;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && heap[r]!.deadline < heap[l]!.deadline ? r : l;
      const child = heap[c]!;
      if (child.deadline >= b.deadline) break;
      heap[i] = child;
      child.index = i;
      i = c;
    }
    heap[i] = b;
    b.index = i;
  }
}
