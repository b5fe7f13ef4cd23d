// Scheduling rules (docs/rules.md §1): FIFO ready queue, timer order, virtual time jumps, sleepMs(0).
import { describe, expect, it } from 'vitest';
import { createTask, EventLoop, RealClock, sleepMs, VirtualClock, type Coro } from './index.ts';
import { runVirtual } from '../test/virtual-run.ts';

describe('scheduling', () => {
  it('runs ready tasks in FIFO order and sleepMs(0) yields once to the back of the queue (S1, S3)', () => {
    const log: string[] = [];
    function* worker(name: string): Coro<void> {
      log.push(`${name}1`);
      yield* sleepMs(0);
      log.push(`${name}2`);
    }
    const run = runVirtual(function* () {
      createTask(worker('a'));
      createTask(worker('b'));
      createTask(worker('c'));
      log.push('main');
    });
    expect(log).toEqual(['main', 'a1', 'b1', 'c1', 'a2', 'b2', 'c2']);
    expect(run.loop.now()).toBe(0);
  });

  it('sleepMs(0) sets no timer: the task runs again before tasks made ready after it, not after the queue drains (S3)', () => {
    const log: string[] = [];
    runVirtual(function* () {
      createTask(
        (function* (): Coro<void> {
          createTask(
            (function* (): Coro<void> {
              log.push('late');
            })(),
          );
        })(),
      );
      yield* sleepMs(0);
      log.push('main');
    });
    expect(log).toEqual(['main', 'late']);
  });

  it('wakes timers with equal deadlines in the order they were set, not the order tasks were created (S2)', () => {
    const log: string[] = [];
    function* late(): Coro<void> {
      yield* sleepMs(10);
      yield* sleepMs(20); // deadline 30, set at time 10
      log.push('late');
    }
    function* early(): Coro<void> {
      yield* sleepMs(30); // deadline 30, set at time 0
      log.push('early');
    }
    runVirtual(function* () {
      createTask(late());
      createTask(early());
    });
    expect(log).toEqual(['early', 'late']);
  });

  it('moves every timer due at the earliest deadline to the queue at once, callbacks included (S2)', () => {
    const log: string[] = [];
    function* sleeper(name: string, ms: number): Coro<void> {
      yield* sleepMs(ms);
      log.push(`${name}@${loop.now()}`);
      yield* sleepMs(0);
      log.push(`${name}-again@${loop.now()}`);
    }
    const loop = new EventLoop({ clock: new VirtualClock() });
    loop.createTask(sleeper('x', 10));
    loop.callLater(10, () => log.push(`cb@${loop.now()}`));
    loop.createTask(sleeper('y', 10));
    loop.createTask(sleeper('z', 20));
    loop.runSync();
    // The callback's timer is set first; x and y set theirs when they first run.
    expect(log).toEqual(['cb@10', 'x@10', 'y@10', 'x-again@10', 'y-again@10', 'z@20', 'z-again@20']);
  });

  it('a 10-hour sleep costs nothing on the virtual clock: time jumps to the deadline', () => {
    const tenHours = 10 * 3600 * 1000;
    const run = runVirtual(function* () {
      yield* sleepMs(tenHours);
      return 'woke';
    });
    expect(run.main.result()).toBe('woke');
    expect(run.loop.now()).toBe(tenHours);
  });

  it('a timer that no longer matters keeps the loop alive until it fires (S4)', () => {
    const loop = new EventLoop({ clock: new VirtualClock() });
    loop.callLater(500, () => {});
    loop.runSync();
    expect(loop.now()).toBe(500);
  });

  it('runSync refuses a real clock with a clear error', () => {
    const loop = new EventLoop({ clock: new RealClock() });
    expect(() => loop.runSync()).toThrow(/VirtualClock/);
  });

  it('callLater handles can be cancelled', () => {
    const loop = new EventLoop({ clock: new VirtualClock() });
    let fired = false;
    const handle = loop.callLater(100, () => (fired = true));
    expect(handle.cancel()).toBe(true);
    loop.runSync();
    expect(fired).toBe(false);
    expect(loop.now()).toBe(0);
  });
});
