// `loopcheck replay` on format 2 scenario files (docs/rules.md §4b): model and loop agree; bad input is one line, exit 2;
// failure and regression files of format 2 replay, and --emit-test / --record-expectation take them.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../test/run-cli.ts';
import { emittedTestVerdicts } from '../test/emitted-tests.ts';
import type fc from 'fast-check';
import { checkPropertySync, describeFailure } from '../properties/checker.ts';
import { findProperty } from '../properties/rules/index.ts';
import { MUTANTS, mutantRunner } from '../properties/mutants/index.ts';
import { modelRunner } from '../properties/runners.ts';
import { awaitChainArb } from '../properties/arbitraries/await-chain.ts';
import type { Scenario } from '../model/scenario-types.ts';

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

describe('loopcheck replay of format 2 failure and regression files, --emit-test, --record-expectation', () => {
  // a real failure file: cancel-through-chain checked on the zoo's cancel-not-forwarded over the await-chain family
  const failures = join(dir, 'failures');
  const checked = checkPropertySync(
    findProperty('cancel-through-chain')!,
    mutantRunner(MUTANTS.find((m) => m.name === 'cancel-not-forwarded')!),
    {
      runs: 100,
      seed: 1,
      arbitrary: awaitChainArb as unknown as fc.Arbitrary<Scenario>,
      reference: modelRunner,
      failuresDir: failures,
    },
  );
  const failure = checked.failureFile!;
  const onImpl = join(dir, 'on-impl.json');

  it('a format 2 failure file, its printed replay line pasted, is judged again on its target: still fails on the mutant (exit 1), no longer on impl (exit 0)', () => {
    expect(checked.status).toBe('failed');
    const json = JSON.parse(readFileSync(failure, 'utf8'));
    expect(json.scenario.loopcheck).toBe(2);
    // the line describeFailure prints (as check does), pasted
    const printed = describeFailure(checked).match(/replay: loopcheck (replay .*)$/m)![1]!;
    const r = loopcheck(...printed.split(' '));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^cancel-through-chain still fails on mutant:cancel-not-forwarded: .*\(G6\)/m);
    writeFileSync(onImpl, JSON.stringify({ ...json, target: 'impl', targetSpec: 'impl' }));
    const ok = loopcheck('replay', onImpl);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^cancel-through-chain no longer fails on impl$/m);
  });

  it("--record-expectation writes the model's outcome under seed only; the regression file replays, and a changed expectation fails", () => {
    const regression = join(dir, 'regression.json');
    const r = loopcheck(
      'replay',
      join(root, 'examples', 'scenarios', 'format2-timeout.json'),
      '--record-expectation',
      regression,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`expectation recorded in ${regression} (the model under seed)`);
    const record = JSON.parse(readFileSync(regression, 'utf8'));
    expect(record).toMatchObject({ kind: 'regression', scenario: { loopcheck: 2 } });
    expect(Object.keys(record.expected)).toEqual(['seed']);
    const again = loopcheck('replay', regression);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('the model gives the recorded outcome under seed');
    const wrong = join(dir, 'wrong.json');
    record.expected.seed.end += 1;
    writeFileSync(wrong, JSON.stringify(record));
    const changed = loopcheck('replay', wrong);
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain('the model no longer gives the recorded outcome: seed: ');
    // re-recorded from the regression file itself (format 2 travels in the record)
    const rerecorded = loopcheck('replay', wrong, '--record-expectation', wrong);
    expect(rerecorded.code, rerecorded.stderr).toBe(0);
    expect(JSON.parse(readFileSync(wrong, 'utf8')).expected).toEqual(
      JSON.parse(readFileSync(regression, 'utf8')).expected,
    );
  });

  it("--emit-test: the test fails on the mutant's violation, passes on impl and for a plain format 2 scenario", () => {
    const emitted = join(root, 'reports', 'out', 'emitted-format2');
    rmSync(emitted, { recursive: true, force: true });
    mkdirSync(emitted, { recursive: true });
    writeFileSync(
      join(emitted, 'vitest.config.mjs'),
      // one worker thread that loads loopcheck once for the three files (each file asserts its own verdict below)
      "export default { test: { include: ['*.test.ts'], testTimeout: 60000, pool: 'threads', isolate: false, maxWorkers: 1 } };\n",
    );
    const cases: Array<[string, string, number]> = [
      ['mutant', failure, 1],
      ['impl', onImpl, 0],
      ['scenario', join(root, 'examples', 'scenarios', 'format2-c-cancel-forwarded.json'), 0], // its differential, on impl
    ];
    for (const [name, file, code] of cases) {
      const r = loopcheck('replay', file, '--emit-test', join(emitted, `${name}.test.ts`));
      expect(r.code, `${name}: ${r.stderr}`).toBe(code);
      expect(r.stdout).toContain(`regression test written to ${join(emitted, `${name}.test.ts`)}`);
      expect(readFileSync(join(emitted, `${name}.test.ts`), 'utf8')).toContain('parseAnyScenario({');
    }
    // failed on its assertion (the property's violation), not on a broken import or a crash
    const status = emittedTestVerdicts(emitted, root);
    expect(status).toEqual({ mutant: 'violated', impl: 'passed', scenario: 'passed' });
    expect(existsSync(join(emitted, 'mutant.test.ts'))).toBe(true);
  });
});
