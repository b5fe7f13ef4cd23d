// Big scenarios through the CLI (issue 15): 200,000 zero sleeps replay, a 64×64 replay is summarised and complete
// with --full, the size limit is exit 2, and SIGINT prints the partial table with exit 130. No timings asserted.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../test/run-cli.ts';
import { nestedScenario, zeroSleepsScenario } from '../bench/scale-scenarios.ts';
import { MAX_EVENTS, MAX_TASKS } from '../properties/lib/scenario-size.ts';
import { interruptCli } from '../test/interrupt-cli.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'loopcheck-scale-'));

function scenarioFile(name: string, scenario: unknown): string {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(scenario));
  return file;
}

const replay = (...args: string[]) => runCli(['replay', ...args], { LOOPCHECK_PROGRESS: '' }, 120_000);

describe('replay of big scenarios', () => {
  it('replays a child with 200,000 zero sleeps on model and loop (no spread or recursion over the trace)', () => {
    const r = replay(scenarioFile('zero-sleeps', zeroSleepsScenario(200_000)));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('model and impl agree');
    expect(r.stdout).toContain('every property holds on model and impl');
    // 400,010 events, 200 printed: the rest summarised
    expect(r.stdout).toMatch(/… 399810 more events, --full prints all/);
  });

  it('summarises a 64×64 nested gather under 200 KB, and --full prints every task and event', () => {
    const scenario = nestedScenario({ width: 64, depth: 1 });
    const file = scenarioFile('nested-64x64', scenario);
    const short = replay(file);
    expect(short.status).toBe(0);
    expect(Buffer.byteLength(short.stdout)).toBeLessThanOrEqual(200_000);
    expect(short.stdout).toMatch(/… \d+ more tasks, --full prints all/);
    expect(short.stdout).toMatch(/… \d+ more events, --full prints all/);
    expect(short.stdout).toContain('every property holds on model and impl');

    const full = replay(file, '--full');
    expect(full.status).toBe(0);
    expect(full.stdout).not.toContain('--full prints all');
    const events = Number(/^\s+(\d+)\s+@\S+ awaiter returned/m.exec(full.stdout)?.[1]);
    // the side-by-side trace lists every event up to the awaiter's last one, and the tables every task
    const rows = full.stdout.split('\n').filter((line) => /^\s{4}\s*\d+\s+@/.test(line));
    expect(rows.length).toBe(events + 1);
    for (const task of ['g0/c0', 'g63/c63', 'g31/c17'])
      expect(full.stdout).toMatch(new RegExp(`^${task}\\s+returned`, 'm'));
  });

  it(`refuses a scenario above ${MAX_TASKS} tasks or ${MAX_EVENTS} events with one line and exit 2`, () => {
    const wide = nestedScenario({ width: 30, depth: 2 }); // 27,931 tasks
    const r = replay(scenarioFile('too-many-tasks', wide));
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`more than the limit of ${MAX_TASKS.toLocaleString('en-US')}`);
    const long = replay(scenarioFile('too-many-events', zeroSleepsScenario(MAX_EVENTS / 2)));
    expect(long.status).toBe(2);
    expect(long.stderr).toMatch(/trace events, more than the limit/);
    // a format 2 file enters through parseAnyScenario: the same limit, the same one line
    const v2 = replay(scenarioFile('too-many-events-v2', { ...zeroSleepsScenario(MAX_EVENTS / 2), loopcheck: 2 }));
    expect(v2.status).toBe(2);
    expect(v2.stderr.trim().split('\n')).toHaveLength(1);
    expect(v2.stderr).toMatch(
      /invalid scenario: \$: the scenario would produce about [\d,]+ trace events, more than the limit/,
    );
  });
});

describe('check on SIGINT', () => {
  it('prints the checks finished so far and exits 130', async () => {
    // LOOPCHECK_PROGRESS=always: progress lines although stderr is a pipe, so the signal can follow the first one.
    const { code, signal, stdout, stderr } = await interruptCli(
      root,
      ['check', '--runs', '200', '--failures-dir', join(dir, 'failures')],
      / runs \|/,
      { LOOPCHECK_SEED: '' },
    );
    expect({ code, signal, stderr: stderr.slice(0, 500) }).toMatchObject({ code: 130, signal: null });
    expect(stderr).toMatch(/\d+\/\d+ runs/);
    const finished = /interrupted \(SIGINT\): (\d+) of (\d+) checks finished/.exec(stdout);
    expect(finished).not.toBeNull();
    const [done, total] = [Number(finished![1]), Number(finished![2])];
    expect(done).toBeGreaterThanOrEqual(1);
    expect(done).toBeLessThan(total);
    expect(stdout).toMatch(/property\s+target\s+runs\s+engaged\s+result/);
    // one table row per finished check, each a whole check (its 200 runs)
    expect(stdout.split('\n').filter((line) => /\s200\s+\d+\s+ok\s/.test(line))).toHaveLength(done);
  });
});
