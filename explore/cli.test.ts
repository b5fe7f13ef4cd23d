// `loopcheck explore` end to end: the certificate as JSON, shards merged by `explore merge`, exit 1 and a replayable
// file for a mutant, one-line errors and exit 2 on bad flags and bad shard sets.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { registerExplore } from '../cli/commands/explore.ts';
import { createProgram, runProgram } from '../cli/program.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = mkdtempSync(join(tmpdir(), 'loopcheck-explore-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const FULL = process.env.LOOPCHECK_FULL === '1';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The real command, spawned. */
function loopcheck(...args: string[]): Run {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'loopcheck.js'), ...args], { cwd: root, encoding: 'utf8', timeout: 600_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The explore command in this process (same program settings as bin/loopcheck.js, no start-up cost). */
async function inProcess(...args: string[]): Promise<Run> {
  const program = createProgram();
  registerExplore(program);
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  const saved = process.exitCode;
  process.exitCode = 0;
  process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += String(chunk)), true)) as typeof process.stderr.write;
  try {
    await runProgram(program, [process.execPath, 'loopcheck', ...args]);
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
  const status = typeof process.exitCode === 'number' ? process.exitCode : 0;
  process.exitCode = saved;
  return { status, stdout, stderr };
}

/** The counts a merge must reproduce. */
function counts(json: string): unknown {
  const c = JSON.parse(json);
  return [c.bound, c.scenarios, c.ranOnModel, c.ranOnLoop, c.distinctTraces, c.properties, c.complete, c.failures, c.covers];
}

describe('loopcheck explore', () => {
  it('--json prints the certificate and exits 0 when every property holds; every scenario ran on the loop', () => {
    const r = loopcheck('explore', '--children', '1', '--json', '--workers', '1', '--failures-dir', dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const c = JSON.parse(r.stdout);
    expect(c.bound).toBe(1);
    expect(c.failures).toEqual([]);
    expect(c.ranOnLoop).toBe(c.scenarios);
    expect(c.ranOnModel).toBeLessThanOrEqual(c.scenarios);
    expect(c.distinctTraces).toBeGreaterThan(0);
    expect(c.properties.every((p: { held: boolean; engaged: number }) => p.held && typeof p.engaged === 'number')).toBe(true);
    expect(c.traceHashes).toBeUndefined();
  });

  it('--shard i/3 for i = 1..3, merged by `explore merge`, equals the unsharded certificate (N = 1)', async () => {
    const unsharded = await inProcess('explore', '--children', '1', '--json', '--workers', '1', '--failures-dir', dir);
    const files: string[] = [];
    for (const i of [1, 2, 3]) {
      const r = await inProcess('explore', '--children', '1', '--shard', `${i}/3`, '--json', '--workers', '1', '--failures-dir', dir);
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout).shard).toEqual({ index: i, count: 3 });
      files.push(join(dir, `n1-${i}.json`));
      writeFileSync(files.at(-1)!, r.stdout);
    }
    const merged = await inProcess('explore', 'merge', ...files, '--json');
    expect(merged.stderr).toBe('');
    expect(merged.status).toBe(0);
    expect(counts(merged.stdout)).toEqual(counts(unsharded.stdout));
    expect(JSON.parse(merged.stdout).shards).toBe(3);
    const text = await inProcess('explore', 'merge', ...files.reverse());
    expect(text.stdout).toMatch(/certificate: every property holds/);
    expect(text.stdout).toMatch(/3 shards merged/);
  });

  it.runIf(FULL)('N = 2 and N = 3: --shard i/3 (two workers each) merged equals the unsharded certificate', () => {
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
  }, 1_800_000);

  it('--mutant makes it fail (exit 1) with a replay file that replays the failure', () => {
    const r = loopcheck('explore', '--children', '2', '--mutant', 'no-sibling-cancel', '--failures-dir', dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/FAILED \S+ on mutant:no-sibling-cancel/);
    const file = /replay:\s+loopcheck replay (\S+)/.exec(r.stdout)?.[1];
    expect(file !== undefined && existsSync(file)).toBe(true);
    const replay = loopcheck('replay', file!, '--target', 'mutant:no-sibling-cancel');
    expect(replay.status).toBe(1);
  });

  it('bad flags, spawned: one line on stderr, exit 2', () => {
    for (const args of [['--shard', '0/3'], ['--frobnicate']]) {
      const r = loopcheck('explore', ...args);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stdout).toBe('');
    }
  });

  it('bad flags and bad shard sets: one line on stderr, exit 2', async () => {
    const shard = (i: number, n: number): string => {
      const file = join(dir, `bad-${i}-${n}.json`);
      return file;
    };
    for (const [i, n] of [[1, 2], [2, 2], [1, 3]] as const) {
      const r = await inProcess('explore', '--children', '0', '--shard', `${i}/${n}`, '--json', '--workers', '1', '--failures-dir', dir);
      writeFileSync(shard(i, n), r.stdout);
    }
    const other = join(dir, 'other-bound.json');
    writeFileSync(other, (await inProcess('explore', '--children', '1', '--shard', '2/2', '--json', '--workers', '1', '--failures-dir', dir)).stdout);
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
    ];
    for (const [args, message] of cases) {
      const r = await inProcess(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stdout).toBe('');
    }
    const whole = await inProcess('explore', 'merge', shard(1, 2), shard(2, 2));
    expect(whole.status).toBe(0);
  });
});
