// Child process of the `micropython` target: one MicroPython (WebAssembly) instance, JSON lines in and out.
// Usage: node --import tsx conformance/micropython/worker.ts [--test-spin-on NAME] [--test-exit-on NAME]
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { loadMicroPython } from '@micropython/micropython-webassembly-pyscript';

const RUNNER = new URL('../python/loopcheck_micropython.py', import.meta.url);
// The scenario program shared with the CPython runner; the runner imports it from MicroPython's /lib.
const PROGRAM = new URL('../python/loopcheck_program.py', import.meta.url);
// Scenario format 2's steps (docs/rules.md §4b), shared too: the program imports them for a format 2 scenario.
const STEPS = new URL('../python/loopcheck_steps.py', import.meta.url);

// Virtual time: MicroPython's ticks_ms is `Date.now() - epoch`; this process does nothing else, so Date.now
// becomes a clock that only the Python side moves (lc_clock.set).
let virtualNow = 0;
Date.now = () => virtualNow;

function flag(name: string): string | null {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? null) : null;
}

const mp = await loadMicroPython({
  pystack: 64 * 1024,
  heapsize: 64 * 1024 * 1024,
  stdout: (line: string) => process.stderr.write(`[micropython] ${line}\n`),
  stderr: (line: string) => process.stderr.write(`[micropython] ${line}\n`),
});
mp.registerJsModule('lc_clock', {
  set: (ms: number) => {
    virtualNow = ms;
  },
});
mp.FS.mkdir('/lib');
mp.FS.writeFile('/lib/loopcheck_program.py', readFileSync(PROGRAM, 'utf8'));
mp.FS.writeFile('/lib/loopcheck_steps.py', readFileSync(STEPS, 'utf8'));
mp.runPython(readFileSync(RUNNER, 'utf8'));
mp.globals.set('lc_test_spin_on', flag('--test-spin-on'));
mp.globals.set('lc_test_exit_on', flag('--test-exit-on'));
const runCase = mp.globals.get('lc_run_case') as (scenarioJson: string) => string;

function reply(result: unknown): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

reply({ ready: true });
for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  if (line.trim() === '') continue;
  try {
    const { scenario } = JSON.parse(line) as { scenario: unknown };
    // The scenario enters Python as one JSON string (parsed there by json.loads), never as source.
    const text = runCase(JSON.stringify(scenario));
    process.stdout.write(`${text}\n`);
  } catch (error) {
    const e = error as { name?: string; type?: string; message?: string };
    const what =
      e.name === 'PythonError' ? `${e.type}: ${String(e.message).trim().split('\n').slice(-1)[0]}` : String(error);
    reply({ ok: false, kind: 'crash', error: `micropython: ${what}` });
  }
}
