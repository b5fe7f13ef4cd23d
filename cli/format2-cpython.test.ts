// The CLI on format 2 with CPython: `replay FILE --target cpython` (model(cpython) against the runtime) and
// `conformance --format 2`; bad values are one line, exit 2. Skipped with the reason when python3 ≥ 3.11 is missing.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../test/run-cli.ts';
import { missingModule } from '../conformance/targets/python-runtime.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'loopcheck-format2-cpython-'));
const missing = missingModule(process.env.LOOPCHECK_PYTHON ?? 'python3', 'asyncio.timeouts');

function loopcheck(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = runCli(args, { LOOPCHECK_RUNS: '', LOOPCHECK_SEED: '' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('loopcheck on format 2 with CPython', () => {
  it('replay --target cpython: self-cancel (b) agrees with model(cpython); a cpython file replays on CPython by default', (context) => {
    if (missing !== undefined) context.skip(missing);
    const file = join(root, 'examples', 'scenarios', 'format2-b-self-cancel.json');
    const r = loopcheck('replay', file, '--target', 'cpython', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { agree: boolean; outcomes: Record<string, { children: { s: object } }> };
    expect(out.agree).toBe(true);
    expect(out.outcomes.cpython!.children.s).toMatchObject({ status: 'cancelled' }); // T4h
    // a file whose profile is cpython replays on CPython by default (--target both)
    const timeoutZero = join(dir, 'timeout-zero.json');
    writeFileSync(
      timeoutZero,
      JSON.stringify({
        loopcheck: 2,
        profile: 'cpython',
        children: [
          { name: 'a', steps: [{ timeout: 0, steps: [{ await: 'b' }] }] },
          { name: 'b', steps: [{ return: 1 }] },
        ],
      }),
    );
    const t = loopcheck('replay', timeoutZero);
    expect(t.code).toBe(0);
    expect(t.stdout).toContain('model(cpython) and cpython agree');
  });

  it('conformance --format 2: cpython passes its own profile, its seed differences replay; a bad --format is one line, exit 2', (context) => {
    if (missing !== undefined) context.skip(missing);
    const out = join(dir, 'out');
    const r = loopcheck(
      'conformance',
      '--format',
      '2',
      '--targets',
      'cpython',
      '--profile',
      'own',
      '--runs',
      '30',
      '--seed',
      '3',
      '--out',
      out,
      '--json',
    );
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as {
      cells: { property: string; status: string; cases: number; engaged: number }[];
    };
    const od = report.cells.find((c) => c.property === 'outcome-differential')!;
    expect(od.status).toBe('holds');
    expect(od.cases).toBeGreaterThan(20);
    // check's format 2 (lifted format 1 families, random programs) under cpython: every property the profile
    // reads in format 2 holds and is engaged (the format 2 ones included); those reading format 1 only are n/a
    expect(report.cells.find((c) => c.property === 'siblings-keep-running')!.status).toBe('n/a');
    for (const name of ['order-preservation', 'await-result', 'shield-isolation', 'timeout-vs-cancel', 'self-cancel'])
      expect(report.cells.find((c) => c.property === name)).toBeDefined();
    for (const c of report.cells.filter((x) => x.status !== 'n/a')) {
      expect(c.status, c.property).toBe('holds');
      expect(c.engaged, c.property).toBeGreaterThanOrEqual(c.cases / 4);
    }
    // against seed: documented differences, each with a replay file that replays (format 2 inside a failure file)
    const seedRun = loopcheck(
      'conformance',
      '--format',
      '2',
      '--targets',
      'cpython',
      '--profile',
      'seed',
      '--runs',
      '20',
      '--seed',
      '3',
      '--out',
      out,
      '--json',
    );
    expect(seedRun.code).toBe(0); // documented differences only
    const failing = (JSON.parse(seedRun.stdout) as { cells: { property: string; failureFile?: string }[] }).cells.find(
      (c) => c.property === 'outcome-differential',
    )!;
    expect(failing.failureFile).toBeDefined();
    const again = loopcheck('replay', failing.failureFile!);
    expect(again.code).toBe(1);
    expect(again.stdout).toContain('outcome-differential still fails on cpython');
    const bad = loopcheck('conformance', '--format', '3', '--targets', 'cpython');
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toEqual(['loopcheck: --format must be 1 or 2, got "3"']);
  });
});
