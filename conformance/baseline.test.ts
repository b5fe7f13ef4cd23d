// Baselines and the exit rule: a target's own (or, without a model, seed's) failures are new unless documented or
// baselined; --write-baseline records them, --baseline fails only on a new one and lists entries that no longer fail.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseScenario } from '../model/scenario.ts';
import { runCli } from '../test/run-cli.ts';
import { baselineOf, markExpected, readBaseline, type Baseline } from './baseline.ts';
import { newDifferences, type Cell, type ConformanceReport, type TargetColumn } from './run-conformance.ts';

const dir = mkdtempSync(join(tmpdir(), 'loopcheck-baseline-'));
const scenario = parseScenario({ loopcheck: 1, profile: 'seed', returnExceptions: false, cancels: [], children: [] });

const column = (
  target: string,
  ownProfile: string,
  profile: string,
  extra: Partial<TargetColumn> = {},
): TargetColumn => ({
  target,
  description: '',
  ownProfile,
  mode: profile === 'seed' ? 'seed' : 'own',
  profile,
  unsupported: 0,
  timeMs: 0,
  ...extra,
});
const cell = (target: string, profile: string, property: string, status: Cell['status'] = 'fails'): Cell => ({
  property,
  target,
  mode: profile === 'seed' ? 'seed' : 'own',
  profile,
  status,
  cases: 10,
  engaged: 5,
  message: `${property} broke`,
  scenario,
});
/** A fresh report: a user adapter with its own profile (no model), cpython (modelled), promise-all (documented). */
function report(): ConformanceReport {
  return {
    seed: 1,
    runs: 10,
    columns: [
      column('mine', 'my-gather', 'seed', { isolated: true }),
      column('cpython', 'cpython', 'seed'),
      column('cpython', 'cpython', 'cpython'),
      column('promise-all', 'promise-all', 'seed'),
    ],
    cells: [
      cell('mine', 'seed', 'order-preservation'),
      cell('mine', 'seed', 'max-not-sum', 'holds'),
      cell('mine', 'seed', 'empty-gather', 'vacuous'),
      cell('cpython', 'seed', 'sibling-cancellation'),
      cell('cpython', 'seed', 'order-preservation'),
      cell('cpython', 'cpython', 'order-preservation', 'holds'),
      cell('promise-all', 'seed', 'sibling-cancellation'),
      cell('promise-all', 'seed', 'max-not-sum', 'vacuous'),
      cell('promise-all', 'seed', 'nothing-lost'),
    ],
    issues: [
      {
        target: 'mine',
        mode: 'seed',
        profile: 'seed',
        kind: 'crash',
        error: 'mine: boom',
        scenario,
        failureFile: 'x.json',
      },
    ],
  };
}
const names = (xs: ReturnType<typeof newDifferences>) =>
  xs.map((x) => `${x.target}:${'property' in x ? x.property : x.kind}`).sort();

describe('the exit rule', () => {
  it('counts seed failures of a target without a model, own-profile failures of a modelled one, and crashes', () => {
    const r = report();
    markExpected(r, undefined);
    // cpython's seed column does not count (its own profile decides); promise-all's documented ones are expected
    expect(names(newDifferences(r))).toEqual([
      'mine:crash',
      'mine:empty-gather',
      'mine:order-preservation',
      'promise-all:nothing-lost',
    ]);
    expect(r.cells.find((c) => c.target === 'cpython' && c.property === 'sibling-cancellation')?.expected).toBe(
      'documented',
    );
    expect(
      r.cells.find((c) => c.target === 'cpython' && c.property === 'order-preservation')?.expected,
    ).toBeUndefined();
    expect(r.cells.find((c) => c.target === 'promise-all' && c.property === 'max-not-sum')?.expected).toBe(
      'documented',
    );
  });

  it('a documented name does not excuse a user adapter that calls itself promise-all', () => {
    const r = report();
    r.columns.push(column('promise-all', 'promise-all', 'seed', { isolated: true }));
    r.columns.splice(3, 1);
    markExpected(r, undefined);
    expect(names(newDifferences(r))).toContain('promise-all:sibling-cancellation');
  });
});

describe('a baseline', () => {
  it('records every difference once, with its counterexample; with it nothing is new', () => {
    const recorded = baselineOf(report());
    const keys = recorded.differences.map((d) => `${d.target}/${d.profile}/${d.property}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain('mine/seed/order-preservation');
    expect(keys).toContain('mine/seed/crash');
    expect(recorded.differences.find((d) => d.property === 'order-preservation')?.scenario).toEqual(scenario);
    const r = report();
    expect(markExpected(r, recorded)).toEqual([]);
    expect(newDifferences(r)).toEqual([]);
  });

  it('fails only on a new difference, and lists its entries that no longer fail', () => {
    const old: Baseline = {
      ...baselineOf(report()),
      differences: [
        { target: 'mine', profile: 'seed', property: 'crash', message: '' },
        { target: 'mine', profile: 'seed', property: 'empty-gather', message: '' },
        { target: 'mine', profile: 'seed', property: 'max-not-sum', message: '' }, // holds now
        { target: 'elsewhere', profile: 'seed', property: 'max-not-sum', message: '' }, // not run: not reported
        { target: 'promise-all', profile: 'seed', property: 'nothing-lost', message: '' },
      ],
    };
    const r = report();
    const gone = markExpected(r, old);
    expect(names(newDifferences(r))).toEqual(['mine:order-preservation']);
    expect(gone.map((d) => `${d.target}/${d.property}`)).toEqual(['mine/max-not-sum']);
  });

  it('refuses a file that is not a baseline in one line', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ kind: 'conformance-baseline', differences: [{ target: 'a', profile: 1 }] }));
    expect(() => readBaseline(file)).toThrow(/^baseline .*: \$\.differences\[0\]\.profile must be a string$/);
    writeFileSync(file, '{');
    expect(() => readBaseline(file)).toThrow(/is not JSON/);
    expect(() => readBaseline(join(dir, 'missing.json'))).toThrow(/^baseline file not found/);
  });
});

describe('loopcheck conformance --write-baseline / --baseline (an adapter with its own profile that reverses results)', () => {
  const adapter = './conformance/fixtures/reversed-adapter.ts';
  const conformance = (...args: string[]) =>
    runCli(['conformance', '--targets', adapter, '--runs', '8', '--seed', '20', '--out', join(dir, 'out'), ...args], {
      LOOPCHECK_RUNS: '',
      LOOPCHECK_SEED: '',
    });

  it('records a baseline (exit 0), then exits 1 only for a difference taken out of it', () => {
    const first = conformance('--profile', 'own', '--write-baseline', join(dir, 'base.json'), '--json');
    expect(first.status).toBe(0);
    const json = JSON.parse(first.stdout) as ConformanceReport;
    // judged against seed in place of its own profile, which has no model
    expect(json.columns.map((c) => `${c.target} ${c.mode} ${c.profile}`)).toEqual(['reversed own seed']);
    expect(json.columns[0]!.standIn).toMatch(/no model of profile "reversed-gather"/);
    const base = readBaseline(join(dir, 'base.json'));
    expect(base.differences.map((d) => d.property)).toContain('order-preservation');

    const edited = {
      ...base,
      differences: [
        ...base.differences.filter((d) => d.property !== 'order-preservation'),
        { target: 'reversed', profile: 'seed', property: 'max-not-sum', message: '' },
      ],
    };
    writeFileSync(join(dir, 'edited.json'), JSON.stringify(edited));
    const again = conformance('--baseline', join(dir, 'edited.json'));
    expect(again.status).toBe(1);
    expect(again.stdout).toMatch(/order-preservation\s+FAILS/);
    // the entries still in it are expected, in the table and in the list
    expect(again.stdout).toMatch(/outcome-differential\s+differs \(expected\)/);
    expect(again.stdout).toContain('outcome-differential fails on reversed against seed (expected: in the baseline)');
    expect(again.stdout).toContain(
      '1 entry no longer fails (remove or re-record): max-not-sum on reversed against seed',
    );
    expect(readFileSync(join(dir, 'out', 'conformance.md'), 'utf8')).toContain('no longer fails');
  });

  it('a bad baseline file: one line, exit 2', () => {
    const r = conformance('--baseline', join(dir, 'nope.json'));
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^loopcheck: baseline file not found/)]);
  });
});
