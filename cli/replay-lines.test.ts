// Every `loopcheck replay …` line that check, conformance and explore print, pasted as printed: it reproduces the
// failure (exit 1); and `--emit-test` tests that fail while the bug is there and pass on the fixed target.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../test/run-cli.ts';
import { emittedTestVerdicts } from '../test/emitted-tests.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'loopcheck-replay-lines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * `loopcheck ARGS`: in the warm CLI thread (test/run-cli.ts) from the project root, as `node bin/loopcheck.js` from
 * any other directory (a thread shares its process's working directory, so a paste from elsewhere is a real process).
 */
function run(args: readonly string[], cwd = root): { code: number | null; stdout: string; stderr: string } {
  const env = { LOOPCHECK_RUNS: '', LOOPCHECK_SEED: '' };
  if (resolve(cwd) === process.cwd()) {
    const r = runCli(args, env);
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }
  const r = spawnSync(process.execPath, [join(root, 'bin', 'loopcheck.js'), ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The words of a printed command line, as a POSIX shell splits them (plain words and '…' quoting). */
function shellWords(line: string): string[] {
  return [...line.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) =>
    m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2]!,
  );
}

/** Every replay command in a command's output, as argv after `loopcheck`. */
function printedReplays(stdout: string): string[][] {
  return [...stdout.matchAll(/replay:\s+(loopcheck replay .*)$/gm)].map((m) => shellWords(m[1]!).slice(1));
}

/** Pastes a printed replay line (from `cwd`) and expects it to find the failure again. */
function expectReproduces(args: string[], target: string, cwd = root): void {
  const r = run(args, cwd);
  expect(r.stderr, args.join(' ')).toBe('');
  expect(r.code, `${args.join(' ')}\n${r.stdout}`).toBe(1);
  expect(r.stdout).toMatch(new RegExp(`^\\S+ still fails on ${target}: `, 'm'));
}

// Files produced by the commands below, reused by the --emit-test test at the end (tests in a file run in order).
const made: { mutant?: string; adapter?: string } = {};

describe('every printed replay line reproduces its failure when pasted', () => {
  it('check on a mutant: each line re-judges its property on the mutant (exit 1)', () => {
    const r = run([
      'check',
      '--target',
      'mutant:no-sibling-cancel',
      '--property',
      'differential',
      '--runs',
      '50',
      '--seed',
      '3',
      '--failures-dir',
      join(dir, 'check'),
    ]);
    expect(r.code).toBe(1);
    const lines = printedReplays(r.stdout);
    expect(lines).toHaveLength(1);
    for (const line of lines) expectReproduces(line, 'mutant:no-sibling-cancel');
    made.mutant = lines[0]![1];
  });

  it('the same file with its target fixed no longer fails (exit 0); a file without targetSpec compares model and loop, as before', () => {
    const json = JSON.parse(readFileSync(made.mutant!, 'utf8'));
    const fixed = join(dir, 'fixed.json');
    writeFileSync(fixed, JSON.stringify({ ...json, target: 'impl', targetSpec: 'impl' }));
    const ok = run(['replay', fixed]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(new RegExp(`^${json.property} no longer fails on impl$`, 'm'));
    const old = join(dir, 'old.json');
    writeFileSync(old, JSON.stringify({ ...json, targetSpec: undefined }));
    const before = run(['replay', old]);
    expect(before.code).toBe(0);
    expect(before.stdout).toContain('model and impl agree');
  });

  it('a failure file whose adapter is gone, or --target naming a missing adapter: one line on stderr, exit 2', () => {
    const json = JSON.parse(readFileSync(made.mutant!, 'utf8'));
    const gone = join(dir, 'gone.json');
    writeFileSync(gone, JSON.stringify({ ...json, target: 'mine', targetSpec: join(dir, 'no-such-adapter.ts') }));
    for (const args of [
      ['replay', gone],
      ['replay', made.mutant!, '--target', './no-such-adapter.ts'],
    ]) {
      const r = run(args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^loopcheck: .*no-such-adapter\.ts/);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('conformance with a user adapter: its failures and its crashes, pasted from another directory (exit 1)', () => {
    const out = join(dir, 'conformance');
    const r = run([
      'conformance',
      '--targets',
      './conformance/fixtures/late-end-adapter.ts',
      '--profile',
      'seed',
      '--runs',
      '6',
      '--seed',
      '1',
      '--out',
      out,
    ]);
    const lines = printedReplays(r.stdout);
    expect(lines.some((l) => l[1]!.includes(`${join('issues', '')}`))).toBe(true); // a crash issue
    expect(lines.some((l) => !l[1]!.includes(join('issues', '')))).toBe(true); // a property failure
    // one line of each kind is pasted (each paste starts the adapter's own process); the Markdown check below
    // covers that every printed line is the same command
    const crash = lines.find((l) => l[1]!.includes(join('issues', '')))!;
    const failure = lines.find((l) => !l[1]!.includes(join('issues', '')))!;
    for (const line of [crash, failure]) expectReproduces(line, 'late-end-adapter', dir);
    // The Markdown report prints the same commands.
    const markdown = [...readFileSync(join(out, 'conformance.md'), 'utf8').matchAll(/`(loopcheck replay [^`]+)`/g)].map(
      (m) => shellWords(m[1]!).slice(1),
    );
    expect(markdown.map((l) => l.join(' ')).sort()).toEqual(lines.map((l) => l.join(' ')).sort());
    made.adapter = lines.find((l) => !l[1]!.includes(join('issues', '')))![1];
  });

  it('explore on a mutant: the line re-judges the failure (exit 1)', () => {
    const r = run([
      'explore',
      '--children',
      '2',
      '--mutant',
      'no-sibling-cancel',
      '--failures-dir',
      join(dir, 'explore'),
    ]);
    expect(r.code).toBe(1);
    const lines = printedReplays(r.stdout);
    expect(lines).toHaveLength(1);
    expectReproduces(lines[0]!, 'mutant:no-sibling-cancel');
  });
});

describe('--emit-test writes a test that re-judges the recorded property on the recorded target', () => {
  it('fails for a mutant, a runtime and an adapter failure; passes for the same scenario on impl, and for a plain scenario', () => {
    const emitted = join(root, 'reports', 'out', 'emitted-replay');
    rmSync(emitted, { recursive: true, force: true });
    mkdirSync(emitted, { recursive: true });
    writeFileSync(
      join(emitted, 'vitest.config.mjs'),
      // one worker thread that loads loopcheck once for the five files (each file asserts its own verdict below)
      "export default { test: { include: ['*.test.ts'], testTimeout: 60000, pool: 'threads', isolate: false, maxWorkers: 1 } };\n",
    );
    const mutant = JSON.parse(readFileSync(made.mutant!, 'utf8'));
    const onImpl = join(dir, 'on-impl.json');
    writeFileSync(onImpl, JSON.stringify({ ...mutant, target: 'impl', targetSpec: 'impl' }));
    // CPython's siblings keep running when one raises: it fails seed's sibling cancellation (shared/semantics.md).
    const cpython = join(dir, 'cpython.json');
    const scenario = JSON.parse(readFileSync(join(root, 'examples', 'scenarios', 'sibling-cancel.json'), 'utf8'));
    writeFileSync(
      cpython,
      JSON.stringify({
        loopcheck: 1,
        kind: 'failure',
        property: 'sibling-cancellation',
        target: 'cpython',
        targetSpec: 'cpython',
        profile: 'seed',
        seed: 0,
        path: '',
        scenario,
        message: '',
        observed: null,
      }),
    );
    const cases: Array<[string, string, number]> = [
      ['mutant', made.mutant!, 1],
      ['impl', onImpl, 0],
      ['cpython', cpython, 1],
      ['adapter', made.adapter!, 1],
      ['scenario', join(root, 'examples', 'scenarios', 'sibling-cancel.json'), 0], // its differential, on impl
    ];
    for (const [name, file, code] of cases) {
      const r = run(['replay', file, '--emit-test', join(emitted, `${name}.test.ts`)]);
      expect(r.code, `${name}: ${r.stderr}`).toBe(code);
      expect(existsSync(join(emitted, `${name}.test.ts`))).toBe(true);
    }
    // failed on its assertion (the property's violation), not on a broken import or a crash
    const status = emittedTestVerdicts(emitted, root);
    expect(status).toEqual({
      mutant: 'violated',
      impl: 'passed',
      cpython: 'violated',
      adapter: 'violated',
      scenario: 'passed',
    });
  });
});
