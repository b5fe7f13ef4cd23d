// One worker thread of `exploreParallel`: explores its sub-shard and posts progress, then the result. Imported by
// parallel.ts for its helpers (so a build compiles it); it explores only when it is an explore worker's entry.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { ALL_MUTANTS, mutantRunner } from '../properties/mutants/index.ts';
import type { SyncRunner } from '../properties/runners.ts';
import { type ExploreFailure, exploreShard } from './explore.ts';
import type { Shard } from './shard.ts';

/** What a worker is asked to do (plain data: it crosses the thread boundary). */
export interface WorkerTask {
  exploreWorker: true;
  bound: number;
  shard: Shard;
  blockSize?: number;
  /** `impl` or `mutant:<name>`. */
  loop: string;
  allFailures: boolean;
  reduce: boolean;
  /** One Int32: the next unclaimed block position of `shard` (blocks handed out on demand); absent: all of `shard`. */
  blocks?: SharedArrayBuffer;
  /** One Int32: the lowest failing case found so far, -1 once interrupted (workers stop past it). */
  stop: SharedArrayBuffer;
}

/** The loop side named `impl` or `mutant:<name>` (undefined: impl); throws on an unknown mutant. */
export function loopRunner(name: string): SyncRunner | undefined {
  if (name === 'impl') return undefined;
  const mutant = ALL_MUTANTS.find((m) => `mutant:${m.name}` === name || m.name === name);
  if (mutant === undefined) throw new Error(`unknown mutant ${JSON.stringify(name)}`);
  return mutantRunner(mutant);
}

/** Lowers the shared stop mark to `at` if it is lower (an atomic minimum). */
export function stopAt(stop: Int32Array, at: number): void {
  for (;;) {
    const current = Atomics.load(stop, 0);
    if (at >= current) return;
    if (Atomics.compareExchange(stop, 0, current, at) === current) return;
  }
}

/** Hands out block positions from a shared counter (each once, in increasing order). */
export function claimer(next: Int32Array): () => number {
  return () => Atomics.add(next, 0, 1);
}

function work(task: WorkerTask): void {
  const stop = new Int32Array(task.stop);
  Error.stackTraceLimit = 0;
  try {
    const loop = loopRunner(task.loop);
    const result = exploreShard({
      bound: task.bound,
      shard: task.shard,
      ...(task.blockSize !== undefined ? { blockSize: task.blockSize } : {}),
      ...(loop !== undefined ? { loop } : {}),
      allFailures: task.allFailures,
      reduce: task.reduce,
      ...(task.blocks !== undefined ? { claim: claimer(new Int32Array(task.blocks)) } : {}),
      failuresDir: null,
      // The stop mark is lowered by a failure (unless all failures are wanted) and by an interrupt (to -1).
      stopAfter: () => Atomics.load(stop, 0),
      ...(task.allFailures ? {} : { onFailure: (f: ExploreFailure) => stopAt(stop, f.case) }),
      onProgress: (n) => parentPort!.postMessage({ progress: n }),
    });
    parentPort!.postMessage({ result });
  } catch (e) {
    parentPort!.postMessage({ error: (e instanceof Error ? e.message : String(e)).split('\n')[0] });
  }
}

if (!isMainThread && (workerData as Partial<WorkerTask> | undefined)?.exploreWorker === true)
  work(workerData as WorkerTask);
