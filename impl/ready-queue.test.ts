// ReadyQueue: FIFO across drains and across the compaction of a queue that never drains.
import { describe, expect, it } from 'vitest';
import { ReadyQueue } from './ready-queue.ts';

describe('ReadyQueue', () => {
  it('is FIFO, and reusable after it drains', () => {
    const q = new ReadyQueue<number>();
    expect(q.isEmpty()).toBe(true);
    for (const round of [0, 1]) {
      for (let i = 0; i < 5; i++) q.push(round * 10 + i);
      const out: number[] = [];
      while (!q.isEmpty()) out.push(q.shift());
      expect(out).toEqual([0, 1, 2, 3, 4].map((i) => round * 10 + i));
    }
  });

  it('keeps FIFO order when a queue that never drains is compacted', () => {
    const q = new ReadyQueue<number>();
    let next = 0;
    let expected = 0;
    for (let i = 0; i < 10; i++) q.push(next++);
    // Always 10 entries waiting: far more than the compaction threshold (2^16) pass through.
    for (let i = 0; i < 200_000; i++) {
      if (q.shift() !== expected++) throw new Error(`out of order at ${i}`);
      q.push(next++);
    }
    const rest: number[] = [];
    while (!q.isEmpty()) rest.push(q.shift());
    expect(rest).toEqual(Array.from({ length: 10 }, (_, i) => expected + i));
  });
});
