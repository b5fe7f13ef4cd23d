// Parallel exploration: a shard's blocks handed out to worker threads on demand, their results merged into the
// shard's; with one worker it runs in this thread. Replay files are written once, for the merged failures.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type Certificate, EXPLORE_FAILURES_DIR, exploreShard, withReplayFile } from './explore.ts';
import { DEFAULT_BOUND } from './enumerate.ts';
import { mergeResults } from './merge.ts';
import { type Shard, WHOLE } from './shard.ts';
import { type WorkerTask, loopRunner } from './worker.ts';

export interface ParallelOptions {
  bound?: number;
  /** The shard to run (default: all of it). The result keeps its trace hashes when a shard is given. */
  shard?: Shard;
  /** Worker threads (default defaultWorkers(bound)); 1 runs in this thread. */
  workers?: number;
  /** `impl` (default) or `mutant:<name>`. */
  loop?: string;
  allFailures?: boolean;
  reduce?: boolean;
  blockSize?: number;
  /** Where replay files go (default EXPLORE_FAILURES_DIR); null writes none. */
  failuresDir?: string | null;
  onProgress?: (scenarios: number) => void;
  /**
   * Aborting it stops every worker at its next scenario; the result counts what was explored and is marked
   * `interrupted`. With a signal the run is on worker threads even for one worker, so this thread can take the abort.
   */
  signal?: AbortSignal;
}

/** Every core (os.availableParallelism()), except for N ≤ 1: its few thousand scenarios are one block. */
export function defaultWorkers(bound: number): number {
  return bound <= 1 ? 1 : availableParallelism();
}

/**
 * The worker's entry: from the sources, a small module that loads tsx first (threads do not inherit it); from a
 * build (compiled JavaScript), the compiled worker itself.
 */
const WORKER_ENTRY = import.meta.url.endsWith('.ts')
  ? new URL('./worker-entry.mjs', import.meta.url)
  : new URL('./worker.js', import.meta.url);

function runWorker(task: WorkerTask, onProgress: (n: number) => void): Promise<Certificate> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_ENTRY, { workerData: task });
    let settled = false;
    worker.on('message', (m: { progress?: number; result?: Certificate; error?: string }) => {
      if (m.progress !== undefined) onProgress(m.progress);
      else if (m.result !== undefined) {
        settled = true;
        resolve(m.result);
      } else if (m.error !== undefined) {
        settled = true;
        reject(new Error(m.error));
      }
    });
    worker.on('error', (e) => {
      settled = true;
      reject(e);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`explore worker exited with code ${code} before reporting`));
    });
  });
}

/** Explores a shard (default: everything) on `workers` threads; the merged certificate equals a one-thread run's. */
export async function exploreParallel(options: ParallelOptions = {}): Promise<Certificate> {
  const bound = options.bound ?? DEFAULT_BOUND;
  const shard = options.shard ?? WHOLE;
  const workers = Math.max(1, options.workers ?? defaultWorkers(bound));
  const loopName = options.loop ?? 'impl';
  const failuresDir = options.failuresDir === undefined ? EXPLORE_FAILURES_DIR : options.failuresDir;
  const started = performance.now();
  const stop = new SharedArrayBuffer(4);
  const stopMark = new Int32Array(stop);
  stopMark[0] = 0x7fffffff;
  const signal = options.signal;
  const interrupt = (): void => {
    Atomics.store(stopMark, 0, -1); // below every case: each worker stops at its next scenario
  };
  let results: Certificate[];
  if (workers === 1 && signal === undefined) {
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      const loop = loopRunner(loopName);
      results = [
        exploreShard({
          bound,
          shard,
          ...(options.blockSize !== undefined ? { blockSize: options.blockSize } : {}),
          ...(loop !== undefined ? { loop } : {}),
          allFailures: options.allFailures === true,
          reduce: options.reduce !== false,
          failuresDir: null,
          ...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}),
        }),
      ];
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
  } else {
    loopRunner(loopName);
    const counts = new Array<number>(workers).fill(0);
    // Blocks are handed out on demand (one shared counter), not dealt in turn: blocks differ in cost (the format 2
    // families, the reduction's yield), and dealt in turn the N = 3 run waited on the worker with the dearer half.
    const blocks = new SharedArrayBuffer(4);
    if (signal?.aborted) interrupt();
    signal?.addEventListener('abort', interrupt, { once: true });
    const running = Promise.all(
      Array.from({ length: workers }, (_, w) =>
        runWorker(
          {
            exploreWorker: true,
            bound,
            shard,
            blocks,
            ...(options.blockSize !== undefined ? { blockSize: options.blockSize } : {}),
            loop: loopName,
            allFailures: options.allFailures === true,
            reduce: options.reduce !== false,
            stop,
          },
          (n) => {
            counts[w] = n;
            options.onProgress?.(counts.reduce((a, b) => a + b, 0));
          },
        ),
      ),
    );
    try {
      results = await running;
    } finally {
      signal?.removeEventListener('abort', interrupt);
    }
  }
  const merged = mergeResults(results, options.shard);
  if (signal?.aborted && !merged.complete) merged.interrupted = true;
  merged.timeMs = Math.round(performance.now() - started);
  merged.failures = merged.failures.map((f) => withReplayFile(f, bound, failuresDir));
  return merged;
}
