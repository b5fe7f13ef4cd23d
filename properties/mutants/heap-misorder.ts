// Mutant: the timer heap mis-orders once it holds many deadlines — its sift-down looks at the left child only
// (TimerHeap.prototype.down patched per run), so after a removal the earliest deadline may not come first.
import { TimerHeap } from '../../impl/timer-heap.ts';
import type { Mutant } from './mutant.ts';

/** Deadlines the heap must hold before the bug shows: few-timer runs stay correct. */
export const MISORDER_FROM = 5;

interface HeapInternals {
  heap: Array<{ deadline: number; index: number }>;
  down(i: number): void;
}

function leftOnlySiftDown(): () => void {
  const proto = TimerHeap.prototype as unknown as HeapInternals;
  const original = proto.down;
  proto.down = function (this: HeapInternals, i: number): void {
    const heap = this.heap;
    if (heap.length < MISORDER_FROM) {
      original.call(this, i);
      return;
    }
    const n = heap.length;
    const b = heap[i]!;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const child = heap[l]!; // the bug: never compares with the right child
      if (child.deadline >= b.deadline) break;
      heap[i] = child;
      child.index = i;
      i = l;
    }
    heap[i] = b;
    b.index = i;
  };
  return () => {
    proto.down = original;
  };
}

export const heapMisorder: Mutant = {
  name: 'heap-misorder',
  description: `with ${MISORDER_FROM}+ pending deadlines the timer heap's sift-down ignores the right child: a later timer may fire first`,
  patch: leftOnlySiftDown,
  minChildren: 8,
};
