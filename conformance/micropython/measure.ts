// Runs a MicroPython program (top-level await allowed) on the npm wasm build, on the real clock: for measuring.
// Usage: node --import tsx conformance/micropython/measure.ts conformance/micropython/format2-facts.py
import { readFileSync } from 'node:fs';
import { loadMicroPython } from '@micropython/micropython-webassembly-pyscript';

const file = process.argv[2];
if (file === undefined) {
  process.stderr.write('usage: measure.ts PROGRAM.py\n');
  process.exit(2);
}
let source: string;
try {
  source = readFileSync(file, 'utf8');
} catch (error) {
  process.stderr.write(`measure.ts: cannot read ${file}: ${(error as Error).message}\n`);
  process.exit(2);
}
const mp = await loadMicroPython({
  stdout: (line: string) => process.stdout.write(`${line}\n`),
  stderr: (line: string) => process.stderr.write(`${line}\n`),
});
await mp.runPythonAsync(source);
process.exit(0);
