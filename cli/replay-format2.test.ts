// `loopcheck replay` on format 2 scenario files (docs/rules.md §4b): model and loop agree; bad input is one line, exit 2.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../test/run-cli.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'loopcheck-format2-'));

function loopcheck(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = runCli(args, { LOOPCHECK_RUNS: '', LOOPCHECK_SEED: '' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('loopcheck replay FILE (format 2)', () => {
  const files = readdirSync(join(root, 'examples', 'scenarios')).filter((f) => f.startsWith('format2-'));
  it('replays every format 2 example green: model and impl agree', () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const f of files) {
      const r = loopcheck('replay', join(root, 'examples', 'scenarios', f));
      expect(r.code, `${f}: ${r.stderr}`).toBe(0);
      expect(r.stdout).toContain('model and impl agree');
    }
  });
  it('--json gives both outcomes', () => {
    const r = loopcheck('replay', join(root, 'examples', 'scenarios', 'format2-shield.json'), '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { ok: boolean; agree: boolean; outcomes: Record<string, unknown> };
    expect(out).toMatchObject({ ok: true, agree: true });
    expect(Object.keys(out.outcomes)).toEqual(['model', 'impl']);
  });
  it('--timeline writes the SVG and prints the ASCII timeline with the awaits and deadlines', () => {
    const svg = join(dir, 'timeout.svg');
    const r = loopcheck('replay', join(root, 'examples', 'scenarios', 'format2-timeout.json'), '--timeline', svg);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(svg, 'utf8')).toContain('class="await-arrow"');
    expect(r.stdout).toContain('model w → w/h');
    expect(r.stdout).toContain('T deadline t=20');
    expect(r.stdout).toContain(`timeline written to ${svg}`);
  });
  it('an invalid format 2 file, or a construct micropython lacks (F2m): one line on stderr, exit 2', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ loopcheck: 2, children: [{ name: 'a', steps: [{ await: 'x' }] }] }));
    const r = loopcheck('replay', bad);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('children[0].steps[0].await: "x" names no task of the scenario');
    const micropython = join(dir, 'micropython.json');
    writeFileSync(
      micropython,
      JSON.stringify({
        loopcheck: 2,
        profile: 'micropython',
        children: [
          { name: 'a', task: true, steps: [{ sleep: 1 }, { return: 1 }] },
          { name: 'b', steps: [{ shield: 'a' }] },
        ],
        args: ['b'],
      }),
    );
    const c = loopcheck('replay', micropython);
    expect(c.code).toBe(2);
    expect(c.stderr.trim().split('\n')).toHaveLength(1);
    expect(c.stderr).toContain('profile micropython has no shield');
  });
});
