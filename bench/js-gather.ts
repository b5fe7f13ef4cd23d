// The raw gather workload in JavaScript: on loopcheck's loop (virtual clock), and as bare Promise.all (the floors).
import { type Coro, EventLoop, gather, sleepMs, VirtualClock } from '../impl/index.ts';
import { liveHeap } from './measure.ts';

/** Called once, in the last child's first step: every other child exists and is suspended. */
type Probe = (() => void) | null;

function* loopChild(i: number, ms: number, probe: Probe): Coro<number> {
  if (probe !== null) probe();
  yield* sleepMs(ms);
  return i;
}

/**
 * The loop workload's main task: a gather of `n` children, returning their results. A top-level generator function,
 * as promiseAllAsync is a top-level async function. It was a `function* main` nested in loopcheckGather, a new
 * generator function per run: V8 (Node 20) gives a generator function, once called, a map in old space that points
 * back to the function and so to its scope, and each run's scope (its results array among others) then survived
 * every scavenge until a full collection: 315 KB promoted per scavenge, 11 % of the workload's time at 10^3
 * (measured 2026-11-30; reproduced without loopcheck, and found in explore's runner too, properties/run-on-loop.ts).
 */
function* gatherChildren(n: number, ms: number, probe: Probe): Coro<number[]> {
  const children = new Array<Coro<number>>(n);
  for (let i = 0; i < n; i++) children[i] = loopChild(i, ms, i === n - 1 ? probe : null);
  return yield* gather(...children);
}

/**
 * A gather of `n` children that each `sleepMs(ms)` on a virtual clock and return their index, run to the end on a
 * fresh loop. ms > 0 goes through the timer heap; ms = 0 yields to the ready queue (as asyncio.sleep(0)).
 */
export function loopcheckGather(n: number, ms = 1, probe: Probe = null): void {
  const loop = new EventLoop({ clock: new VirtualClock() });
  const task = loop.createTask(gatherChildren(n, ms, probe));
  loop.runSync();
  const results = task.result();
  if (results.length !== n || results[n - 1] !== n - 1) throw new Error('loopcheck gather returned the wrong results');
}

/**
 * The coroutines alone: `n` of the loop workload's generators (what a loop cannot go under: each task keeps its
 * coroutine alive), in an array as the workload holds them; `probe` is called once they all exist.
 */
export function coroutinesOnly(n: number, probe: Probe = null): void {
  const children = new Array<Coro<number>>(n);
  for (let i = 0; i < n; i++) children[i] = loopChild(i, 0, null);
  if (probe !== null) probe();
  if (children.length !== n) throw new Error('unreachable'); // keeps the array alive past the probe
}

/** What the loop resumes a bare coroutine with, and the one-step iterator it walks (a sleep's, without the loop). */
const RESUME = Symbol('resume');
const ONE_STEP: Iterator<number, void, unknown> & Iterable<number> = {
  next: (sent?: unknown) => (sent === RESUME ? { value: undefined, done: true } : { value: 0, done: false }),
  [Symbol.iterator]() {
    return this;
  },
};

function* bareChild(i: number): Generator<number, number, unknown> {
  yield* ONE_STEP;
  return i;
}

/**
 * The floor under any generator-based loop: `n` coroutines shaped like the loop workload's children (each walks a
 * shared iterator once, then returns its index), each stepped twice by a bare loop over an array — no tasks, no
 * ready queue, no gather.
 */
export function bareCoroutines(n: number): void {
  const children = new Array<Generator<number, number, unknown>>(n);
  for (let i = 0; i < n; i++) children[i] = bareChild(i);
  for (let i = 0; i < n; i++) children[i]!.next();
  let last = -1;
  for (let i = 0; i < n; i++) last = children[i]!.next(RESUME).value as number;
  if (last !== n - 1) throw new Error('bare coroutines returned the wrong results');
}

async function asyncChild(i: number, probe: Probe): Promise<number> {
  if (probe !== null) probe();
  await null; // one turn of the microtask queue, as sleep(0)
  return i;
}

/** Promise.all over `n` async functions that each await once and return their index. */
export async function promiseAllAsync(n: number, probe: Probe = null): Promise<void> {
  const promises = new Array<Promise<number>>(n);
  for (let i = 0; i < n; i++) promises[i] = asyncChild(i, i === n - 1 ? probe : null);
  const results = await Promise.all(promises);
  if (results.length !== n || results[n - 1] !== n - 1) throw new Error('Promise.all returned the wrong results');
}

/** Promise.all over `n` already resolved promises. */
export async function promiseAllResolved(n: number, probe: Probe = null): Promise<void> {
  const promises = new Array<Promise<number>>(n);
  for (let i = 0; i < n; i++) promises[i] = Promise.resolve(i);
  const all = Promise.all(promises);
  if (probe !== null) probe();
  const results = await all;
  if (results.length !== n || results[n - 1] !== n - 1) throw new Error('Promise.all returned the wrong results');
}

/**
 * Live heap per child: (heap at the probe − heap before) / n, both after a forced full collection (NaN when none
 * can be forced); the median of `samples` runs, as a small N's delta is within the heap's own noise.
 * `run` gets the probe to call at the moment every child exists.
 */
export async function heapPerChild(
  n: number,
  run: (probe: () => void) => void | Promise<void>,
  samples = 3,
): Promise<number> {
  const deltas: number[] = [];
  for (let i = 0; i < samples; i++) {
    const before = liveHeap();
    let at = NaN;
    await run(() => {
      at = liveHeap();
    });
    deltas.push((at - before) / n);
  }
  deltas.sort((a, b) => a - b);
  return deltas[Math.floor(deltas.length / 2)]!;
}
