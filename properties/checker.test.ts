// The checker on a broken loop: it fails, reports seed/path/shrunk scenario, writes a replay file that reproduces it.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkProperty, checkPropertySync, describeFailure } from './checker.ts';
import { orderPreservation, differential, maxNotSum } from './rules/index.ts';
import { implRunner, modelRunner, runnerFromTarget } from './runners.ts';
import { completionOrder } from './mutants/completion-order.ts';
import { mutantRunner } from './mutants/mutant.ts';
import { evaluateSync } from './evaluate.ts';
import { readReplayFile, ReplayFileError, failureFileName } from './failure-file.ts';
import { loopTarget } from './run-on-loop.ts';
import { TEST_SEED } from './config.ts';

const dir = mkdtempSync(join(tmpdir(), 'loopcheck-failures-'));
const broken = mutantRunner(completionOrder);

describe('checker', () => {
  // Run inside each test, not while collecting: a tool like Stryker attributes what runs to the test that runs it.
  const failingCheck = () =>
    checkPropertySync(orderPreservation, broken, { runs: 200, seed: TEST_SEED, failuresDir: dir });

  it('fails on a broken loop with seed, path and a shrunk scenario', () => {
    const result = failingCheck();
    expect(result.status).toBe('failed');
    const f = result.failure!;
    expect(f.seed).toBe(TEST_SEED);
    expect(f.path).toMatch(/^\d+(:\d+)*$/);
    // Two results swapped need two children somewhere (maybe inside a nested gather), and no more than three.
    const all = JSON.stringify(f.scenario).match(/"name"/g)!.length;
    expect(all).toBeGreaterThanOrEqual(2);
    expect(all).toBeLessThanOrEqual(3);
    const text = describeFailure(result);
    for (const part of [
      `seed ${TEST_SEED}`,
      f.path,
      JSON.stringify(f.scenario),
      'order-preservation',
      'mutant:completion-order',
    ])
      expect(text).toContain(part);
  });

  it('writes a replay file that reads back and reproduces the violation', () => {
    const result = failingCheck();
    expect(result.failureFile).toBe(join(dir, failureFileName('order-preservation', 'mutant:completion-order')));
    const json = JSON.parse(readFileSync(result.failureFile!, 'utf8'));
    expect(json).toMatchObject({
      loopcheck: 1,
      kind: 'failure',
      property: 'order-preservation',
      target: 'mutant:completion-order',
      profile: 'seed',
      seed: TEST_SEED,
    });
    const { scenario, failure } = readReplayFile(result.failureFile!);
    expect(scenario).toEqual(result.failure!.scenario);
    expect(failure?.observed).toEqual(result.failure!.observed);
    expect(evaluateSync(orderPreservation, scenario, broken).violation).toBe(result.failure!.message);
    expect(evaluateSync(orderPreservation, scenario, implRunner).violation).toBeNull();
  });

  it('replays the same counterexample from seed and path', () => {
    const result = failingCheck();
    const again = checkPropertySync(orderPreservation, broken, {
      seed: result.seed,
      path: result.failure!.path,
      failuresDir: null,
    });
    expect(again.failure?.scenario).toEqual(result.failure!.scenario);
  });

  it('stores the reference outcome for the differential', () => {
    const r = checkPropertySync(differential, broken, { runs: 200, seed: TEST_SEED, failuresDir: null });
    expect(r.status).toBe('failed');
    expect(r.failure!.expected).toEqual(modelRunner.run(r.failure!.scenario));
    expect(r.failure!.message).toMatch(/^(trace event #\d+|awaiter|child)/);
  });

  it('skips the differential on the reference itself', () => {
    expect(checkPropertySync(differential, modelRunner, { runs: 5, seed: 1 }).status).toBe('skipped');
  });

  it('runs async Targets too', async () => {
    const r = await checkProperty(maxNotSum, runnerFromTarget(loopTarget), {
      runs: 20,
      seed: TEST_SEED,
      failuresDir: null,
    });
    expect(r.status).toBe('passed');
    expect(r.runs).toBe(20);
  });
});

describe('replay files', () => {
  it('rejects missing files, bad JSON and invalid scenarios with one-line ReplayFileErrors', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ nope');
    const invalid = join(dir, 'invalid.json');
    writeFileSync(invalid, JSON.stringify({ loopcheck: 1, children: [{ name: 'a', sleeps: [-1], end: 'hang' }] }));
    for (const file of [join(dir, 'missing.json'), bad, invalid]) {
      expect(() => readReplayFile(file)).toThrow(ReplayFileError);
      try {
        readReplayFile(file);
      } catch (e) {
        expect((e as Error).message).not.toContain('\n');
      }
    }
  });

  it('a passing check removes the stale replay file (and timelines) of the same property and target', () => {
    const stale = mkdtempSync(join(tmpdir(), 'loopcheck-stale-'));
    const file = join(stale, failureFileName(orderPreservation.name, implRunner.name));
    writeFileSync(file, '{}');
    writeFileSync(file.replace(/\.json$/, '.svg'), '<svg/>');
    writeFileSync(join(stale, failureFileName(orderPreservation.name, 'other')), '{}');
    const r = checkPropertySync(orderPreservation, implRunner, { runs: 5, seed: TEST_SEED, failuresDir: stale });
    expect(r.status).toBe('passed');
    expect(existsSync(file)).toBe(false);
    expect(existsSync(file.replace(/\.json$/, '.svg'))).toBe(false);
    expect(existsSync(join(stale, failureFileName(orderPreservation.name, 'other')))).toBe(true);
  });
});
