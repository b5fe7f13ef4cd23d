// Test helpers for impl/*.test.ts: run a program on a virtual clock and record its events as short strings.
import { VirtualClock } from '../impl/clock.ts';
import type { Coro } from '../impl/coro.ts';
import { EventLoop } from '../impl/event-loop.ts';
import type { LoopEvent } from '../impl/observer.ts';
import type { Task } from '../impl/task.ts';

export interface VirtualRun<T> {
  loop: EventLoop;
  main: Task<T>;
  events: LoopEvent[];
  /** `"<at> <task> <kind>"`, kind without the `task-` prefix. */
  trace: string[];
  unhandled: { error: unknown; task: string | null }[];
}

/** Runs `main()` as task `main` on a fresh virtual-clock loop until idle; `setup` may add timers first. */
export function runVirtual<T>(main: () => Coro<T>, setup?: (loop: EventLoop, main: Task<T>) => void): VirtualRun<T> {
  const events: LoopEvent[] = [];
  const unhandled: VirtualRun<T>['unhandled'] = [];
  const loop = new EventLoop({
    clock: new VirtualClock(),
    observer: (e) => events.push(e),
    onUnhandled: (error, task) => unhandled.push({ error, task: task?.name ?? null }),
  });
  const task = loop.createTask(main(), { name: 'main' });
  task.addDoneCallback((t) => t.exception()); // the test reads main's outcome itself: not "unhandled"
  setup?.(loop, task);
  loop.runSync({ maxSteps: 1_000_000 });
  const trace = events.map((e) => `${e.at} ${e.task.name} ${e.kind.replace(/^task-/, '')}`);
  return { loop, main: task, events, trace, unhandled };
}

/** The trace lines of one task, without the time and the name. */
export function eventsOf(run: { trace: string[] }, name: string): string[] {
  return run.trace.filter((l) => l.split(' ')[1] === name).map((l) => l.split(' ').slice(2).join(' '));
}
