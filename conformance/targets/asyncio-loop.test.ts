// A user's asyncio loop class as a target: spec, one-line load errors, CPython's outcomes on it, a broken loop caught.
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { checkArb } from '../../properties/arbitraries/index.ts';
import type { Target } from '../../properties/target.ts';
import { newDifferences, runConformance } from '../run-conformance.ts';
import { isDocumentedDifference } from '../documented-differences.ts';
import { loadTarget, parseAsyncioLoopSpec, targetSpecOf } from './index.ts';
import { runCli } from '../../test/run-cli.ts';

const MY_LOOP = 'asyncio-loop:examples/loops/my_loop.py:MyLoop';
const LIFO_LOOP = 'asyncio-loop:conformance/fixtures/lifo_loop.py:LifoLoop';
const dir = mkdtempSync(join(tmpdir(), 'loopcheck-asyncio-loop-'));
const opened: Target[] = [];
async function open(spec: string): Promise<Target> {
  const t = await loadTarget(spec);
  opened.push(t);
  return t;
}
afterAll(async () => {
  for (const t of opened) await t.close?.();
  rmSync(dir, { recursive: true, force: true });
});

describe('parseAsyncioLoopSpec', () => {
  it('takes a file (made absolute) or a dotted module, and the class after the last colon', () => {
    expect(parseAsyncioLoopSpec(MY_LOOP)).toEqual({
      where: resolve('examples/loops/my_loop.py'),
      className: 'MyLoop',
      isFile: true,
    });
    expect(parseAsyncioLoopSpec('asyncio-loop:pkg.loops:Fast')).toEqual({
      where: 'pkg.loops',
      className: 'Fast',
      isFile: false,
    });
    for (const bad of ['asyncio-loop:', 'asyncio-loop:my_loop.py', 'asyncio-loop:my_loop.py:', 'asyncio-loop:a b:C'])
      expect(() => parseAsyncioLoopSpec(bad)).toThrow(/^malformed target/);
  });
});

describe("an asyncio loop's documented differences", () => {
  it("are CPython's against seed (it runs CPython's gather), none against its own profile", () => {
    expect(isDocumentedDifference(MY_LOOP, 'seed', 'sibling-cancellation', 'fails')).toBe(true);
    expect(isDocumentedDifference(MY_LOOP, 'seed', 'order-preservation', 'fails')).toBe(false);
    expect(isDocumentedDifference(MY_LOOP, 'cpython', 'sibling-cancellation', 'fails')).toBe(false);
  });
});

describe('loading a user loop', () => {
  const bad = join(dir, 'bad_import.py');
  writeFileSync(bad, 'import loopcheck_no_such_module\n');
  const notLoop = join(dir, 'not_loop.py');
  writeFileSync(notLoop, 'class NotALoop:\n    pass\n');

  it('fails in one line: file not found, class not found, not a loop class, the import error', async () => {
    const cases: Array<[string, RegExp]> = [
      ['asyncio-loop:examples/loops/nope.py:MyLoop', /asyncio loop file not found: .*nope\.py$/],
      ['asyncio-loop:examples/loops/my_loop.py:Nope', /no class Nope in .*my_loop\.py$/],
      [`asyncio-loop:${notLoop}:NotALoop`, /NotALoop in .* is not an event loop class/],
      [`asyncio-loop:${bad}:X`, /cannot import .*: ModuleNotFoundError: No module named 'loopcheck_no_such_module'$/],
      ['asyncio-loop:loopcheck_no_such_pkg.loops:X', /cannot import loopcheck_no_such_pkg\.loops: ModuleNotFoundError/],
    ];
    for (const [spec, message] of cases) {
      const error = await loadTarget(spec).then(
        () => undefined,
        (e: Error) => e.message,
      );
      expect(error, spec).toMatch(message);
      expect(error, spec).not.toContain('\n');
    }
  });
});

describe('asyncio-loop targets', () => {
  it('a SelectorEventLoop subclass answers exactly as the cpython target, formats 1 and 2, named by its spec', async () => {
    const mine = await open(MY_LOOP);
    const cpython = await open('cpython');
    expect([mine.name, mine.profile, targetSpecOf(mine)]).toEqual([
      MY_LOOP,
      'cpython',
      `asyncio-loop:${resolve('examples/loops/my_loop.py')}:MyLoop`,
    ]);
    const scenarios = fc.sample(checkArb('cpython'), { seed: 7, numRuns: 60 });
    expect(scenarios.some((s) => (s as { loopcheck: number }).loopcheck === 2)).toBe(true);
    const [a, b] = await Promise.all([mine.run(scenarios), cpython.run(scenarios)]);
    expect(a.filter((r) => r.ok).length).toBeGreaterThan(50);
    expect(a).toEqual(b);
  }, 30_000);

  it("what the user's loop prints goes to stderr, never into the line protocol", async () => {
    const loud = join(dir, 'loud_loop.py');
    writeFileSync(
      loud,
      'import asyncio\n\n\nclass Loud(asyncio.SelectorEventLoop):\n    def call_soon(self, cb, *args, context=None):\n        print("call_soon", cb)\n        return super().call_soon(cb, *args, context=context)\n',
    );
    const target = await open(`asyncio-loop:${loud}:Loud`);
    const scenarios = fc.sample(checkArb('cpython'), { seed: 3, numRuns: 10 });
    const results = await target.run(scenarios);
    expect(results.map((r) => r.ok || r.kind)).toEqual(scenarios.map(() => true));
  }, 30_000);

  it('a loop whose call_soon runs callbacks last in, first out is reported as a new difference', async () => {
    const lifo = await open(LIFO_LOOP);
    const report = await runConformance([lifo], {
      runs: 40,
      seed: 20,
      modes: ['own'],
      timeoutMs: 5000,
      failuresDir: join(dir, 'failures'),
    });
    const failed = newDifferences(report).map((d) => ('property' in d ? d.property : d.kind));
    expect(failed).toContain('outcome-differential');
    // its replay file names the class by an absolute path, and replays (still failing: exit 1)
    const cell = report.cells.find((c) => c.property === 'outcome-differential')!;
    expect(JSON.parse(readFileSync(cell.failureFile!, 'utf8')).targetSpec).toBe(
      `asyncio-loop:${resolve('conformance/fixtures/lifo_loop.py')}:LifoLoop`,
    );
    const replayed = runCli(['replay', cell.failureFile!]);
    expect(replayed.stdout).toContain('outcome-differential still fails on asyncio-loop:');
    expect(replayed.status).toBe(1);
  }, 30_000);
});

describe('a loop whose call_at sets every timer 1 ms late', () => {
  it('is judged on its own timer code: max-not-sum names the late sleep', async () => {
    const late = await open('asyncio-loop:conformance/fixtures/late_timer_loop.py:LateTimerLoop');
    const report = await runConformance([late], {
      runs: 30,
      seed: 20,
      modes: ['own'],
      timeoutMs: 5000,
      failuresDir: join(dir, 'failures-late'),
    });
    expect(report.issues).toEqual([]);
    const cell = report.cells.find((c) => c.property === 'max-not-sum')!;
    expect(cell.status).toBe('fails');
    expect(cell.message).toMatch(/sleep #\d+ \(\d+ ms from @\d+\) ended @(\d+), expected @\d+/);
  }, 60_000);
});

describe('a loop whose tasks refuse every cancel', () => {
  const STUBBORN = 'asyncio-loop:conformance/fixtures/stubborn_loop.py:StubbornLoop';

  it('a shutdown whose cancels schedule nothing ends when the loop is idle, not at the per-case timeout', async () => {
    const stubborn = await open(STUBBORN);
    // main returns at once; h hangs and refuses shutdown's cancel, so shutdown's run of the loop has nothing to do
    const scenario = {
      loopcheck: 2,
      profile: 'cpython',
      shutdown: true,
      returnExceptions: false,
      children: [
        { name: 'a', sleeps: [], end: { return: 0 } },
        { name: 'h', steps: ['hang'], task: true },
      ],
      args: ['a'],
      cancels: [],
    };
    const [r] = await stubborn.run([scenario as never], { timeoutMs: 3000 });
    expect(r!.ok).toBe(true);
    expect(r!.ok && r!.outcome.children.h).toEqual({ status: 'pending', at: 0 });
  }, 30_000);

  it('is reported as new differences, with no case timed out', async () => {
    const stubborn = await open(STUBBORN);
    const report = await runConformance([stubborn], {
      runs: 30,
      seed: 20,
      modes: ['own'],
      timeoutMs: 3000,
      failuresDir: join(dir, 'failures-stubborn'),
    });
    expect(report.issues.map((i) => i.kind)).toEqual([]);
    expect(newDifferences(report).length).toBeGreaterThan(0);
  }, 60_000);
});

describe('asyncio-loop on the command line', () => {
  it('conformance --targets asyncio-loop:… --profile own: no new difference; a missing class: one line, exit 2', () => {
    const env = { LOOPCHECK_RUNS: '', LOOPCHECK_SEED: '' };
    const out = join(dir, 'cli');
    const ok = runCli(['conformance', '--targets', MY_LOOP, '--profile', 'own', '--runs', '20', '--out', out], env);
    expect(ok.stderr).toBe(`conformance: ${MY_LOOP} (cpython): 20 cases\n`); // its status line (not a terminal)
    expect(ok.stdout).toContain(`${MY_LOOP} vs cpython`);
    expect(ok.stdout).toContain('no new difference');
    expect(ok.status).toBe(0);
    for (const [args, message] of [
      [['check', '--target', 'asyncio-loop:examples/loops/my_loop.py:Nope', '--runs', '1'], /: no class Nope in /],
      [['conformance', '--targets', 'asyncio-loop:examples/loops/nope.py:MyLoop', '--out', out], /file not found/],
    ] as const) {
      const r = runCli(args, env);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).toMatch(/^loopcheck: asyncio-loop:examples\/loops\//);
      expect(r.stderr).toMatch(message);
    }
  }, 30_000);
});
