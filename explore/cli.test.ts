import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { formatCertificate } from '../cli/commands/explore.ts';
import { runCli } from '../test/run-cli.ts';
import { interruptCli } from '../test/interrupt-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'loopcheck-explore-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const FULL = process.env.LOOPCHECK_FULL === '1';
const root = fileURLToPath(new URL('..', import.meta.url));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `loopcheck ARGS` in the warm CLI thread (test/run-cli.ts), as spawned. */
function loopcheck(...args: string[]): Run {
  const r = runCli(args, {}, FULL ? 1_800_000 : 60_000);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The counts a merge must reproduce. */
function counts(json: string): unknown {
  const c = JSON.parse(json);
  return [
    c.bound,
    c.scenarios,
    c.ranOnModel,
    c.ranOnLoop,
    c.distinctTraces,
    c.properties,
    c.complete,
    c.failures,
    c.covers,
  ];
}

/** The unsharded N = 1 run, made once for the two tests that read it (the first one to ask runs it). */
let n1: Run | undefined;
const unshardedN1 = (): Run =>
  (n1 ??= loopcheck('explore', '--children', '1', '--json', '--workers', '1', '--failures-dir', dir));

/** Shard i/3 of N = 1, run once: the merge test merges the three, the bad-shard-set test takes one of another bound. */
const n1Shards = new Map<number, { run: Run; file: string }>();
function shardN1(i: number): { run: Run; file: string } {
  let shard = n1Shards.get(i);
  if (shard === undefined) {
    const run = loopcheck(
      'explore',
      '--children',
      '1',
      '--shard',
      `${i}/3`,
      '--json',
      '--workers',
      '1',
      '--failures-dir',
      dir,
    );
    const file = join(dir, `n1-${i}.json`);
    writeFileSync(file, run.stdout);
    shard = { run, file };
    n1Shards.set(i, shard);
  }
  return shard;
}

describe('loopcheck explore', () => {
  it('--json prints the certificate and exits 0 when every property holds; every scenario ran on the loop', () => {
    const r = unshardedN1();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const c = JSON.parse(r.stdout);
    expect(c.bound).toBe(1);
    expect(c.failures).toEqual([]);
    expect(c.ranOnLoop).toBe(c.scenarios);
    expect(c.ranOnModel).toBeLessThanOrEqual(c.scenarios);
    expect(c.distinctTraces).toBeGreaterThan(0);
    expect(c.properties.every((p: { held: boolean; engaged: number }) => p.held && typeof p.engaged === 'number')).toBe(
      true,
    );
    expect(c.traceHashes).toBeUndefined();
  });

  it('--shard i/3 for i = 1..3, merged by `explore merge`, equals the unsharded certificate (N = 1)', () => {
    const unsharded = unshardedN1();
    expect(unsharded.status).toBe(0);
    const files: string[] = [];
    for (const i of [1, 2, 3]) {
      const { run: r, file } = shardN1(i);
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout).shard).toEqual({ index: i, count: 3 });
      files.push(file);
    }
    const merged = loopcheck('explore', 'merge', ...files, '--json');
    expect(merged.stderr).toBe('');
    expect(merged.status).toBe(0);
    expect(counts(merged.stdout)).toEqual(counts(unsharded.stdout));
    expect(JSON.parse(merged.stdout).shards).toBe(3);
    const text = loopcheck('explore', 'merge', ...files.reverse());
    expect(text.stdout).toMatch(/certificate: every property holds/);
    expect(text.stdout).toMatch(/3 shards merged/);
  });

  it.runIf(FULL)(
    'N = 2 and N = 3: --shard i/3 (two workers each) merged equals the unsharded certificate',
    () => {
      for (const n of ['2', '3']) {
        const unsharded = loopcheck('explore', '--children', n, '--json', '--failures-dir', dir);
        expect(unsharded.status).toBe(0);
        const files = [1, 2, 3].map((i) => {
          const r = loopcheck('explore', '--children', n, '--shard', `${i}/3`, '--json', '--failures-dir', dir);
          expect(r.status).toBe(0);
          const file = join(dir, `n${n}-${i}.json`);
          writeFileSync(file, r.stdout);
          return file;
        });
        const merged = loopcheck('explore', 'merge', ...files, '--json');
        expect(merged.status).toBe(0);
        expect(counts(merged.stdout)).toEqual(counts(unsharded.stdout));
        expect(JSON.parse(merged.stdout).ranOnLoop).toBe(JSON.parse(merged.stdout).scenarios);
      }
    },
    1_800_000,
  );

  it('--mutant makes it fail (exit 1) with a replay file that replays the failure', () => {
    // one worker thread (--workers 1); cli/replay-lines.test.ts runs the same command on its default two workers
    const r = loopcheck(
      'explore',
      '--children',
      '2',
      '--mutant',
      'no-sibling-cancel',
      '--workers',
      '1',
      '--failures-dir',
      dir,
    );
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/FAILED \S+ on mutant:no-sibling-cancel/);
    const file = /replay:\s+loopcheck replay (\S+)/.exec(r.stdout)?.[1];
    expect(file !== undefined && existsSync(file)).toBe(true);
    const replay = loopcheck('replay', file!, '--target', 'mutant:no-sibling-cancel');
    expect(replay.status).toBe(1);
  });

  it('bad flags and bad shard sets: one line on stderr, exit 2', () => {
    const shard = (i: number, n: number): string => {
      const file = join(dir, `bad-${i}-${n}.json`);
      return file;
    };
    for (const [i, n] of [
      [1, 2],
      [2, 2],
      [1, 3],
    ] as const) {
      const r = loopcheck(
        'explore',
        '--children',
        '0',
        '--shard',
        `${i}/${n}`,
        '--json',
        '--workers',
        '1',
        '--failures-dir',
        dir,
      );
      writeFileSync(shard(i, n), r.stdout);
    }
    // a shard of N = 1 (bound is checked before the shard count: explore/merge.ts)
    const other = shardN1(2).file;
    const garbage = join(dir, 'garbage.json');
    writeFileSync(garbage, '{"hello": 1}');
    const cases: Array<[string[], RegExp]> = [
      [['explore', '--shard', '0/3'], /1 ≤ i ≤ n/],
      [['explore', '--shard', '4/3'], /1 ≤ i ≤ n/],
      [['explore', '--shard', 'x'], /i\/n/],
      [['explore', '--shard', '1/0'], /n ≥ 1/],
      [['explore', '--workers', '0'], /--workers/],
      [['explore', '--workers', '100000'], /at most/],
      [['explore', '--children', '-1'], /--children/],
      [['explore', '--children', '5'], /--shard/],
      [['explore', '--children', '6', '--shard', '1/9'], /at most 5/],
      [['explore', '--mutant', 'no-such-mutant'], /unknown mutant/],
      [['explore', 'merge', shard(1, 2)], /missing shard 2\/2/],
      [['explore', 'merge', shard(1, 2), shard(1, 2), shard(2, 2)], /given twice/],
      [['explore', 'merge', shard(1, 2), shard(1, 3)], /shard counts/],
      [['explore', 'merge', shard(1, 2), other], /bound/],
      [['explore', 'merge', garbage], /not a shard result/],
      [['explore', 'merge', join(dir, 'no-such-file.json')], /cannot read/],
      [['explore', 'merge'], /files/],
      [['explore', '--frobnicate'], /frobnicate/],
    ];
    for (const [args, message] of cases) {
      const r = loopcheck(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stdout).toBe('');
    }
    const whole = loopcheck('explore', 'merge', shard(1, 2), shard(2, 2));
    expect(whole.status).toBe(0);
  });
});

describe('loopcheck explore on SIGINT', () => {
  it('stops its workers, prints the partial result marked interrupted and exits 130; merge refuses it', async () => {
    // One worker thread on shard 1/2 of N = 4 (~290,000 scenarios): the run is far from its end when the signal comes,
    // after the first progress line with a count (LOOPCHECK_PROGRESS=always: progress although stderr is a pipe).
    const { code, signal, stdout, stderr } = await interruptCli(
      root,
      ['explore', '--children', '4', '--shard', '1/2', '--workers', '1', '--json', '--failures-dir', dir],
      /[1-9]\d* scenarios \|/,
    );
    expect({ code, signal, stderr: stderr.slice(-500) }).toMatchObject({ code: 130, signal: null });
    const partial = JSON.parse(stdout);
    expect(partial).toMatchObject({ interrupted: true, complete: false, bound: 4, shard: { index: 1, count: 2 } });
    const shown = Number(/([1-9]\d*) scenarios \|/.exec(stderr)![1]);
    expect(partial.scenarios).toBeGreaterThanOrEqual(shown); // at least what the progress line counted…
    expect(partial.scenarios).toBeLessThan(200_000); // …and far from the shard's end
    expect(partial.ranOnLoop).toBe(partial.scenarios);
    const text = formatCertificate(partial);
    expect(text).toContain(`scenarios        ${partial.scenarios} (interrupted: SIGINT)`);
    expect(text).toMatch(/^interrupted \(SIGINT\): every property held on the \d+ scenarios explored; no certificate/m);
    expect(text).not.toContain('certificate: every property holds');

    const file = join(dir, 'interrupted-1-2.json');
    writeFileSync(file, stdout);
    const merged = loopcheck('explore', 'merge', file);
    expect(merged.status).toBe(2);
    expect(merged.stderr).toMatch(/is an interrupted run \(SIGINT\).*run that shard again/);
  }, 120_000);
});
