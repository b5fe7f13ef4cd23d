// What `npm pack` ships: the compiled library and the command; no tests, fixtures, regressions, reports or sources.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface PackageJson {
  bin: Record<string, string>;
  types: string;
  exports: Record<string, string | { types: string; default: string }>;
}

describe('npm pack', () => {
  it('ships the entry points and the compiled library, and no tests, fixtures, regressions, reports or sources', async () => {
    // --dry-run still runs prepack (the build), as `npm pack` and `npm publish` do.
    const { stdout } = await run('npm', ['pack', '--dry-run', '--json'], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
    const [pack] = JSON.parse(stdout.slice(stdout.indexOf('['))) as Array<{ files: Array<{ path: string }> }>;
    const files = pack!.files.map((f) => f.path);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageJson;
    const entryPoints = [
      ...Object.values(pkg.bin),
      pkg.types,
      ...Object.values(pkg.exports).flatMap((e) => (typeof e === 'string' ? [e] : [e.types, e.default])),
    ].map((path) => path.replace(/^\.\//, ''));
    for (const path of entryPoints) expect(files, path).toContain(path);
    expect(files).toContain('dist/cli/main.js');
    expect(files).toContain('dist/conformance/python/loopcheck_asyncio.py');
    const unwanted = files.filter(
      (path) =>
        /\.test\.[cm]?[jt]s$/.test(path) ||
        /(^|\/)(fixtures|regressions|examples|bench|reports\/out|node_modules)\//.test(path) ||
        (/\.[cm]?ts$/.test(path) && !/\.d\.[cm]?ts$/.test(path)),
    );
    expect(unwanted).toEqual([]);
  }, 120_000);
});
