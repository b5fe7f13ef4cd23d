// A scenario (docs/rules.md §4) run as plain JavaScript: async functions, AbortController, a fake clock; `combine` plays gather.
import type { Json, GatherNode, Child, Scenario } from '../../model/scenario-types.ts';
import { AWAITER, isGatherChild } from '../../model/scenario-types.ts';
import type { Outcome, TaskOutcome, TraceEventName } from '../../model/outcome.ts';

/** What stands for gather: given the children's promises, a promise of the result list. */
export type Combine = (children: Promise<Json>[]) => Promise<Json[]>;

/** Thrown into a task whose AbortSignal fired; it plays asyncio's CancelledError. */
export class CancelledError extends Error {
  override name = 'CancelledError';
}

/** A fake clock: sleeps are timers on it; between timers every pending promise reaction runs. */
export class FakeClock {
  now = 0;
  private timers: { at: number; order: number; fire: () => void }[] = [];
  private order = 0;

  at(at: number, fire: () => void): () => void {
    const timer = { at, order: this.order++, fire };
    this.timers.push(timer);
    return () => (this.timers = this.timers.filter((t) => t !== timer));
  }

  sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(new CancelledError());
      const onAbort = () => {
        remove();
        reject(new CancelledError());
      };
      const remove = this.at(this.now + ms, () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      });
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Runs until no timer is left: the loop is idle. */
  async runUntilIdle(): Promise<void> {
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve)); // drains every queued microtask first
      this.timers.sort((a, b) => a.at - b.at || a.order - b.order);
      const next = this.timers.shift();
      if (!next) return;
      this.now = Math.max(this.now, next.at);
      next.fire();
    }
  }
}

/** Waits until the signal aborts (a `hang`). */
function never(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(new CancelledError());
    signal.addEventListener('abort', () => reject(new CancelledError()), { once: true });
  });
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

/** Runs one scenario; `combine` is Promise.all, Promise.allSettled, or any other combinator. */
export async function runJsScenario(scenario: Scenario, combine: Combine): Promise<Outcome> {
  const clock = new FakeClock();
  const trace: Outcome['trace'] = [];
  const results = new Map<string, TaskOutcome>();
  const controllers = new Map<string, AbortController>();
  const log = (task: string, event: TraceEventName) => trace.push({ at: clock.now, task, event });

  /** A task: an async function with its own AbortController, also aborted when its parent is. */
  function startTask(path: string, parent: AbortSignal | undefined, body: (signal: AbortSignal) => Promise<Json>) {
    const own = new AbortController();
    controllers.set(path, own);
    const signal = parent ? AbortSignal.any([parent, own.signal]) : own.signal;
    const onAbort = () => {
      if (!results.has(path)) log(path, 'cancel-requested');
    };
    signal.addEventListener('abort', onAbort, { once: true });
    log(path, 'created');
    log(path, 'started'); // an async function runs at once, up to its first await
    const promise = body(signal).then(
      (value) => {
        results.set(path, { status: 'returned', value: toJson(value), at: clock.now });
        log(path, 'returned');
        return value;
      },
      (error: Error) => {
        const cancelled = error instanceof CancelledError;
        results.set(path, cancelled ? { status: 'cancelled', at: clock.now } : { status: 'raised', error: error.name, at: clock.now });
        log(path, cancelled ? 'cancelled' : 'raised');
        throw error;
      },
    );
    promise.catch(() => {}); // an error nobody awaits is not an unhandled rejection
    return promise;
  }

  /** `await x`, traced as suspended / resumed. */
  async function suspend<T>(path: string, x: Promise<T>): Promise<T> {
    log(path, 'suspended');
    try {
      return await x;
    } finally {
      log(path, 'resumed');
    }
  }

  async function childBody(path: string, child: Child, signal: AbortSignal): Promise<Json> {
    try {
      if (isGatherChild(child)) return await gatherBody(path, child.gather, signal);
      for (const ms of child.sleeps) await suspend(path, clock.sleep(ms, signal));
      if (child.end === 'hang') await suspend(path, never(signal));
      else if ('raise' in child.end) throw namedError(child.end.raise);
      else return child.end.return;
    } catch (error) {
      const onCancel = child.onCancel;
      if (!(error instanceof CancelledError) || !onCancel || onCancel === 'propagate') throw error;
      if ('swallow' in onCancel) return onCancel.swallow;
      await suspend(path, clock.sleep(onCancel.cleanupMs, new AbortController().signal)); // cleanup runs to its end
      throw error;
    }
    throw new Error('unreachable');
  }

  async function gatherBody(path: string, node: GatherNode, signal: AbortSignal): Promise<Json[]> {
    const childPath = (name: string) => (path === AWAITER ? name : `${path}/${name}`);
    const start = (child: Child) => startTask(childPath(child.name), signal, (s) => childBody(childPath(child.name), child, s));
    const early = node.children.map((child) => (child.task ? start(child) : undefined));
    if (node.gatherAfter !== undefined) await suspend(path, clock.sleep(node.gatherAfter, signal));
    const promises = node.children.map((child, i) => early[i] ?? start(child));
    log(path, 'gather-started');
    try {
      const values = await suspend(path, combine(promises));
      log(path, 'gather-returned');
      return values;
    } catch (error) {
      log(path, signal.aborted && error instanceof CancelledError ? 'gather-cancelled' : 'gather-raised');
      throw error;
    }
  }

  startTask(AWAITER, undefined, (signal) => gatherBody(AWAITER, scenario, signal));
  for (const { at, target } of scenario.cancels) {
    clock.at(at, () => {
      if (!results.has(target)) controllers.get(target)?.abort();
    });
  }
  await clock.runUntilIdle();

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
