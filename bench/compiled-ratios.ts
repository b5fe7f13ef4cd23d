// Loop ÷ Promise.all measured as it ships: on the tsc-compiled loop (as `npm run build` makes it), in a fresh process.
//
// Why not in the bench's own process. First, what runs there is tsx's output, and tsx (esbuild with keepNames)
// renames every class and function through Object.defineProperty: that costs the loop 1,891 instructions per gathered
// child at 10^3 against 1,706 without keepNames and 1,703 compiled by tsc (callgrind, 2026-11-30), and a user of the
// package runs tsc's output. Second, the bench's earlier workloads (timers, memory probes) leave the shared
// functions' type feedback polymorphic for the ratio's rounds; one fresh process per measure is how JMH keeps
// benchmarks from profiling each other. Both workloads run in the same child, compiled by the same tsc.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RatioFigure } from './loop-ratios.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** What the child needs: the loop, the two workloads, the rounds; tsc follows their imports. */
const ENTRY = ['bench/loop-ratios-child.ts'];

/** loopRatios(sizes, rounds) run on the tsc-compiled code in a child process (`node --expose-gc`). */
export function loopRatiosCompiled(sizes: readonly number[], rounds: number): RatioFigure[] {
  const dir = mkdtempSync(join(tmpdir(), 'loopcheck-ratios-'));
  try {
    const out = join(dir, 'out');
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        extends: join(ROOT, 'tsconfig.json'),
        compilerOptions: {
          noEmit: false,
          outDir: out,
          rootDir: ROOT,
          rewriteRelativeImportExtensions: true,
          declaration: false,
          sourceMap: false,
          typeRoots: [join(ROOT, 'node_modules/@types')], // the config is outside the project: say where its types are
        },
        include: ENTRY.map((f) => join(ROOT, f)),
        exclude: [],
      }),
    );
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir], {
      encoding: 'utf8',
    });
    if (tsc.status !== 0)
      throw new Error(
        `compiling the loop for the ratio failed: ${firstLine(tsc.stdout || tsc.stderr || tsc.error?.message)}`,
      );
    const child = spawnSync(
      process.execPath,
      ['--expose-gc', join(out, 'bench/loop-ratios-child.js'), sizes.join(','), String(rounds)],
      { encoding: 'utf8', maxBuffer: 1 << 20 },
    );
    if (child.status !== 0)
      throw new Error(`the ratio's process failed: ${firstLine(child.stderr || child.error?.message)}`);
    return JSON.parse(child.stdout) as RatioFigure[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function firstLine(text: string | undefined): string {
  return (text ?? '').trim().split('\n')[0] ?? '';
}
