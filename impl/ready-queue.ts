// The loop's FIFO ready queue (docs/rules.md S1): an array with a head and a tail index that keeps its capacity.
//
// Why not push/shift on a plain array: shift() is O(n). Why not truncate when it drains: a 10^5 gather fills the
// queue with 10^5 entries on every turn, and regrowing the array from empty each time copied it ~20 times over.
// Slots already run hold undefined, so the spare capacity holds nothing alive.

/** Entries already run, beyond which a queue that never drains is compacted (so it cannot grow forever). */
const COMPACT_AT = 1 << 16;

export class ReadyQueue<T> {
  private readonly items: (T | undefined)[] = [];
  private head = 0;
  private tail = 0;

  isEmpty(): boolean {
    return this.head === this.tail;
  }

  /** Appends at the back. */
  push(item: T): void {
    this.items[this.tail++] = item;
  }

  /** Removes and returns the front entry; the queue must not be empty. */
  shift(): T {
    const items = this.items;
    const item = items[this.head] as T;
    items[this.head++] = undefined;
    if (this.head === this.tail) {
      this.head = 0; // drained: start again at the front, keeping the capacity
      this.tail = 0;
    } else if (this.head >= COMPACT_AT && this.head * 2 >= this.tail) {
      items.copyWithin(0, this.head, this.tail);
      items.fill(undefined, this.tail - this.head, this.tail);
      this.tail -= this.head;
      this.head = 0;
    }
    return item;
  }
}
