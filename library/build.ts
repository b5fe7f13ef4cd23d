// `npm run build` (run by prepack): compiles the library to dist/ (JavaScript + .d.ts) and copies the files it reads at run time.
// Usage: node --import tsx library/build.ts   (tsc from node_modules/.bin, which npm puts on PATH)
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');

/** Files the compiled code opens beside itself (`new URL(..., import.meta.url)`), by folder, and what to keep. */
const ASSETS: Array<{ folder: string; keep: (file: string) => boolean }> = [
  { folder: 'conformance/python', keep: (file) => file.endsWith('.py') },
  { folder: 'model', keep: (file) => file === 'scenario.schema.json' || file === 'scenario-v2.schema.json' },
];

rmSync(DIST, { recursive: true, force: true });
// tsc's output goes to stderr: `npm pack --json` runs this script and its stdout must stay JSON.
const tsc = spawnSync('tsc', ['-p', join(ROOT, 'tsconfig.build.json')], {
  cwd: ROOT,
  stdio: ['ignore', 2, 2],
  shell: process.platform === 'win32',
});
if (tsc.error !== undefined) {
  process.stderr.write(`build: cannot run tsc (${tsc.error.message}); run it as npm run build\n`);
  process.exit(2);
}
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
for (const { folder, keep } of ASSETS) {
  mkdirSync(join(DIST, folder), { recursive: true });
  for (const file of readdirSync(join(ROOT, folder)).filter(keep))
    copyFileSync(join(ROOT, folder, file), join(DIST, folder, file));
}
