// Measuring helpers: best-of-k wall time, a forced garbage collection, and live heap at a probe point.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** The minimum of `repeats` timings of `fn` in ms, after `warmup` untimed runs (best of k: the least disturbed run). */
export function bestOf(repeats: number, fn: () => void, warmup = 1): number {
  for (let i = 0; i < warmup; i++) fn();
  let best = Infinity;
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    fn();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

/** bestOf for asynchronous work. */
export async function bestOfAsync(repeats: number, fn: () => Promise<unknown>, warmup = 1): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  let best = Infinity;
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    await fn();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

/** How many times `fn` runs per second, running it in batches for at least `minMs` (best batch rate of `repeats`). */
export function ratePerSecond(fn: () => void, minMs: number, repeats = 3): number {
  fn(); // warm-up
  let best = 0;
  for (let r = 0; r < repeats; r++) {
    let count = 0;
    const start = performance.now();
    let elapsed = 0;
    do {
      fn();
      count++;
      elapsed = performance.now() - start;
    } while (elapsed < minMs);
    best = Math.max(best, (count * 1000) / elapsed);
  }
  return best;
}

let gcFn: (() => void) | null | undefined;

/**
 * A full, synchronous garbage collection. Uses `global.gc` when node ran with --expose-gc; otherwise turns the flag
 * on at run time (v8.setFlagsFromString) and takes `gc` from a fresh context. Null if neither works.
 */
export function forceGc(): (() => void) | null {
  if (gcFn !== undefined) return gcFn;
  const global = globalThis as { gc?: () => void };
  if (typeof global.gc === 'function') {
    gcFn = global.gc;
    return gcFn;
  }
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    gcFn = typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    gcFn = null;
  }
  return gcFn;
}

/** Live JS heap in bytes after a full collection (NaN when no collection can be forced). */
export function liveHeap(): number {
  const gc = forceGc();
  if (gc === null) return NaN;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}
