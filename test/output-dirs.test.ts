// Where the commands write: failures, timelines, junit, coverage and conformance land under the current directory.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../bin/loopcheck.js', import.meta.url));

describe('where the commands write', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'loopcheck-cwd-'));
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  const loopcheck = (...args: string[]) =>
    run(process.execPath, [BIN, ...args], { cwd }).catch((error: { code?: number; stdout?: string }) => error);

  it('writes failures, timelines, junit, coverage and conformance under the current directory', async () => {
    const [check] = await Promise.all([
      loopcheck(
        'check',
        '--target',
        'mutant:sequential',
        '--property',
        'max-not-sum',
        '--runs',
        '30',
        '--seed',
        '1',
        '--junit',
        'junit.xml',
      ),
      loopcheck('graph', '--runs', '5', '--enumeration-budget', '0'),
      loopcheck('conformance', '--targets', 'promise-all', '--runs', '3', '--seed', '1'),
    ]);
    expect((check as { code?: number }).code).toBe(1);
    for (const file of [
      'reports/out/failures/max-not-sum-mutant_sequential.json',
      'reports/out/failures/max-not-sum-mutant_sequential.svg',
      'junit.xml',
      'reports/out/coverage.json',
      'reports/out/index.html',
      'reports/out/conformance.md',
    ]) {
      expect(existsSync(join(cwd, file)), file).toBe(true);
    }
    // The printed replay command is relative to the current directory, so it can be pasted as is.
    expect((check as { stdout?: string }).stdout).toContain(
      'replay: loopcheck replay reports/out/failures/max-not-sum-mutant_sequential.json',
    );
  }, 120_000);
});
