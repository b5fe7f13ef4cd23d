// Observer events: exactly the points and the order docs/rules.md §2–3 name, for a small gather.
import { describe, expect, it } from 'vitest';
import { gather, sleepMs, type Coro } from './index.ts';
import { runVirtual } from '../test/virtual-run.ts';

function* child<T>(value: T, ms: number): Coro<T> {
  if (ms > 0) yield* sleepMs(ms);
  return value;
}

describe('observer', () => {
  it('emits the lifecycle of a small gather in rule order, with seq, time and the gather’s children', () => {
    const run = runVirtual(function* () {
      return yield* gather(child('a', 10), child('b', 0));
    });
    expect(run.main.result()).toEqual(['a', 'b']);
    expect(run.trace).toEqual([
      '0 main created',
      '0 main started',
      '0 Task-1 created', // G1: wrapped in argument order
      '0 Task-2 created',
      '0 main gather-started',
      '0 main suspended', // G2: not decided yet
      '0 Task-1 started', // T1: first steps in FIFO order
      '0 Task-1 suspended',
      '0 Task-2 started',
      '0 Task-2 returned',
      '10 Task-1 resumed', // T3
      '10 Task-1 returned',
      '10 main gather-returned', // T5: told inside the same step
      '10 main resumed',
      '10 main returned',
    ]);
    expect(run.events.map((e) => e.seq)).toEqual(run.events.map((_, i) => i));
    const gatherEvents = run.events.filter((e) => e.kind.startsWith('gather-'));
    const created = run.events.filter((e) => e.kind === 'task-created').map((e) => e.task);
    for (const e of gatherEvents) {
      expect(e.task).toBe(run.main);
      expect('children' in e ? e.children : null).toEqual([created[1], created[2]]);
    }
  });
});
