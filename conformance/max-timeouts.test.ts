// --max-timeouts: a target that times out on K cases of a profile is stopped there (the rest never run, its cells
// `not run (stopped)`, the timeouts its issues, exit 1 unless baselined); below K the report is the one-batch report.
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulate } from '../model/index.ts';
import type { Scenario } from '../model/scenario-types.ts';
import type { Target, TargetResult } from '../properties/target.ts';
import { readReplayFile } from '../properties/failure-file.ts';
import { TEST_SEED } from '../properties/config.ts';
import { runCli } from '../test/run-cli.ts';
import { statusLinesWanted } from '../cli/progress.ts';
import { markExpected } from './baseline.ts';
import { conformanceText } from './report.ts';
import {
  DEFAULT_MAX_TIMEOUTS,
  newDifferences,
  runConformance,
  type ConformanceOptions,
  type ConformanceReport,
} from './run-conformance.ts';

const dir = mkdtempSync(join(tmpdir(), 'loopcheck-max-timeouts-'));
const options = (extra: Partial<ConformanceOptions> = {}): ConformanceOptions => ({
  runs: 20,
  seed: TEST_SEED,
  modes: ['own'],
  timeoutMs: 300,
  failuresDir: dir,
  ...extra,
});

/**
 * The model as a target (so every property holds) that answers `timeout` at once on the k-th case it is given, for
 * each k of `timesOutAt`; it keeps the cases it was given and the size of each batch.
 */
function stalling(timesOutAt: readonly number[]) {
  const seen: Scenario[] = [];
  const batches: number[] = [];
  const target: Target = {
    name: 'stalling',
    description: 'the model, timing out on chosen cases',
    profile: 'cpython',
    async run(scenarios) {
      batches.push(scenarios.length);
      return scenarios.map((s): TargetResult => {
        const k = seen.push(s) - 1;
        return timesOutAt.includes(k)
          ? { ok: false, kind: 'timeout', error: 'stalling: no result within 300 ms' }
          : { ok: true, outcome: simulate(s) };
      });
    },
  };
  return { target, seen, batches };
}

/** The report without its wall times. */
const timeless = (r: ConformanceReport) => ({ ...r, columns: r.columns.map((c) => ({ ...c, timeMs: 0 })) });

describe('a target that times out on K cases of a profile', () => {
  it('is stopped there: the later cases are never run, its cells say so, the timeouts are new differences', async () => {
    expect(DEFAULT_MAX_TIMEOUTS).toBe(3);
    const stopped = stalling([1, 4, 5, 9]);
    const report = await runConformance([stopped.target], options());
    // the third timeout was case 5: cases 6… never reached the target
    expect(stopped.seen).toHaveLength(6);
    const unlimited = stalling([1, 4, 5, 9]);
    await runConformance([unlimited.target], options({ maxTimeouts: Number.MAX_SAFE_INTEGER }));
    expect(stopped.seen).toEqual(unlimited.seen.slice(0, 6)); // the same cases, drawn from the same seed
    const [column] = report.columns;
    expect(column!.stopped).toBe(
      'stopped: 3 cases timed out (no result within 300 ms); the other 14 of 20 cases not run',
    );
    expect(column!.unsupported).toBe(0);
    // no property judged on the few cases run (and none shrunk on the hanging target)
    expect(report.cells.length).toBeGreaterThan(0);
    expect(report.cells.every((c) => c.status === 'n/a' && c.cases === 0)).toBe(true);
    // each timeout is an issue with its replay file, the case it timed out on
    expect(report.issues.map((i) => i.kind)).toEqual(['timeout', 'timeout', 'timeout']);
    report.issues.forEach((issue, k) => {
      expect(existsSync(issue.failureFile)).toBe(true);
      expect(readReplayFile(issue.failureFile).scenario).toEqual(stopped.seen[[1, 4, 5][k]!]);
    });
    const text = conformanceText(report);
    expect(text).toMatch(/order-preservation\s+not run \(stopped\)/);
    expect(text).toContain(`stalling vs cpython: ${column!.stopped}`);
    // the verdict: the timeouts are new differences (exit 1), as a timeout always was…
    expect(newDifferences(report)).toHaveLength(3);
    // … unless the baseline expects them; its entries for properties are not "no longer failing": they were not run
    const gone = markExpected(report, {
      loopcheck: 1,
      kind: 'conformance-baseline',
      seed: TEST_SEED,
      runs: 20,
      differences: ['timeout', 'order-preservation'].map((property) => ({
        target: 'stalling',
        profile: 'cpython',
        property,
        message: '',
      })),
    });
    expect(newDifferences(report)).toEqual([]);
    expect(gone).toEqual([]);
  });

  it.each([
    // [timeouts at, K]: the K-th timeout on the last case leaves nothing to stop; K = 1 stops at the first
    [[2, 5], 2, false],
    [[0], 1, true],
  ] as const)('timeouts at %j, --max-timeouts %i: stopped %s', async (at, maxTimeouts, isStopped) => {
    const t = stalling(at);
    const report = await runConformance([t.target], options({ runs: 6, maxTimeouts }));
    expect(report.columns[0]!.stopped !== undefined).toBe(isStopped);
    expect(report.issues).toHaveLength(at.length);
    expect(report.cells.some((c) => c.cases > 0)).toBe(!isStopped);
    if (isStopped) expect(t.seen).toHaveLength(1);
  });

  it.each([[[]], [[3, 11]]] as const)(
    'timing out on %j (fewer than K): the same report as one batch of every case',
    async (at) => {
      const sliced = stalling(at);
      const sliceReport = await runConformance([sliced.target], options({ modes: ['seed', 'own'] }));
      const whole = stalling(at);
      const wholeReport = await runConformance(
        [whole.target],
        options({ modes: ['seed', 'own'], maxTimeouts: Number.MAX_SAFE_INTEGER }),
      );
      expect(whole.batches[0]).toBe(20); // one batch: the run before --max-timeouts
      expect(sliced.batches[0]).toBe(DEFAULT_MAX_TIMEOUTS); // here in slices
      expect(sliceReport.columns.every((c) => c.stopped === undefined)).toBe(true);
      expect(sliced.seen).toEqual(whole.seen);
      expect(timeless(sliceReport)).toEqual(timeless(wholeReport));
      expect(conformanceText(sliceReport)).toBe(conformanceText(wholeReport));
    },
  );

  it('maxTimeouts below 1 is refused', async () => {
    await expect(runConformance([stalling([]).target], options({ maxTimeouts: 0 }))).rejects.toThrow(
      /maxTimeouts must be an integer ≥ 1/,
    );
  });
});

describe('loopcheck conformance --max-timeouts (CLI)', () => {
  const env = { LOOPCHECK_RUNS: '', LOOPCHECK_SEED: '', LOOPCHECK_PROGRESS: '' };
  const STALLED = 'asyncio-loop:conformance/fixtures/stalled_loop.py:StalledLoop';

  it('a loop that never runs a callback: stopped after 3 timeouts of 300 ms, a line on stderr, exit 1', () => {
    const out = join(dir, 'stalled');
    const r = runCli(
      ['conformance', '--targets', STALLED, '--profile', 'own', '--runs', '20', '--timeout', '300', '--out', out],
      env,
    );
    const note = 'stopped: 3 cases timed out (no result within 300 ms); the other 17 of 20 cases not run';
    expect(r.stderr).toBe(`conformance: ${STALLED} (cpython): 20 cases\nconformance: ${STALLED} (cpython): ${note}\n`);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`${STALLED} vs cpython: ${note}`);
    expect(r.stdout).toMatch(/outcome-differential\s+not run \(stopped\)/);
    expect(r.stdout.match(/timeout \(against cpython\)/g)).toHaveLength(3);
    expect(r.stdout).toContain(
      `stopped for timeouts (--max-timeouts 3), their other cases not run: ${STALLED} vs cpython\n3 new difference(s)`,
    );
    const replays = [...r.stdout.matchAll(/replay: loopcheck replay (\S+)/g)].map((m) => m[1]!);
    expect(replays).toHaveLength(3);
    for (const file of replays) expect(existsSync(file)).toBe(true);
    expect(readFileSync(join(out, 'conformance.md'), 'utf8')).toContain(note);
  }, 30_000);

  it.each(['0', '-1', 'three', '2.5', ''])('--max-timeouts %j: one line, exit 2', (value) => {
    const r = runCli(['conformance', '--targets', STALLED, '--max-timeouts', value, '--out', join(dir, 'bad')], env);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`loopcheck: --max-timeouts must be an integer ≥ 1, got ${JSON.stringify(value)}\n`);
    expect(r.stdout).toBe('');
  });
});

describe('status lines off a terminal', () => {
  const saved = process.env.LOOPCHECK_PROGRESS;
  afterEach(() => {
    if (saved === undefined) delete process.env.LOOPCHECK_PROGRESS;
    else process.env.LOOPCHECK_PROGRESS = saved;
  });

  it('are written when no bar is drawn and stderr is no terminal, unless LOOPCHECK_PROGRESS=never', () => {
    delete process.env.LOOPCHECK_PROGRESS;
    expect(statusLinesWanted(false, { isTTY: false })).toBe(true);
    expect(statusLinesWanted(true, { isTTY: false })).toBe(false); // LOOPCHECK_PROGRESS=always: the bar's lines
    expect(statusLinesWanted(false, { isTTY: true })).toBe(false); // a terminal: the bar, or nothing with --json
    process.env.LOOPCHECK_PROGRESS = 'never';
    expect(statusLinesWanted(false, { isTTY: false })).toBe(false);
  });
});
