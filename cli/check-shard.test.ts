// `loopcheck check --shard i/n` and `check merge` end to end: three shards merged equal the unsharded run (counts,
// verdicts, JSON field by field), a mutant's failure merged is the unsharded failure (same replay file, replayed
// alike), and every bad shard flag or shard set is refused with one line on stderr and exit 2.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseShard } from '../explore/shard.ts';
import { runCli } from '../test/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'loopcheck-check-shard-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function loopcheck(...args: string[]): { status: number; stdout: string; stderr: string } {
  return runCli(args, { LOOPCHECK_RUNS: '', LOOPCHECK_SEED: '' });
}

interface Row {
  property: string;
  target: string;
  status: string;
  timeMs?: number;
  failureFile?: string;
  failure?: { path: string };
  shardCases?: unknown;
}

/** The JSON of a check without what differs by nature between runs: times, and where failure files were written. */
function comparable(stdout: string): unknown {
  const json = JSON.parse(stdout) as { results: Row[] };
  return { ...json, results: json.results.map(({ timeMs: _t, failureFile: _f, ...rest }) => rest) };
}

/** Runs `check ARGS` whole and as shards 1..3 (--json each, shard files written), then merges them. */
function wholeAndMerged(name: string, args: string[]) {
  const whole = loopcheck('check', ...args, '--json', '--failures-dir', join(dir, `${name}-whole`));
  const files = [1, 2, 3].map((i) => {
    const r = loopcheck('check', ...args, '--json', '--shard', `${i}/3`, '--failures-dir', join(dir, `${name}-${i}`));
    const file = join(dir, `${name}-shard-${i}.json`);
    writeFileSync(file, r.stdout);
    return { ...r, file };
  });
  const merged = loopcheck(
    'check',
    'merge',
    ...files.map((f) => f.file).reverse(),
    '--json',
    '--failures-dir',
    join(dir, `${name}-merged`),
  );
  return { whole, shards: files, merged };
}

const passing = wholeAndMerged('pass', [
  '--target',
  'model,impl',
  '--property',
  'nothing-lost,order-preservation',
  '--runs',
  '14',
  '--seed',
  '20',
]);

describe('check --shard i/n and check merge', () => {
  it('three shards merged: the unsharded JSON field by field (runs, engaged, statuses, notes), exit 0', () => {
    expect(passing.whole.status).toBe(0);
    for (const s of passing.shards) {
      expect(s.status).toBe(0);
      const json = JSON.parse(s.stdout) as { results: Row[] };
      // a shard runs about a third of each row's cases
      for (const r of json.results) expect((r as unknown as { runs: number }).runs).toBeLessThan(14);
    }
    expect(passing.merged.stderr).toBe('');
    expect(passing.merged.status).toBe(0);
    expect(comparable(passing.merged.stdout)).toEqual(comparable(passing.whole.stdout));
    const merged = JSON.parse(passing.merged.stdout) as Record<string, unknown>;
    expect(merged).not.toHaveProperty('shard');
    expect((merged.results as Row[]).every((r) => r.shardCases === undefined)).toBe(true);
  });

  it('the merged table is the unsharded table (but for the time column)', () => {
    const files = passing.shards.map((s) => s.file);
    // The time column's width follows the times: compare the cells, not the padding (and rule lines by their dashes).
    const table = (out: string) =>
      out
        .replace(/\s+\d+ ms$/gm, '')
        .replace(/-+/g, '-')
        .replace(/[ \t]+/g, ' ')
        .replace(/ $/gm, '');
    const args = ['--target', 'model,impl', '--property', 'nothing-lost,order-preservation', '--runs', '14'];
    const text = loopcheck('check', ...args, '--seed', '20', '--failures-dir', join(dir, 'pass-table'));
    const merged = loopcheck('check', 'merge', ...files, '--failures-dir', join(dir, 'pass-table'));
    expect(text.status).toBe(0);
    expect(merged.status).toBe(0);
    expect(table(merged.stdout)).toBe(table(text.stdout));
    expect(merged.stdout).toMatch(/^all 4 checks passed \(seed 20, 14 runs each\)$/m);
  });

  const failing = wholeAndMerged('fail', [
    '--target',
    'model,mutant:sequential',
    '--property',
    'max-not-sum,cancel-through-chain',
    '--runs',
    '14',
    '--seed',
    '20',
  ]);

  it('a mutant: the merged failures are the unsharded ones (path, shrunk scenario, replay file), exit 1', () => {
    expect(failing.whole.status).toBe(1);
    expect(failing.merged.status).toBe(1);
    expect(comparable(failing.merged.stdout)).toEqual(comparable(failing.whole.stdout));
    const whole = JSON.parse(failing.whole.stdout) as { results: Row[] };
    const failed = whole.results.filter((r) => r.status === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    for (const r of failed) {
      const name = `${r.property}-mutant_sequential.json`;
      const file = join(dir, 'fail-merged', name);
      expect(readFileSync(file, 'utf8')).toBe(readFileSync(join(dir, 'fail-whole', name), 'utf8'));
      expect(existsSync(file.replace(/\.json$/, '.svg'))).toBe(true);
      // The case that failed first belongs to one shard; that shard found the same failure on its own.
      const k = Number(r.failure!.path.split(':')[0]);
      const owner = JSON.parse(failing.shards[k % 3]!.stdout) as { results: Row[] };
      expect(owner.results.find((x) => x.property === r.property && x.target === r.target)!.failure).toEqual(r.failure);
    }
    // The shards also failed on later cases than the unsharded run reaches: the merge reports the first.
    const later = failing.shards.flatMap((s) =>
      (JSON.parse(s.stdout) as { results: Row[] }).results.filter(
        (x) =>
          x.failure !== undefined &&
          failed.some((r) => r.property === x.property && r.failure!.path !== x.failure!.path),
      ),
    );
    expect(later.length).toBeGreaterThan(0);
  });

  it('loopcheck replay of the merged replay file reproduces the failure as the unsharded one does', () => {
    const whole = JSON.parse(failing.whole.stdout) as { results: Row[] };
    const r = whole.results.find((x) => x.status === 'failed')!;
    const name = `${r.property}-mutant_sequential.json`;
    const merged = loopcheck('replay', join(dir, 'fail-merged', name));
    const unsharded = loopcheck('replay', join(dir, 'fail-whole', name));
    expect(merged.status).toBe(1);
    expect(merged.stdout).toMatch(new RegExp(`^${r.property} still fails on mutant:sequential: `, 'm'));
    expect(merged.stdout.replaceAll('fail-merged', 'X')).toBe(unsharded.stdout.replaceAll('fail-whole', 'X'));
  });
});

describe('bad shards: one line on stderr, exit 2', () => {
  it.each(['0/3', '4/3', '1/0', 'x', '1/'])('check --shard %s, with the message explore gives', (raw) => {
    const r = loopcheck('check', '--shard', raw, '--runs', '1');
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(`loopcheck: ${parseShard(raw) as string}`);
  });

  const [s1, s2, s3] = passing.shards.map((s) => s.file) as [string, string, string];
  const json = JSON.parse(readFileSync(s2, 'utf8')) as Record<string, unknown> & { results: Row[] };
  const variant = (name: string, change: (j: typeof json) => unknown): string => {
    const file = join(dir, `${name}.json`);
    writeFileSync(file, JSON.stringify(change(structuredClone(json))));
    return file;
  };
  const notJson = join(dir, 'not.json');
  writeFileSync(notJson, '{"ok": tru');
  const cases: Array<[string, string[], RegExp]> = [
    ['a missing shard', [s1, s3], /^missing shard 2\/3 \(got 2 of 3\)$/],
    ['a shard given twice', [s1, s2, s2, s3], /^shard 2\/3 given twice/],
    [
      'another seed',
      [s1, variant('seed', (j) => ({ ...j, seed: 21 })), s3],
      /seed\.json has seed 21, .*pass-shard-1\.json has seed 20: not shards of one check$/,
    ],
    ['other runs', [s1, variant('runs', (j) => ({ ...j, runs: 15 })), s3], /has runs 15, .* has runs 14: not shards/],
    ['another profile', [s1, variant('profile', (j) => ({ ...j, profile: 'cpython' })), s3], /has profile "cpython"/],
    [
      'other targets',
      [s1, variant('target', (j) => ({ ...j, results: j.results.map((r) => ({ ...r, target: 'impl' })) })), s3],
      /checked other properties or targets/,
    ],
    [
      'other properties',
      [s1, variant('property', (j) => ({ ...j, results: j.results.slice(2) })), s3],
      /checked other properties or targets/,
    ],
    [
      'another shard count',
      [s1, variant('count', (j) => ({ ...j, shard: { index: 2, count: 4 } })), s3],
      /is shard 2\/4, .* is shard 1\/3: different shard counts/,
    ],
    [
      'an unsharded check',
      [s1, variant('whole', ({ shard: _s, ...j }) => j), s3],
      /is not a check shard result \(expected the output of loopcheck check --shard i\/n --json\)/,
    ],
    [
      'an explore result',
      [s1, variant('explore', () => ({ version: '0.1.0', bound: 1, shard: { index: 2, count: 3 } })), s3],
      /is not a check shard result/,
    ],
    [
      'an interrupted shard',
      [s1, variant('interrupted', (j) => ({ ...j, interrupted: true })), s3],
      /interrupted run \(SIGINT\)/,
    ],
    ['not JSON', [s1, notJson, s3], /not\.json is not JSON/],
    ['a missing file', [s1, join(dir, 'nope.json'), s3], /^cannot read .*nope\.json: ENOENT$/],
  ];
  it.each(cases)('check merge of %s', (_name, files, message) => {
    const r = loopcheck('check', 'merge', ...files, '--failures-dir', join(dir, 'refused'));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.replace(/^loopcheck: /, '')).toMatch(message);
  });
});
