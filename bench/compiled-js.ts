// The JavaScript workloads measured as the loop ships: on tsc's output (as `npm run build` compiles it), in a fresh process.
//
// Why not in the bench's own process. First, what runs there is tsx's output, and tsx (esbuild with keepNames)
// renames every class and function through Object.defineProperty: that costs the loop 1,882 instructions per gathered
// child at 10^3 against 1,700 without keepNames and 1,702 compiled by tsc (callgrind, 2026-11-30, main at caa5d14),
// and a user of the package runs tsc's output. Second, workloads run before the ratio's rounds (timers, memory
// probes) leave the shared functions' type feedback polymorphic; a fresh process per measure is how JMH keeps
// benchmarks from profiling each other. So two children, one per part (js-workloads.ts); the loop's and Promise.all's workloads run in the same
// child, compiled by the same tsc.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JsWorkloadFigures, JsWorkloadOptions } from './js-workloads.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The child's entry; tsc follows its imports (the loop, the workloads, the measures). */
const ENTRY = 'bench/js-workloads-child.ts';

/** jsWorkloads, each part on the tsc-compiled code in a child process of its own (`node --expose-gc`), merged. */
export function jsWorkloadsCompiled(options: Omit<JsWorkloadOptions, 'part'>): JsWorkloadFigures {
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
        include: [join(ROOT, ENTRY)],
        exclude: [],
      }),
    );
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir], {
      encoding: 'utf8',
    });
    if (tsc.status !== 0)
      throw new Error(
        `compiling the JavaScript workloads failed: ${firstLine(tsc.stdout || tsc.stderr || tsc.error?.message)}`,
      );
    const part = (p: JsWorkloadOptions['part']): JsWorkloadFigures => {
      const child = spawnSync(
        process.execPath,
        ['--expose-gc', join(out, ENTRY.replace(/\.ts$/, '.js')), JSON.stringify({ ...options, part: p })],
        { encoding: 'utf8', maxBuffer: 1 << 22 },
      );
      if (child.status !== 0)
        throw new Error(`the JavaScript workloads' process failed: ${firstLine(child.stderr || child.error?.message)}`);
      return JSON.parse(child.stdout) as JsWorkloadFigures;
    };
    const figures = part('figures');
    return { ...figures, ratios: options.ratioRounds > 0 ? part('ratios').ratios : [] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function firstLine(text: string | undefined): string {
  return (text ?? '').trim().split('\n')[0] ?? '';
}
