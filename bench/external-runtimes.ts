// The raw gather workload on the external runtimes, each in a child process: CPython asyncio (python3) and
// MicroPython 1.27 (WebAssembly, npm). Python lives in bench/python/*.py; sizes and repeats go by argv.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** One size's figures from a runtime script. */
export interface RuntimeFigure {
  n: number;
  /** Best wall time of the whole gather, ms. */
  bestMs: number;
  /** Memory per task in bytes (see the scripts for how), or null when not measured. */
  bytesPerTask: number | null;
}

const CPYTHON_SCRIPT = fileURLToPath(new URL('./python/gather_cpython.py', import.meta.url));
const MICROPYTHON_WORKER = fileURLToPath(new URL('./micropython-gather.ts', import.meta.url));

/** Runs `command args`, resolves with its stdout; rejects with the stderr's last line on a non-zero exit. */
function output(command: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${command}: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else {
        const last = stderr.trim().split('\n').pop() ?? '';
        reject(
          new Error(
            `${command} ${signal === 'SIGKILL' ? `timed out after ${timeoutMs} ms` : `exited ${code}`}: ${last}`,
          ),
        );
      }
    });
  });
}

function parseFigures(text: string): RuntimeFigure[] {
  return text
    .trim()
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((line) => {
      const raw = JSON.parse(line) as { n: number; best_ms: number; bytes_per_task: number | null };
      return { n: raw.n, bestMs: raw.best_ms, bytesPerTask: raw.bytes_per_task };
    });
}

/** CPython's asyncio (its default loop; children `await asyncio.sleep(0)`), one process for every size. */
export async function cpythonGather(
  sizes: readonly number[],
  repeats: number,
  python = process.env.LOOPCHECK_PYTHON ?? 'python3',
): Promise<RuntimeFigure[]> {
  const text = await output(python, [CPYTHON_SCRIPT, String(repeats), ...sizes.map(String)], 30 * 60_000);
  return parseFigures(text);
}

/** CPython's version string (`3.11.7`), or null if it cannot be run. */
export async function cpythonVersion(python = process.env.LOOPCHECK_PYTHON ?? 'python3'): Promise<string | null> {
  try {
    const text = await output(python, ['-c', 'import sys; print(sys.version.split()[0])'], 30_000);
    return text.trim();
  } catch {
    return null;
  }
}

/** MicroPython (WebAssembly): a fresh process per size (its collector is conservative; see the worker). */
export async function micropythonGather(sizes: readonly number[], repeats: number): Promise<RuntimeFigure[]> {
  const figures: RuntimeFigure[] = [];
  for (const n of sizes) {
    const runs = n >= 100_000 ? 1 : repeats; // one 10^5 run takes ~40 s
    const text = await output(
      process.execPath,
      ['--import', 'tsx', MICROPYTHON_WORKER, String(runs), String(n)],
      30 * 60_000,
    );
    figures.push(...parseFigures(text));
  }
  return figures;
}
