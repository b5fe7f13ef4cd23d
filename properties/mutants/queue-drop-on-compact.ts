// Mutant: the ready queue compacts early (once a few entries have run in one drain) and loses the entry at the
// front when it does (ReadyQueue.prototype.push patched per run): only long queues that never drain show it.
import { ReadyQueue } from '../../impl/ready-queue.ts';
import type { Mutant } from './mutant.ts';

/** Entries already run, beyond which the mutant compacts (the real queue waits for 2^16). */
export const COMPACT_EARLY_AT = 8;

interface QueueInternals<T> {
  items: (T | undefined)[];
  head: number;
  tail: number;
  push(item: T): void;
}

function dropOnCompact(): () => void {
  const proto = ReadyQueue.prototype as unknown as QueueInternals<unknown>;
  const original = proto.push;
  proto.push = function (this: QueueInternals<unknown>, item: unknown): void {
    if (this.tail === this.items.length && this.head >= COMPACT_EARLY_AT && this.head * 2 >= this.tail) {
      const items = this.items;
      // The bug: copies from one past the head, so the entry waiting at the front is lost.
      items.copyWithin(0, this.head + 1, this.tail);
      items.fill(undefined, this.tail - this.head - 1, this.tail);
      this.tail -= this.head + 1;
      this.head = 0;
      if (this.tail < 0) this.tail = 0;
    }
    this.items[this.tail++] = item;
  };
  return () => {
    proto.push = original;
  };
}

export const queueDropOnCompact: Mutant = {
  name: 'queue-drop-on-compact',
  description: `the ready queue compacts after ${COMPACT_EARLY_AT} entries ran without draining, and loses its front entry when it does`,
  patch: dropOnCompact,
  minChildren: 6,
};
