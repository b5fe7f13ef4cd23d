// The loop's FIFO ready queue (docs/rules.md S1): fixed-size blocks of entries linked in order.
//
// Why blocks and not one array: a 10^5 gather queues 10^5 tasks at once. One array that big lives in V8's old
// generation, and every task stored into it (a young object) is a write the garbage collector must record and scan
// at each scavenge; regrowing it copied it ~20 times besides. Blocks of BLOCK entries are young objects like the
// tasks they hold. A drained block is kept as the spare for the next one needed (a queue that fills and drains once
// per turn allocates no block in steady state); slots already run hold undefined, so nothing is kept alive.

/** Entries per block: small enough to be a young object (8 KB), large enough that linking costs nothing. */
const BLOCK = 1024;

interface Block<T> {
  readonly items: (T | undefined)[];
  next: Block<T> | null;
}

function newBlock<T>(): Block<T> {
  // Stryker disable next-line ArrayDeclaration: equivalent: slots are written by push before shift reads them
  return { items: new Array<T | undefined>(BLOCK), next: null };
}

export class ReadyQueue<T> {
  /** The block shift reads from, at `head`; push writes to `tail` in `last`. */
  private first: Block<T> = newBlock();
  private last: Block<T> = this.first;
  private head = 0;
  private tail = 0;
  /** One drained block kept for reuse. */
  private spare: Block<T> | null = null;

  isEmpty(): boolean {
    return this.first === this.last && this.head === this.tail;
  }

  /** Appends at the back. */
  push(item: T): void {
    if (this.tail === BLOCK) {
      const block = this.spare ?? newBlock<T>();
      this.spare = null;
      this.last.next = block;
      this.last = block;
      this.tail = 0;
    }
    this.last.items[this.tail++] = item;
  }

  /** Removes and returns the front entry; the queue must not be empty. */
  shift(): T {
    let block = this.first;
    if (this.head === BLOCK) {
      // the front block is used up: the next one becomes the front, this one the spare
      const next = block.next!;
      block.next = null;
      this.spare = block;
      this.first = block = next;
      this.head = 0;
    }
    const items = block.items;
    const item = items[this.head] as T;
    items[this.head++] = undefined;
    // Stryker disable next-line ConditionalExpression,BlockStatement: equivalent: restarting at the front only reuses the block
    if (block === this.last && this.head === this.tail) {
      this.head = 0; // drained: start again at the front of this block
      this.tail = 0;
    }
    return item;
  }
}
