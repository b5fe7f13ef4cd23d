// `loopcheck replay FILE --target model,micropython` on format 2 (docs/rules.md §4b, §7): the model under the file's
// profile against the runtime, outcomes compared; a difference exits 1; an unknown target is a usage error.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../test/run-cli.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'loopcheck-format2-runtime-'));

function withProfile(example: string, profile: string): string {
  const json = JSON.parse(readFileSync(join(root, 'examples', 'scenarios', `format2-${example}.json`), 'utf8'));
  const file = join(dir, `${example}-${profile}.json`);
  writeFileSync(file, JSON.stringify({ ...json, profile }));
  return file;
}

describe('loopcheck replay FILE --target model,micropython (format 2)', () => {
  it('under profile micropython: the model and the runtime agree, exit 0', () => {
    const r = runCli(['replay', withProfile('b-self-cancel', 'micropython'), '--target', 'model,micropython'], {});
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('s        raised RuntimeError @0');
    expect(r.stdout).toContain('model(micropython) and micropython agree');
  });
  it('a seed file on micropython: compared with the model under micropython’s own profile (T4f-m), exit 0', () => {
    const r = runCli(['replay', withProfile('b-self-cancel', 'seed'), '--target', 'micropython'], {});
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('s        raised RuntimeError @0');
    expect(r.stdout).toContain('model(micropython) and micropython agree');
  });
  it('a scenario its profile refuses (F2m) or its runtime cannot run: one line, exit 2, never a difference', () => {
    for (const example of ['a-same-coroutine-twice', 'shield']) {
      const r = runCli(
        ['replay', join(root, 'examples', 'scenarios', `format2-${example}.json`), '--target', 'micropython'],
        {},
      );
      expect(r.status, r.stdout).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(
        /micropython cannot run .* under its profile micropython: \$\.\S+: profile micropython has no .*F2m/,
      );
    }
  });
  it('an unknown target: one line, exit 2', () => {
    const r = runCli(['replay', withProfile('b-self-cancel', 'seed'), '--target', 'model,nosuch'], {});
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('unknown target "nosuch"');
  });
});
