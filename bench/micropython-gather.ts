// Child process: the raw gather workload on MicroPython 1.27 (WebAssembly, npm) — python/gather_micropython.py.
// Usage: node --import tsx bench/micropython-gather.ts REPEATS N; prints one JSON line (as the CPython script):
// - bytes_per_task first, on the fresh instance (MicroPython's collector is conservative: garbage of earlier runs
//   that stale stack words still point at would blur the figure), only up to MEMORY_MAX_N children, else null;
// - best_ms: the fastest of REPEATS runs of `await lc_bench_gather(n)` timed from JavaScript, after a warm-up of
//   min(N, 1000) children.
import { readFileSync } from 'node:fs';
import { loadMicroPython } from '@micropython/micropython-webassembly-pyscript';

/** Largest N whose memory is measured (one more full run; a 10^5 run takes ~40 s). */
const MEMORY_MAX_N = 10_000;

const args = process.argv.slice(2);
if (args.length !== 2 || !args.every((a) => /^[1-9]\d*$/.test(a))) {
  process.stderr.write('usage: micropython-gather.ts REPEATS N (positive integers)\n');
  process.exit(2);
}
const [repeats, n] = args.map(Number) as [number, number];

// 10^4 children exhaust the default Python stack; these sizes run 10^5 (shared/semantics.md).
const mp = await loadMicroPython({
  pystack: 1 << 20,
  heapsize: 256 << 20,
  stdout: (line: string) => process.stderr.write(`[micropython] ${line}\n`),
  stderr: (line: string) => process.stderr.write(`[micropython] ${line}\n`),
});
mp.runPython(readFileSync(new URL('./python/gather_micropython.py', import.meta.url), 'utf8'));

let bytes: number | null = null;
if (n <= MEMORY_MAX_N) {
  await mp.runPythonAsync(`lc_bench_bytes = await lc_bench_bytes_per_task(${n})`); // n is a checked integer
  bytes = Number(mp.globals.get('lc_bench_bytes'));
}
const code = `await lc_bench_gather(${n})`;
await mp.runPythonAsync(`await lc_bench_gather(${Math.min(n, 1000)})`); // warm-up
let best = Infinity;
for (let i = 0; i < repeats; i++) {
  const start = performance.now();
  await mp.runPythonAsync(code);
  best = Math.min(best, performance.now() - start);
}
process.stdout.write(`${JSON.stringify({ n, best_ms: best, bytes_per_task: bytes })}\n`);
