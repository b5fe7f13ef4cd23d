// One worker thread of `exploreParallel`: explores its sub-shard and posts progress, then the result.
import { parentPort, workerData } from 'node:worker_threads';
import { exploreShard } from './explore.ts';
import { type WorkerTask, loopRunner, stopAt } from './parallel.ts';

const task = workerData as WorkerTask;
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
    failuresDir: null,
    ...(task.allFailures ? {} : { stopAfter: () => Atomics.load(stop, 0), onFailure: (f) => stopAt(stop, f.case) }),
    onProgress: (n) => parentPort!.postMessage({ progress: n }),
  });
  parentPort!.postMessage({ result });
} catch (e) {
  parentPort!.postMessage({ error: (e instanceof Error ? e.message : String(e)).split('\n')[0] });
}
