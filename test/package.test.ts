// What `npm pack` ships (the compiled library and the command, no tests, fixtures, regressions or reports), and where commands write.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'loopcheck.js');

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
      ...Object.values(pkg.bin), pkg.types,
      ...Object.values(pkg.exports).flatMap((e) => (typeof e === 'string' ? [e] : [e.types, e.default])),
    ].map((path) => path.replace(/^\.\//, ''));
    for (const path of entryPoints) expect(files, path).toContain(path);
    expect(files).toContain('dist/cli/main.js');
    expect(files).toContain('dist/conformance/python/loopcheck_asyncio.py');
    const unwanted = files.filter((path) =>
      /\.test\.[cm]?[jt]s$/.test(path) || /(^|\/)(fixtures|regressions|examples|bench|reports\/out|node_modules)\//.test(path) ||
      (/\.[cm]?ts$/.test(path) && !/\.d\.[cm]?ts$/.test(path)));
    expect(unwanted).toEqual([]);
  }, 120_000);
});

describe('where the commands write', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'loopcheck-cwd-'));
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  const loopcheck = (...args: string[]) => run(process.execPath, [BIN, ...args], { cwd }).catch((error: { code?: number; stdout?: string }) => error);

  it('writes failures, timelines, junit, coverage and conformance under the current directory', async () => {
    const [check] = await Promise.all([
      loopcheck('check', '--target', 'mutant:sequential', '--property', 'max-not-sum', '--runs', '30', '--seed', '1', '--junit', 'junit.xml'),
      loopcheck('graph', '--runs', '5', '--enumeration-budget', '0'),
      loopcheck('conformance', '--targets', 'promise-all', '--runs', '3', '--seed', '1'),
    ]);
    expect((check as { code?: number }).code).toBe(1);
    for (const file of [
      'reports/out/failures/max-not-sum-mutant_sequential.json', 'reports/out/failures/max-not-sum-mutant_sequential.svg',
      'junit.xml', 'reports/out/coverage.json', 'reports/out/index.html', 'reports/out/conformance.md',
    ]) {
      expect(existsSync(join(cwd, file)), file).toBe(true);
    }
    // The printed replay command is relative to the current directory, so it can be pasted as is.
    expect((check as { stdout?: string }).stdout).toContain('replay: loopcheck replay reports/out/failures/max-not-sum-mutant_sequential.json');
  }, 120_000);
});
