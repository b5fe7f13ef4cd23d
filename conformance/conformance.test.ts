// loopcheck conformance: CPython and MicroPython pass their own profiles, fail seed's sibling cancellation with a replay
// file that reproduces, a hanging adapter is reported and the run goes on, and the CLI's error paths.
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseScenario, simulate } from '../model/index.ts';
import type { Scenario } from '../model/scenario-types.ts';
import type { Target } from '../properties/target.ts';
import { readReplayFile } from '../properties/failure-file.ts';
import { siblingCancellation } from '../properties/rules/index.ts';
import { scenarioArb } from '../properties/arbitraries/index.ts';
import { TEST_SEED } from '../properties/config.ts';
import { checkTarget, runConformance, type ConformanceOptions } from './run-conformance.ts';
import { conformanceMarkdown, conformanceText } from './report.ts';
import { loadTarget } from './targets/index.ts';
import { runCli } from '../test/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'loopcheck-conformance-'));
const options = (extra: Partial<ConformanceOptions> = {}): ConformanceOptions => ({
  runs: 40,
  seed: TEST_SEED,
  modes: ['own'],
  timeoutMs: 5_000,
  failuresDir: dir,
  ...extra,
});

const opened: Target[] = [];
async function open(name: string): Promise<Target> {
  const t = await loadTarget(name);
  opened.push(t);
  return t;
}
afterAll(async () => {
  for (const t of opened) await t.close?.();
});

describe.each(['cpython', 'micropython'])('%s against its own profile', (name) => {
  it('holds every property of the profile, including the outcome differential', async () => {
    const { column, cells, issues } = await checkTarget(await open(name), 'own', options());
    expect(column.profile).toBe(name);
    expect(issues).toEqual([]);
    expect(cells.filter((c) => c.status === 'fails').map((c) => `${c.property}: ${c.message}`)).toEqual([]);
    const names = cells.map((c) => c.property);
    for (const p of ['siblings-keep-running', 'awaiter-cancel-timing', 'outcome-differential', 'determinism'])
      expect(names).toContain(p);
    expect(cells.find((c) => c.property === 'siblings-keep-running')!.cases).toBeGreaterThan(0);
    // Engagement: the cases that reached each property's comparison (properties/engagement.ts).
    for (const c of cells) expect(c.engaged).toBeLessThanOrEqual(c.cases);
    expect(cells.find((c) => c.property === 'awaiter-cancel-timing')!.engaged).toBeGreaterThan(0);
    // format 2 by default (check's mix): the format 2 properties of the profile are judged and engaged
    for (const p of ['await-result', 'self-cancel', 'gather-entries'])
      expect(cells.find((c) => c.property === p)!.engaged, p).toBeGreaterThan(0);
    expect(cells.filter((c) => c.status === 'vacuous').map((c) => c.property)).toEqual([]);
  }, 60_000);
});

describe('the scenario format each column draws', () => {
  /** A target answering with the model, named as a registered one, that keeps what it was given. */
  const recording = (name: string, profile: string) => {
    const seen: Scenario[] = [];
    const target: Target = {
      name,
      description: 'the model, recording its cases',
      profile,
      async run(scenarios) {
        seen.push(...scenarios);
        return scenarios.map((s) => ({ ok: true as const, outcome: simulate(s) }));
      },
    };
    return { target, seen };
  };
  const v2 = (s: Scenario) => (s as { loopcheck: number }).loopcheck === 2;

  it('cpython, uvloop and micropython draw format 2 by default (uvloop without shutdown, micropython within F2m); --format 1 none; other targets none', async () => {
    const cpython = recording('cpython', 'cpython');
    const { column, cells } = await checkTarget(cpython.target, 'own', options({ runs: 30 }));
    expect(cpython.seen.filter(v2).length).toBeGreaterThan(10);
    expect(cells.filter((c) => c.status === 'fails')).toEqual([]);
    expect(cells.find((c) => c.property === 'shield-isolation')!.cases).toBe(30);
    // a property that reads format 1 only judges the format 1 cases alone
    const skr = cells.find((c) => c.property === 'siblings-keep-running')!;
    expect(skr.cases).toBe(cpython.seen.filter((s) => !v2(s)).length / 2); // (each case is run twice: determinism)
    // … and its cell says how many format 2 cases it did not judge
    expect(skr.unjudged).toEqual({ 2: cpython.seen.filter(v2).length / 2 });
    const text = conformanceText({ seed: TEST_SEED, runs: 30, columns: [column], cells, issues: [] });
    expect(text).toContain(`ok (${skr.cases}, engaged ${skr.engaged}, ${skr.unjudged![2]} format 2 not judged)`);
    expect(text).toContain('format F not judged: cases of a format the property does not read');

    const uvloop = recording('uvloop', 'cpython');
    const u = await checkTarget(uvloop.target, 'own', options({ runs: 30 }));
    expect(uvloop.seen.some(v2)).toBe(true);
    expect(uvloop.seen.some((s) => (s as { shutdown?: boolean }).shutdown === true)).toBe(false);
    expect(u.cells.find((c) => c.property === 'shutdown-nothing-lost')!.status).toBe('n/a');

    const micro = recording('micropython', 'micropython');
    const m = await checkTarget(micro.target, 'seed', options({ runs: 30 }));
    expect(micro.seen.some(v2)).toBe(true);
    expect(JSON.stringify(micro.seen)).not.toMatch(/"shield"|"timeout"/);
    expect(m.cells.find((c) => c.property === 'shield-isolation')!.status).toBe('n/a');

    const one = recording('cpython', 'cpython');
    const f1 = await checkTarget(one.target, 'own', options({ runs: 30, format: 1 }));
    expect(one.seen.some(v2)).toBe(false);
    expect(f1.cells.map((c) => c.property)).not.toContain('await-result');

    const other = recording('promise-all', 'seed');
    await checkTarget(other.target, 'own', options({ runs: 30 }));
    expect(other.seen.some(v2)).toBe(false);
  });
});

describe('cpython against seed', () => {
  it('fails sibling cancellation with a shrunk case whose replay file reproduces it', async () => {
    const target = await open('cpython');
    const { cells } = await checkTarget(target, 'seed', options({ failuresDir: join(dir, 'seed-run') }));
    const cell = cells.find((c) => c.property === 'sibling-cancellation')!;
    expect(cell.status).toBe('fails');
    expect(cell.failureFile !== undefined && existsSync(cell.failureFile)).toBe(true);
    const { scenario, failure } = readReplayFile(cell.failureFile!);
    expect(failure?.target).toBe('cpython');
    expect(scenario.profile).toBe('seed');
    const [result] = await target.run([scenario]);
    expect(result?.ok).toBe(true);
    expect(
      siblingCancellation.check(
        scenario,
        (result as { outcome: Parameters<typeof siblingCancellation.check>[1] }).outcome,
      ),
    ).not.toBeNull();
    // and from the command line
    const r = runCli(['replay', cell.failureFile!, '--target', 'cpython']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('sibling-cancellation fails on cpython');
  }, 60_000);
});

describe('a target that hangs on a case', () => {
  it('is reported with a replay file, and the other cases are still judged', async () => {
    const hanging: Scenario = parseScenario({
      loopcheck: 1,
      profile: 'seed',
      returnExceptions: false,
      cancels: [],
      children: [{ name: 'hang-forever', sleeps: [1], end: { return: 1 } }],
    });
    const arbitrary = fc.oneof(fc.constant(hanging), scenarioArb({ maxChildren: 3 }));
    const target = await open('./conformance/fixtures/hanging-adapter.ts');
    const report = await runConformance(
      [target],
      // below --max-timeouts the column goes on (max-timeouts.test.ts: what happens at it)
      options({
        runs: 6,
        modes: ['seed', 'own'],
        timeoutMs: 200,
        maxTimeouts: 6,
        arbitrary,
        failuresDir: join(dir, 'hang'),
      }),
    );
    expect(report.issues.length).toBeGreaterThan(0);
    expect(report.issues.every((i) => i.kind === 'timeout' && existsSync(i.failureFile))).toBe(true);
    expect(readReplayFile(report.issues[0]!.failureFile).scenario.children[0]!.name).toBe('hang-forever');
    const judged = report.cells.filter((c) => c.cases > 0);
    expect(judged.length).toBeGreaterThan(0);
    expect(report.columns.find((c) => c.mode === 'own')!.skipped).toMatch(/no model of profile "promise-all"/);
    expect(conformanceMarkdown(report)).toContain('Crashes and timeouts');
  }, 60_000);
});

describe('loopcheck conformance (CLI)', () => {
  const loopcheck = (...args: string[]) => runCli(['conformance', ...args], { LOOPCHECK_RUNS: '', LOOPCHECK_SEED: '' });

  it('prints the matrix, writes conformance.md and .html, exits 0 when targets pass their own profiles', () => {
    const out = join(dir, 'cli');
    const r = loopcheck('--targets', 'cpython,promise-all', '--runs', '15', '--seed', '3', '--out', out);
    // off a terminal, one status line per column started (nothing else: no stack, no bar)
    expect(r.stderr.trim().split('\n')).toEqual(
      ['cpython (seed)', 'cpython (cpython)', 'promise-all (seed)'].map((c) => `conformance: ${c}: 15 cases`),
    );
    expect(r.status).toBe(0);
    // documented differences of the runtimes: apart from regressions, in words and in colour
    expect(r.stdout).toMatch(/sibling-cancellation\s+differs \(expected\)\s+—/);
    expect(r.stdout).not.toMatch(/ {2}FAILS\b/); // no cell of the table
    expect(r.stdout).toContain('cpython vs cpython');
    expect(readFileSync(join(out, 'conformance.md'), 'utf8')).toContain(
      '| property | cpython vs seed | cpython vs cpython | promise-all vs seed |',
    );
    expect(readFileSync(join(out, 'conformance.html'), 'utf8')).toContain(
      '<td class="expected" title="expected: a documented difference">',
    );
  }, 60_000);

  it('--json gives the report', () => {
    const r = loopcheck(
      '--targets',
      'cpython',
      '--profile',
      'own',
      '--runs',
      '5',
      '--seed',
      '3',
      '--json',
      '--out',
      join(dir, 'json'),
    );
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout) as { ok: boolean; columns: Array<{ profile: string }> };
    expect(json.ok).toBe(true);
    expect(json.columns.map((c) => c.profile)).toEqual(['cpython']);
  }, 30_000);

  it.each([
    [['--targets', 'nope'], /^loopcheck: unknown target "nope"/],
    [['--targets', './missing-adapter.ts'], /^loopcheck: target module not found/],
    [['--targets', './conformance/fixtures/not-an-adapter.ts'], /^loopcheck: target module .* exports no Target/],
    [['--profile', 'python2'], /^loopcheck: --profile must be seed, own or both/],
    [['--runs', '0'], /^loopcheck: --runs must be an integer/],
    [['--timeout', 'soon'], /^loopcheck: --timeout must be an integer/],
    [['--seed', 'soon'], /^loopcheck: --seed must be an integer or random/],
  ])(
    'bad input %j: one line, exit 2',
    (args, message) => {
      const r = loopcheck(...args, '--out', join(dir, 'bad'));
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    },
    30_000,
  );
});
