// Users' adapters run isolated: a busy loop, a throw in a timer, an unhandled rejection and a malformed outcome are
// crashes (or a timeout) of their cases with replay files, printed output goes to a log, the other columns are complete
// and --json parses. One CLI run over four cases per target.
import { beforeAll, describe, expect, it } from 'vitest';
import type { CliRun } from '../../test/run-cli.ts';
import fc from 'fast-check';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { scenarioArb } from '../../properties/arbitraries/index.ts';
import { readReplayFile } from '../../properties/failure-file.ts';
import { runCli } from '../../test/run-cli.ts';
import { picked } from '../fixtures/misbehaving.ts';
import type { ConformanceReport } from '../run-conformance.ts';

const dir = mkdtempSync(join(tmpdir(), 'loopcheck-isolation-'));
const RUNS = 4;
const SEED = 20;
const MISBEHAVING: Array<[file: string, name: string, kind: 'crash' | 'timeout', error: RegExp]> = [
  [
    'busy-loop-adapter.ts',
    'busy-loop',
    'timeout',
    /^busy-loop: no result within 1000 ms \(the adapter's process was stopped\)$/,
  ],
  ['timer-throw-adapter.ts', 'timer-throw', 'crash', /^timer-throw: uncaught exception: boom in a timer$/],
  [
    'unhandled-rejection-adapter.ts',
    'unhandled-rejection',
    'crash',
    /^unhandled-rejection: unhandled rejection: nobody handles this$/,
  ],
  [
    'malformed-outcome-adapter.ts',
    'malformed-outcome',
    'crash',
    /^malformed-outcome: invalid result: \$\.children\.\w+\.status: must be one of "returned", "raised", "cancelled", "pending", got string "finished"$/,
  ],
];

describe('loopcheck conformance with misbehaving adapters', () => {
  const out = join(dir, 'out');
  const specs = [
    ...MISBEHAVING.map(([file]) => `./conformance/fixtures/${file}`),
    './conformance/fixtures/noisy-adapter.ts',
    'promise-all',
  ];
  let run: CliRun;
  let report: ConformanceReport & { ok: boolean };
  beforeAll(() => {
    run = runCli(
      [
        'conformance',
        '--targets',
        specs.join(','),
        '--runs',
        String(RUNS),
        '--seed',
        String(SEED),
        '--timeout',
        '1000',
        '--profile',
        'seed',
        '--json',
        '--out',
        out,
      ],
      { LOOPCHECK_RUNS: '', LOOPCHECK_SEED: '' },
    );
    report = JSON.parse(run.stdout) as typeof report;
  });
  // The cases the fixtures misbehave on: the same sample the run draws.
  const misbehavedOn = fc.sample(scenarioArb({ profile: 'seed' }), { seed: SEED, numRuns: RUNS }).filter(picked).length;

  it('prints parseable JSON (no adapter output in it) and exits 1: a crash is a new difference', () => {
    expect(misbehavedOn).toBeGreaterThan(0);
    expect(misbehavedOn).toBeLessThan(RUNS);
    // on stderr only loopcheck's status lines (one per column started, off a terminal), no adapter output
    expect(run.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('conformance: '))).toEqual([]);
    expect(run.stdout).not.toContain('noisy adapter');
    expect(() => JSON.parse(run.stdout)).not.toThrow();
    expect(run.status).toBe(1);
  });

  it.each(MISBEHAVING)(
    '%s: each case it misbehaves on is a %s with a replay file naming the adapter; the rest are judged',
    (file, name, kind, error) => {
      const issues = report.issues.filter((i) => i.target === name);
      expect(issues).toHaveLength(misbehavedOn);
      for (const issue of issues) {
        expect(issue.kind).toBe(kind);
        expect(issue.error).toMatch(error);
        expect(readReplayFile(issue.failureFile).failure?.targetSpec).toBe(resolve('conformance/fixtures', file));
      }
      const cells = report.cells.filter((c) => c.target === name);
      expect(cells.length).toBeGreaterThan(10);
      for (const c of cells) expect(c.cases).toBe(RUNS - misbehavedOn);
    },
  );

  it("the other targets' columns are complete; promise-all's documented differences are marked expected", () => {
    for (const target of ['noisy', 'promise-all']) {
      const cells = report.cells.filter((c) => c.target === target);
      expect(cells.length).toBeGreaterThan(10);
      for (const c of cells) expect(c.cases).toBe(RUNS);
      expect(report.issues.filter((i) => i.target === target)).toEqual([]);
    }
    const promiseAll = report.cells.filter((c) => c.target === 'promise-all' && c.status === 'fails');
    expect(promiseAll.length).toBeGreaterThan(0);
    expect(promiseAll.every((c) => c.expected === 'documented')).toBe(true);
    expect(readFileSync(join(out, 'conformance.md'), 'utf8')).toContain('differs (expected)');
    expect(readFileSync(join(out, 'conformance.html'), 'utf8')).toContain('<td class="expected"');
  });

  it("writes an adapter's stdout and stderr to its log file, named in the report", () => {
    const log = join(out, 'adapters', 'noisy-adapter.log');
    expect(report.columns.find((c) => c.target === 'noisy')?.log).toBe(log);
    const text = readFileSync(log, 'utf8');
    expect(text).toContain('noisy adapter: 1 scenario(s)');
    expect(text).toContain('noisy adapter on stderr');
    expect(report.columns.find((c) => c.target === 'promise-all')?.log).toBeUndefined();
  });

  it('replays a crash file through the same isolation: still a crash, exit 1', () => {
    const file = report.issues.find((i) => i.target === 'timer-throw')!.failureFile;
    expect(existsSync(file)).toBe(true);
    const r = runCli(['replay', file]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('crash still fails on timer-throw');
    expect(r.stdout).toContain('uncaught exception: boom in a timer');
  });
});
