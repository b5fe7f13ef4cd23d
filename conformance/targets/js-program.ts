// A scenario (docs/rules.md §4) run as JavaScript: a FIFO scheduler of task steps on @sinonjs/fake-timers; `combine` plays gather.
import { withGlobal, type Clock } from '@sinonjs/fake-timers';
import type { Json, GatherNode, Child, Scenario } from '../../model/scenario-types.ts';
import { AWAITER, isGatherChild } from '../../model/scenario-types.ts';
import type { Outcome, TaskOutcome, TraceEventName } from '../../model/outcome.ts';

/** One child as `combine` sees it. */
export interface ChildHandle {
  readonly name: string;
  /**
   * Settles when the child ends: its value, or its error (a `CancelledError` when it was cancelled). A child that
   * had already ended when gather was called settles right after `combine` returns, children in the order they
   * ended (so "first in time" is the first reaction to run, G3).
   */
  readonly promise: Promise<Json>;
  /** Requests the child's cancellation (T4). Applied once the current step's microtasks ran (G7: after the gather's event). */
  cancel(): void;
}

export interface CombineOptions {
  readonly returnExceptions: boolean;
  /** Aborts when the task awaiting this gather is cancelled (T4d; the gather decides what follows, G6). */
  readonly signal: AbortSignal;
}

/** What stands for gather: the children (argument order) and the options, to a promise of the result list. */
export type Combine = (children: readonly ChildHandle[], options: CombineOptions) => Promise<Json[]>;

/** Thrown into a cancelled task; it plays asyncio's CancelledError. */
export class CancelledError extends Error {
  override name = 'CancelledError';
}

/** Captured before any clock is installed: one real macrotask turn runs every queued microtask. */
const realSetImmediate = globalThis.setImmediate;
const drainMicrotasks = (): Promise<void> => new Promise((resolve) => realSetImmediate(resolve));

/** Steps plus timers one scenario may take before it is called stuck (an adapter's setInterval never lets the run idle). */
export const MAX_JS_STEPS = 100_000;

/** Real macrotask turns waited for, when no step is ready, before the clock jumps or the run ends. */
const ESCAPED_TURNS = 3;

/** The clock owns these while a scenario runs (queueMicrotask stays native: each step drains the microtask queue anyway). */
const FAKED = [
  'setTimeout',
  'clearTimeout',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
  'Date',
] as const;

type Settled = { ok: true; value: unknown } | { ok: false; error: unknown };

interface Task {
  path: string;
  state: 'queued' | 'running' | 'sleeping' | 'hanging' | 'gather-call' | 'gathering' | 'done';
  started: boolean;
  cancelPending: boolean;
  /** The current suspension's continuation. */
  resume?: (r: Settled) => void;
  /** What the task receives when its queued wake runs. */
  wakeWith?: Settled;
  timer?: ReturnType<typeof setTimeout>;
  /** The gather this task awaits: its abort (T4d) and its decision. */
  gather?: { controller: AbortController; decided?: Settled };
  endSeq?: number;
  end?: Settled;
  listeners: Array<(r: Settled) => void>;
  body: () => Promise<Json>;
}

function namedError(name: string): Error {
  const error = new Error(name);
  error.name = name;
  return error;
}

function toJson(value: unknown): Json {
  if (value instanceof Error) return { error: value.name };
  if (Array.isArray(value)) return value.map(toJson);
  return value as Json;
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs one scenario as rules.md §4's program. Task steps run one at a time from a FIFO ready queue (S1, S2, T1–T5);
 * after each step every microtask (promise reactions, the combinator's code) runs before the next one. Sleeps
 * are timers of a fake clock installed for the run, which also owns the adapter's setTimeout, setImmediate and
 * Date; when the ready queue is empty the clock jumps to the next timer, and the run ends when no step and no
 * timer is left (S4). Runs are serialized (one clock at a time in a process).
 */
export function runJsScenario(scenario: Scenario, combine: Combine): Promise<Outcome> {
  const run = queue.then(() => runOnce(scenario, combine));
  queue = run.catch(() => {});
  return run;
}

async function runOnce(scenario: Scenario, combine: Combine): Promise<Outcome> {
  const clock: Clock = withGlobal(globalThis).install({ now: 0, toFake: [...FAKED], loopLimit: 1_000_000 });
  try {
    return await program(scenario, combine, clock);
  } finally {
    clock.uninstall();
  }
}

async function program(scenario: Scenario, combine: Combine, clock: Clock): Promise<Outcome> {
  const trace: Outcome['trace'] = [];
  const results = new Map<string, TaskOutcome>();
  const tasks = new Map<string, Task>();
  const ready: Array<() => void> = [];
  /** Cancels asked for by a combinator, applied after the step's microtasks (G7). */
  const deferredCancels: Task[] = [];
  let endSeq = 0;
  const log = (task: string, event: TraceEventName) => trace.push({ at: clock.now, task, event });

  const enqueueWake = (task: Task, r: Settled) => {
    task.state = 'queued';
    task.wakeWith = r;
    ready.push(() => {
      const resume = task.resume!;
      const given = task.cancelPending ? { ok: false as const, error: new CancelledError() } : task.wakeWith!;
      task.cancelPending = false; // cleared when CancelledError is thrown in (T4)
      task.resume = undefined;
      task.wakeWith = undefined;
      task.state = 'running';
      log(task.path, 'resumed'); // T3
      resume(given);
    });
  };

  /** T4: a cancel of a finished task or one with a cancel pending does nothing. */
  const cancelTask = (task: Task) => {
    if (task.state === 'done' || task.cancelPending) return;
    task.cancelPending = true;
    log(task.path, 'cancel-requested');
    if (task.state === 'sleeping') {
      clock.clearTimeout(task.timer!); // T4c
      enqueueWake(task, { ok: true, value: undefined });
    } else if (task.state === 'hanging') {
      enqueueWake(task, { ok: true, value: undefined }); // T4e
    } else if (task.state === 'gathering' || task.state === 'gather-call') {
      task.gather!.controller.abort(); // T4d: the gather decides (G6)
    } // queued: keeps its place (T4a, T4b); running: delivered at its next suspension (T4f)
  };

  /** Suspends the running task: `suspended`, then woken by a timer (S3), a cancel, or never (hang). */
  const park = (task: Task, how: { sleep: number } | 'hang'): Promise<unknown> => {
    log(task.path, 'suspended');
    return new Promise((resolve, reject) => {
      task.resume = (r) => (r.ok ? resolve(r.value) : reject(r.error));
      if (task.cancelPending) enqueueWake(task, { ok: true, value: undefined });
      else if (how === 'hang') task.state = 'hanging';
      else if (how.sleep === 0)
        enqueueWake(task, { ok: true, value: undefined }); // S3: yield once
      else {
        task.state = 'sleeping';
        task.timer = setTimeout(() => enqueueWake(task, { ok: true, value: undefined }), how.sleep);
      }
    });
  };

  const createTask = (path: string, body: (task: Task) => Promise<Json>): Task => {
    const task: Task = {
      path,
      state: 'queued',
      started: false,
      cancelPending: false,
      listeners: [],
      body: () => body(task),
    };
    tasks.set(path, task);
    log(path, 'created'); // T1
    ready.push(() => {
      if (task.cancelPending) return finish(task, { ok: false, error: new CancelledError() }); // T4a: never started
      task.started = true;
      task.state = 'running';
      log(path, 'started'); // T2
      task.body().then(
        (value) => finish(task, { ok: true, value }),
        (error: unknown) => finish(task, { ok: false, error }),
      );
    });
    return task;
  };

  const finish = (task: Task, r: Settled) => {
    task.state = 'done';
    task.cancelPending = false;
    task.endSeq = endSeq++;
    task.end = r;
    const at = clock.now;
    if (r.ok) {
      results.set(task.path, { status: 'returned', value: toJson(r.value), at });
      log(task.path, 'returned');
    } else if (r.error instanceof CancelledError) {
      results.set(task.path, { status: 'cancelled', at });
      log(task.path, 'cancelled');
    } else {
      const name = r.error instanceof Error ? r.error.name : String(r.error);
      results.set(task.path, { status: 'raised', error: name, at });
      log(task.path, 'raised');
    }
    for (const listener of task.listeners.splice(0)) listener(r); // T5: at once
  };

  const sleep = (task: Task, ms: number) => park(task, { sleep: ms });

  async function childBody(task: Task, child: Child): Promise<Json> {
    try {
      if (isGatherChild(child)) return await gatherBody(task, child.gather);
      for (const ms of child.sleeps) await sleep(task, ms);
      if (child.end === 'hang') await park(task, 'hang');
      else if ('raise' in child.end) throw namedError(child.end.raise);
      else return child.end.return;
    } catch (error) {
      const onCancel = child.onCancel;
      if (!(error instanceof CancelledError) || !onCancel || onCancel === 'propagate') throw error;
      if ('swallow' in onCancel) return onCancel.swallow;
      await sleep(task, onCancel.cleanupMs);
      throw error;
    }
    throw new Error('unreachable');
  }

  /** A handle whose promise settles at the child's end (or, already ended, right after `combine` returns). */
  const handleOf = (name: string, child: Task, late: Array<() => void>): ChildHandle => {
    let settle!: (r: Settled) => void;
    const promise = new Promise<Json>((resolve, reject) => {
      settle = (r) => (r.ok ? resolve(r.value as Json) : reject(r.error));
    });
    promise.catch(() => {}); // an error nobody awaits is not an unhandled rejection
    if (child.end) late[child.endSeq!] = () => settle(child.end!);
    else child.listeners.push(settle);
    return { name, promise, cancel: () => void deferredCancels.push(child) };
  };

  async function gatherBody(task: Task, node: GatherNode): Promise<Json[]> {
    const childPath = (name: string) => (task.path === AWAITER ? name : `${task.path}/${name}`);
    const start = (child: Child) => createTask(childPath(child.name), (t) => childBody(t, child));
    const early = node.children.map((child) => (child.task ? start(child) : undefined));
    if (node.gatherAfter !== undefined) await sleep(task, node.gatherAfter);
    const children = node.children.map((child, i) => early[i] ?? start(child)); // G1: created, argument order
    log(task.path, 'gather-started');
    const gather: NonNullable<Task['gather']> = { controller: new AbortController() };
    task.gather = gather;
    task.state = 'gather-call';
    const late: Array<() => void> = [];
    const handles = node.children.map((child, i) => handleOf(child.name, children[i]!, late));
    const decide = (r: Settled) => {
      if (gather.decided || task.state === 'done') return;
      gather.decided = r;
      const cancelled = !r.ok && r.error instanceof CancelledError && gather.controller.signal.aborted;
      log(task.path, r.ok ? 'gather-returned' : cancelled ? 'gather-cancelled' : 'gather-raised');
      if (task.state === 'gathering') enqueueWake(task, r); // G3/G4/G6: wake the caller
    };
    let pending: Promise<Json[]>;
    try {
      pending = Promise.resolve(
        combine(handles, { returnExceptions: node.returnExceptions, signal: gather.controller.signal }),
      );
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(
      (value) => decide({ ok: true, value }),
      (error: unknown) => decide({ ok: false, error }),
    );
    for (const settle of late) settle?.(); // children that ended before the call, in the order they ended
    // The scheduler ends the step: decided by then (G2) → go on without suspending; else `suspended`.
    const value = await new Promise<unknown>((resolve, reject) => {
      task.resume = (r) => (r.ok ? resolve(r.value) : reject(r.error));
    });
    task.gather = undefined;
    return value as Json[];
  }

  /** After a step (or a timer): run microtasks, then the combinators' cancels, then settle gather calls (G2), until quiet. */
  const settle = async () => {
    for (;;) {
      await drainMicrotasks();
      if (deferredCancels.length > 0) {
        // One at a time, depth first: a cancelled nested gather decides (and asks its own cancels) before the next sibling's.
        const [first, ...rest] = deferredCancels.splice(0);
        cancelTask(first!);
        await drainMicrotasks();
        deferredCancels.push(...rest);
        continue;
      }
      const calling = [...tasks.values()].filter((t) => t.state === 'gather-call');
      if (calling.length === 0) return;
      for (const t of calling) {
        const decided = t.gather!.decided;
        if (decided) {
          t.state = 'running';
          const resume = t.resume!;
          t.resume = undefined;
          const cancelled = t.cancelPending;
          t.cancelPending = false;
          resume(cancelled ? { ok: false, error: new CancelledError() } : decided);
        } else {
          t.state = 'gathering';
          log(t.path, 'suspended');
        }
      }
    }
  };

  createTask(AWAITER, (t) => gatherBody(t, scenario));
  for (const { at, target } of scenario.cancels) {
    setTimeout(
      () =>
        ready.push(() => {
          const task = tasks.get(target);
          if (task) cancelTask(task);
        }),
      at,
    );
  }
  let steps = 0;
  const count = () => {
    if (++steps > MAX_JS_STEPS)
      throw new Error(
        `the scenario did not go idle within ${MAX_JS_STEPS} steps and timers (a timer that keeps re-arming?)`,
      );
  };
  for (;;) {
    while (ready.length > 0) {
      count();
      ready.shift()!();
      await settle();
    }
    // Work scheduled on the *real* setImmediate (a library that captured it before the clock was installed, as
    // bluebird does at load) runs a macrotask turn later: give it a few turns before the clock moves or the run ends.
    for (let turn = 0; turn < ESCAPED_TURNS && ready.length === 0; turn++) await settle();
    if (ready.length > 0) continue;
    if (clock.countTimers() === 0) break; // S4: idle
    count();
    clock.next(); // S2: the clock jumps to the earliest timer; every timer due then joins the queue in set order
    clock.tick(0);
    await settle();
  }

  const outcomeOf = (path: string): TaskOutcome => results.get(path) ?? { status: 'pending', at: clock.now };
  const entries: Array<[string, TaskOutcome]> = [];
  const walk = (node: GatherNode, prefix: string) => {
    for (const child of node.children) {
      entries.push([prefix + child.name, outcomeOf(prefix + child.name)]);
      if (isGatherChild(child)) walk(child.gather, `${prefix}${child.name}/`);
    }
  };
  walk(scenario, '');
  const children: Outcome['children'] = Object.fromEntries(entries); // own keys, even `__proto__`
  return { awaiter: outcomeOf(AWAITER), children, end: clock.now, trace };
}
