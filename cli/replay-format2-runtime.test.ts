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
  it('under profile micropython: the runtime’s outcome is one the model allows, exit 0', () => {
    const r = runCli(['replay', withProfile('b-self-cancel', 'micropython'), '--target', 'model,micropython'], {});
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('s        raised RuntimeError @0');
    expect(r.stdout).toContain("micropython's outcome is one the model allows under profile micropython");
  });
  it('under profile seed: MicroPython differs (T4f-m), exit 1', () => {
    const r = runCli(['replay', withProfile('b-self-cancel', 'seed'), '--target', 'micropython'], {});
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('micropython DIFFERS from the model under profile seed');
  });
  it('an unknown target: one line, exit 2', () => {
    const r = runCli(['replay', withProfile('b-self-cancel', 'seed'), '--target', 'model,nosuch'], {});
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('a format 2 scenario replays on model, impl, both, or a runtime target');
  });
});
