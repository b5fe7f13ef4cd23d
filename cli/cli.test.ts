// The CLI as users run it: check and replay on good input, failures, disagreements, and bad input (exit 2); run in one
// warm thread (test/run-cli.ts), and once as the real bin/loopcheck.js process.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../test/run-cli.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'loopcheck-cli-'));
const example = (name: string): string => join(root, 'examples', 'scenarios', `${name}.json`);

function loopcheck(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = runCli(args, { LOOPCHECK_RUNS: '', LOOPCHECK_SEED: '' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('loopcheck check', () => {
  it('runs every property on model and impl, prints the table, exits 0', () => {
    const r = loopcheck(
      'check',
      '--runs',
      '15',
      '--seed',
      '7',
      '--failures-dir',
      dir,
      '--junit',
      join(dir, 'junit', 'deeper', 'ok.xml'),
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const p of [
      'order-preservation',
      'max-not-sum',
      'first-exception',
      'sibling-cancellation',
      'return-exceptions',
      'cancellation-propagation',
      'task-identity',
      'empty-gather',
      'nothing-lost',
      'determinism',
    ]) {
      // property, target, runs, engaged (runs that reached the property's comparison), result
      expect(r.stdout).toMatch(new RegExp(`${p}\\s+model\\s+15\\s+\\d+\\s+ok`));
      expect(r.stdout).toMatch(new RegExp(`${p}\\s+impl\\s+15\\s+\\d+\\s+ok`));
    }
    expect(r.stdout).toMatch(/differential\s+impl\s+15\s+15\s+ok/);
    expect(r.stdout).toMatch(/property\s+target\s+runs\s+engaged\s+result/);
    expect(r.stdout).toContain('seed 7');
    // the seed properties on model and impl (the differentials skipped on model): 40 test cases; the format 2 properties are
    // in the default table (under seed its generators write format 2 too)
    expect(readFileSync(join(dir, 'junit', 'deeper', 'ok.xml'), 'utf8')).toMatch(
      /<testsuites name="loopcheck" tests="40" failures="0">/,
    );
    expect(r.stdout).toMatch(/await-result\s+impl\s+15\s+\d+\s+ok/);
  });

  it('--profile cpython judges the model under that profile (its own properties run, seed-only ones do not) and refuses impl', () => {
    const r = loopcheck(
      'check',
      '--profile',
      'cpython',
      '--target',
      'model',
      '--runs',
      '15',
      '--seed',
      '7',
      '--failures-dir',
      dir,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/siblings-keep-running\s+model\s+15\s+\d+ of \d+\s+ok/); // its format 1 cases only
    expect(r.stdout).toMatch(/awaiter-cancel-timing\s+model\s+15\s+\d+ of \d+\s+ok/);
    // and the line under the table (its `*`) says how many format 2 cases each did not judge (not in its `formats`)
    const [, judged, unjudged] =
      r.stdout.match(/\* siblings-keep-running on model: engaged \d+ of (\d+)\b.*?(\d+) format 2 cases? not judged/) ??
      [];
    expect(Number(judged) + Number(unjudged)).toBe(15);
    expect(r.stdout).not.toMatch(/sibling-cancellation/);
    const refused = loopcheck('check', '--profile', 'cpython');
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toContain('implements the seed profile only');
  });

  it('check --profile micropython takes a mutant of that profile: cancel-through-chain kills the G6m one; seed refuses it', () => {
    const mutant = 'mutant:micropython-gather-cancel-lost';
    const r = loopcheck(
      'check',
      '--profile',
      'micropython',
      '--target',
      mutant,
      '--property',
      'cancel-through-chain',
      '--runs',
      '20',
      '--failures-dir',
      dir,
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^cancel-through-chain failed on mutant:micropython-gather-cancel-lost: .*\(G6m\)/m);
    const refused = loopcheck('check', '--target', mutant);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toContain('is the model under profile micropython');
    const explore = loopcheck('explore', '--mutant', 'micropython-gather-cancel-lost');
    expect(explore.code).toBe(2);
    expect(explore.stderr.trim().split('\n')).toHaveLength(1);
    expect(explore.stderr).toContain("explore runs the loop's seed scenarios");
  });

  const failing = loopcheck(
    'check',
    '--target',
    'mutant:completion-order',
    '--property',
    'order-preservation,differential',
    '--runs',
    '100',
    '--seed',
    '1729',
    '--failures-dir',
    dir,
    '--json',
    '--junit',
    join(dir, 'fail.xml'),
  );
  const file = join(dir, 'order-preservation-mutant_completion-order.json');

  it('on a broken loop: exit 1, JSON results, a replay file per failure, JUnit failures', () => {
    expect(failing.code).toBe(1);
    const json = JSON.parse(failing.stdout);
    expect(json.ok).toBe(false);
    expect(json.results.map((r: { property: string; status: string }) => `${r.property}:${r.status}`)).toEqual([
      'order-preservation:failed',
      'differential:failed',
    ]);
    for (const r of json.results) expect(r.engaged).toBeGreaterThan(0);
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file.replace(/\.json$/, '.svg'), 'utf8')).toMatch(/^<svg/);
    expect(readFileSync(file.replace(/\.json$/, '.txt'), 'utf8')).toMatch(/awaiter/);
    expect(readFileSync(join(dir, 'fail.xml'), 'utf8')).toContain('<failure message=');
  });

  it('replay re-judges the saved failure on the broken target; --target both compares the real targets, which agree', () => {
    const bad = loopcheck('replay', file);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^order-preservation still fails on mutant:completion-order: /m);
    const both = loopcheck('replay', file, '--target', 'both');
    expect(both.code).toBe(0);
    expect(both.stdout).toContain('model and impl agree');
    expect(both.stdout).toContain('failure file: order-preservation on mutant:completion-order');
  });
});

describe('loopcheck replay', () => {
  it('shows the seed example on both targets side by side; --json gives both outcomes', () => {
    const r = loopcheck('replay', example('seed-gather'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/awaiter\s+returned \["a","b","c"\] @200/);
    expect(r.stdout).toContain('traces agree');
    const j = loopcheck('replay', example('awaiter-cancel'), '--json');
    expect(j.code).toBe(0);
    const json = JSON.parse(j.stdout);
    expect(json.agree).toBe(true);
    expect(json.outcomes.model).toEqual(json.outcomes.impl);
    expect(json.outcomes.impl.awaiter.status).toBe('cancelled');
  });

  it('marks the first divergence and exits 1 when two targets disagree', () => {
    const r = loopcheck('replay', example('seed-gather'), '--target', 'model,mutant:sequential');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^\s+>>\s+\d+ /m);
    expect(r.stdout).toContain('DISAGREE');
  });
});

describe('loopcheck replay of a runtime profile', () => {
  it('compares the model under that profile with the runtime itself by default, not with the seed loop', () => {
    const scenario = JSON.parse(readFileSync(example('sibling-cancel'), 'utf8'));
    const file = join(dir, 'cpython-sibling.json');
    writeFileSync(file, JSON.stringify({ ...scenario, profile: 'cpython' }));
    const r = loopcheck('replay', file, '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json.outcomes)).toEqual(['model', 'cpython']);
    expect(json.outcomes.cpython.children.slow.status).toBe('returned');
  });
});

describe('loopcheck replay pictures and regression tests', () => {
  it('draws an SVG timeline, prints the ASCII one, and emits a regression test (run in cli/replay-lines.test.ts)', () => {
    const svg = join(dir, 'pictures', 'timeline.svg');
    const testFile = join(root, 'reports', 'out', 'emitted', 'sibling-cancel.test.ts');
    const r = loopcheck('replay', example('sibling-cancel'), '--timeline', svg, '--emit-test', testFile);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/timeline:\n/);
    expect(r.stdout).toMatch(/^ slow\s+model \|.*X.*\| cancelled$/m);
    const picture = readFileSync(svg, 'utf8');
    expect(picture.startsWith('<svg')).toBe(true);
    expect(picture).toContain('slow');
    const source = readFileSync(testFile, 'utf8');
    expect(source).toContain('property: "differential",');
    expect(source).toContain('targetSpec: "impl",');
  });
});

describe('bad input: one line on stderr, exit 2', () => {
  const invalid = join(dir, 'invalid.json');
  writeFileSync(invalid, JSON.stringify({ loopcheck: 1, children: [{ name: 'a/b', sleeps: [], end: 'hang' }] }));
  const malformed = join(dir, 'malformed.json');
  writeFileSync(malformed, '{"loopcheck": 1,');
  const cases: Array<[string, string[], RegExp]> = [
    ['an unknown flag', ['check', '--frobnicate'], /unknown option '--frobnicate'/],
    ['an unknown target', ['check', '--target', 'model,nope'], /unknown target "nope"/],
    ['a bad run count', ['check', '--runs', '0'], /--runs must be an integer/],
    ['a missing file', ['replay', join(dir, 'missing.json')], /no such file/],
    ['malformed JSON', ['replay', malformed], /not valid JSON/],
    ['an invalid scenario', ['replay', invalid], /invalid scenario: \$\.children\[0\]\.name/],
  ];
  for (const [what, args, message] of cases) {
    it(`rejects ${what}`, () => {
      const r = loopcheck(...args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    });
  }

  // every command's paths go through cli/output-path.ts; a hang (recursive mkdir in /proc) times out in runCli
  const pathCases: Array<[string, string[], RegExp]> = [
    [
      'a missing adapter file in replay',
      ['replay', example('seed-gather'), '--target', './no-such-adapter.ts'],
      /^loopcheck: target module not found: \.\/no-such-adapter\.ts$/,
    ],
    [
      'a --failures-dir that is a file',
      ['check', '--runs', '1', '--failures-dir', malformed],
      /^loopcheck: --failures-dir \S+malformed\.json: is a file, not a folder$/,
    ],
    [
      'a --junit below a file',
      ['check', '--runs', '1', '--junit', join(malformed, 'j.xml')],
      /^loopcheck: --junit \S+j\.xml: \S+malformed\.json is a file, not a folder$/,
    ],
    [
      'a graph --out where no folder can be made (no hang)',
      ['graph', '--runs', '1', '--out', '/proc/loopcheck-nope'],
      /^loopcheck: --out \/proc\/loopcheck-nope: cannot create/,
    ],
  ];
  it(`rejects ${pathCases.map(([what]) => what).join(', ')}`, () => {
    for (const [what, args, message] of pathCases) {
      const r = loopcheck(...args);
      expect({ what, code: r.code, stdout: r.stdout }).toEqual({ what, code: 2, stdout: '' });
      expect(r.stderr.trim()).toMatch(message);
    }
  });
});

describe('bin/loopcheck.js', () => {
  it('is the same command as a process: one line on stderr and exit code 2 for bad input', () => {
    const r = spawnSync(process.execPath, [join(root, 'bin', 'loopcheck.js'), 'check', '--frobnicate'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("loopcheck: unknown option '--frobnicate'\n");
  });
});
