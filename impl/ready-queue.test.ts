// ReadyQueue: FIFO across drains, across its blocks, and when a queue that never drains recycles them.
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

  it('keeps FIFO order when a queue that never drains passes through many blocks', () => {
    const q = new ReadyQueue<number>();
    let next = 0;
    let expected = 0;
    for (let i = 0; i < 10; i++) q.push(next++);
    // Always 10 entries waiting: ~200 blocks of 1024 pass through (each drained one reused as the next).
    for (let i = 0; i < 200_000; i++) {
      if (q.shift() !== expected++) throw new Error(`out of order at ${i}`);
      q.push(next++);
    }
    const rest: number[] = [];
    while (!q.isEmpty()) rest.push(q.shift());
    expect(rest).toEqual(Array.from({ length: 10 }, (_, i) => expected + i));
  });

  it('keeps FIFO order with a backlog of several blocks, pushed and shifted in uneven runs', () => {
    const q = new ReadyQueue<number>();
    let next = 0;
    let expected = 0;
    for (const [pushes, shifts] of [
      [2500, 1000],
      [3000, 4400],
      [1, 0],
      [1023, 1024],
      [5000, 0],
      [0, 5100],
    ] as const) {
      for (let i = 0; i < pushes; i++) q.push(next++);
      for (let i = 0; i < shifts; i++) expect(q.shift()).toBe(expected++);
      expect(q.isEmpty()).toBe(expected === next);
    }
    expect(q.isEmpty()).toBe(true);
  });
});
