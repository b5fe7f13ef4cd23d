// The timer queue seen through the loop's API (docs/rules.md S1, S2): callLater timers and sleeps fire in
// (deadline, order set) order at their deadline, whatever the mix of deadlines and cancellations; seeded, so
// every run checks the same cases.
import { describe, expect, it } from 'vitest';
import { rng as prng } from '../test/random-scenarios.ts';
import { type Coro, createTask, EventLoop, Future, sleepMs, type TimerHandle, VirtualClock } from './index.ts';

describe('timers', () => {
  it('fire in (deadline, order set) order at their deadline; cancelled ones never fire', () => {
    for (let seed = 1; seed <= 150; seed++) {
      const random = prng(seed);
      const loop = new EventLoop({ clock: new VirtualClock() });
      const fired: [number, number][] = [];
      const set: { id: number; at: number; handle: TimerHandle }[] = [];
      const n = 1 + Math.floor(random() * 60);
      const spread = 1 + Math.floor(random() * 20); // few distinct deadlines: many share one
      for (let id = 0; id < n; id++) {
        const at = Math.floor(random() * spread);
        set.push({ id, at, handle: loop.callLater(at, () => fired.push([id, loop.now()])) });
      }
      const cancelled = new Set<number>();
      const emptied = new Set(Array.from({ length: 3 }, () => Math.floor(random() * spread))); // whole deadlines
      for (const t of set) {
        if (emptied.has(t.at) || random() < 0.3) {
          expect(t.handle.cancel()).toBe(true);
          cancelled.add(t.id);
        }
      }
      // a timer set from a callback, for an earlier deadline than others already queued
      loop.callLater(0, () => loop.callLater(1, () => fired.push([-1, loop.now()])));
      loop.runSync();
      const expected = set
        .filter((t) => !cancelled.has(t.id))
        .map((t): [number, number] => [t.id, t.at])
        .concat([[-1, 1]])
        .sort((x, y) => x[1] - y[1] || (x[0] === -1 ? 1 : y[0] === -1 ? -1 : x[0] - y[0]));
      expect(fired, `seed ${seed}`).toEqual(expected);
    }
  });

  it('sleeping tasks and timers share one queue; a cancelled sleeper leaves it at once (T4c)', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const random = prng(seed);
      const loop = new EventLoop({ clock: new VirtualClock() });
      const woke: string[] = [];
      const sleepers = Array.from({ length: 1 + Math.floor(random() * 30) }, (_, i) => {
        const ms = 1 + Math.floor(random() * 8);
        return {
          ms,
          task: loop.createTask(
            (function* (): Coro<void> {
              yield* sleepMs(ms);
              woke.push(`t${i}@${loop.now()}`);
            })(),
            { name: `t${i}` },
          ),
        };
      });
      const cancelAt = 1 + Math.floor(random() * 4);
      const victims = sleepers.filter(() => random() < 0.4);
      // set before the sleeps (the tasks have not started): at an equal deadline it fires first
      loop.callLater(cancelAt, () => {
        for (const v of victims) v.task.cancel();
      });
      loop.runSync();
      const expected = sleepers
        .map((s, i) => ({ i, ...s }))
        .filter((s) => !(victims.includes(sleepers[s.i]!) && s.ms >= cancelAt))
        .sort((x, y) => x.ms - y.ms || x.i - y.i)
        .map((s) => `t${s.i}@${s.ms}`);
      expect(woke, `seed ${seed}`).toEqual(expected);
      for (const v of victims) expect(v.task.cancelled()).toBe(v.ms >= cancelAt);
    }
  });
});

it('timers due at one instant run in the order they were set, not the order their tasks were created (S2)', () => {
  const order: number[] = [];
  const loop = new EventLoop();
  loop.createTask(
    (function* () {
      for (let i = 0; i < 5; i++) {
        createTask(
          (function* () {
            yield* sleepMs(5 - i);
            yield* sleepMs(i);
            order.push(i);
          })(),
        );
      }
    })(),
  );
  loop.runSync();
  // all wake at 5; task 4 set its second sleep first (at 1), task 0 sleeps 0 at 5: behind the others
  expect(order).toEqual([4, 3, 2, 1, 0]);
  expect(loop.now()).toBe(5);
});

it('a sleeper cancelled out of the timer queue leaves no trace there: cancelling it again later touches no other timer (T4c)', () => {
  const loop = new EventLoop();
  const never = new Future();
  const a = loop.createTask(
    (function* () {
      try {
        yield* sleepMs(10);
      } catch {
        yield* never; // caught the first cancel; now waits on a future
      }
    })(),
    { name: 'a' },
  );
  const b = loop.createTask(value('b', 10), { name: 'b' }); // same deadline as a's sleep, queued after it
  loop.callLater(1, () => a.cancel());
  loop.callLater(2, () => a.cancel());
  loop.runSync();
  expect(a.cancelled()).toBe(true);
  expect(b.result()).toBe('b');
  expect(loop.now()).toBe(10);
});

function* value<T>(v: T, ms: number): Coro<T> {
  yield* sleepMs(ms);
  return v;
}
