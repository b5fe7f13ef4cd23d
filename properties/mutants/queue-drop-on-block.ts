// Mutant: the ready queue starts a new block early (after 8 entries instead of 1024) and loses the entry at its front
// when it does (ReadyQueue.prototype.push and shift patched per run): only long queues that never drain show it.
import { ReadyQueue } from '../../impl/ready-queue.ts';
import type { Mutant } from './mutant.ts';

/** Entries per block in the mutant (the real queue's blocks hold 1024). */
export const SMALL_BLOCK = 8;

interface Block<T> {
  items: (T | undefined)[];
  next: Block<T> | null;
}

interface QueueInternals<T> {
  first: Block<T>;
  last: Block<T>;
  head: number;
  tail: number;
  push(item: T): void;
  shift(): T;
}

function dropOnBlock(): () => void {
  const proto = ReadyQueue.prototype as unknown as QueueInternals<unknown>;
  const { push, shift } = proto;
  proto.shift = function (this: QueueInternals<unknown>): unknown {
    if (this.head === SMALL_BLOCK) {
      this.first = this.first.next!;
      this.head = 0;
    }
    const item = this.first.items[this.head];
    this.first.items[this.head++] = undefined;
    if (this.first === this.last && this.head === this.tail) {
      this.head = 0;
      this.tail = 0;
    }
    return item;
  };
  proto.push = function (this: QueueInternals<unknown>, item: unknown): void {
    const full = this.tail === SMALL_BLOCK;
    if (full) {
      const block: Block<unknown> = { items: new Array(SMALL_BLOCK), next: null };
      this.last.next = block;
      this.last = block;
      this.tail = 0;
    }
    this.last.items[this.tail++] = item;
    // The bug: when a block is added, the entry waiting at the front is lost (the queue holds two entries at least
    // then, so it stays consistent: the loop runs on without the lost task, it does not crash).
    if (full) this.shift();
  };
  return () => {
    proto.push = push;
    proto.shift = shift;
  };
}

export const queueDropOnBlock: Mutant = {
  name: 'queue-drop-on-block',
  description: `the ready queue adds a block after ${SMALL_BLOCK} entries without draining, and loses its front entry when it does`,
  patch: dropOnBlock,
  minChildren: 6,
};
