// `loopcheck explore` end to end: the certificate as JSON, exit 1 and a replayable file for a mutant, exit 2 on bad flags.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../test/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'loopcheck-explore-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function loopcheck(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = runCli(args);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('loopcheck explore', () => {
  it('--json prints the certificate and exits 0 when every property holds', () => {
    const r = loopcheck('explore', '--children', '1', '--json', '--failures-dir', dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const c = JSON.parse(r.stdout);
    expect(c.bound).toBe(1);
    expect(c.failures).toEqual([]);
    expect(c.properties.every((p: { held: boolean }) => p.held)).toBe(true);
  });

  it('--mutant makes it fail (exit 1) with a replay file that replays the failure', () => {
    const r = loopcheck('explore', '--children', '2', '--mutant', 'no-sibling-cancel', '--failures-dir', dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/FAILED \S+ on mutant:no-sibling-cancel/);
    const file = /replay:\s+loopcheck replay (\S+)/.exec(r.stdout)?.[1];
    expect(file !== undefined && existsSync(file)).toBe(true);
    const replay = loopcheck('replay', file!, '--target', 'mutant:no-sibling-cancel');
    expect(replay.status).toBe(1);
  });

  it('bad flags: one line on stderr, exit 2', () => {
    for (const args of [['--children', '-1'], ['--mutant', 'no-such-mutant'], ['--frobnicate']]) {
      const r = loopcheck('explore', ...args);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stdout).toBe('');
    }
  });
});
