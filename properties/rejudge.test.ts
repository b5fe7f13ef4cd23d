// Re-judging saved failures: the recorded property on the recorded target fails again while the bug is there,
// holds on the fixed target, and a file naming an unknown target or property is refused in one line.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAnyScenario, parseScenario } from '../model/index.ts';
import type { Scenario } from '../model/scenario-types.ts';
import { readReplayFile, ReplayFileError, writeFailureFile, type FailureRecord } from './failure-file.ts';
import { rejudgeFailure } from './rejudge.ts';
import { implRunner } from './runners.ts';

const dir = mkdtempSync(join(tmpdir(), 'loopcheck-rejudge-'));
// A child raises while its sibling still sleeps: the seed cancels the sibling (G4); no-sibling-cancel does not.
const scenario = parseScenario({
  loopcheck: 1,
  profile: 'seed',
  returnExceptions: false,
  cancels: [],
  children: [
    { name: 'a', sleeps: [1], end: { raise: 'ValueError' } },
    { name: 'b', sleeps: [5], end: { return: 1 } },
  ],
});
const failure = (property: string, target: string, targetSpec?: string): FailureRecord => ({
  loopcheck: 1,
  kind: 'failure',
  property,
  target,
  ...(targetSpec ? { targetSpec } : {}),
  profile: 'seed',
  seed: 0,
  path: '',
  scenario,
  message: 'was broken',
  observed: null,
});

describe('rejudgeFailure', () => {
  it('judges the recorded property on the recorded mutant: it still fails; on impl it holds', async () => {
    for (const property of ['sibling-cancellation', 'differential']) {
      const broken = await rejudgeFailure(failure(property, 'mutant:no-sibling-cancel', 'mutant:no-sibling-cancel'));
      expect(broken.property).toBe(property);
      expect(broken.runner.name).toBe('mutant:no-sibling-cancel');
      expect(broken.evaluation.violation).not.toBeNull();
      const fixed = await rejudgeFailure(failure(property, 'impl', 'impl'));
      expect(fixed.evaluation.violation).toBeNull();
    }
  });

  it('a differential compares with the model; `runner` judges the same property on another target', async () => {
    const r = await rejudgeFailure(failure('differential', 'mutant:no-sibling-cancel', 'mutant:no-sibling-cancel'));
    expect(r.evaluation.expected?.children.b!.status).toBe('cancelled');
    expect(r.evaluation.observed?.children.b!.status).toBe('returned');
    const other = await rejudgeFailure(
      failure('differential', 'mutant:no-sibling-cancel', 'mutant:no-sibling-cancel'),
      { runner: implRunner },
    );
    expect(other.evaluation.violation).toBeNull();
  });

  it('a crash file fails again while the target throws and holds once it returns', async () => {
    const throwing = {
      sync: true as const,
      name: 'thrower',
      profile: 'seed',
      run: () => {
        throw new Error('boom\nstack');
      },
    };
    const again = await rejudgeFailure(failure('crash', 'thrower'), { runner: throwing });
    expect(again.evaluation.violation).toBe('boom');
    expect((await rejudgeFailure(failure('crash', 'impl', 'impl'))).evaluation.violation).toBeNull();
  });

  it('a format 2 failure (check draws format 2 under seed) is saved, read back and judged again', async () => {
    // no-sibling-cancel on a lifted scenario: the gather of a and b, plus zz left out and a shutdown (§4b)
    const lifted = parseAnyScenario({
      ...scenario,
      loopcheck: 2,
      shutdown: true,
      args: ['a', 'b'],
      children: [...scenario.children, { name: 'zz', task: true, sleeps: [40], end: { return: 'zz' } }],
    }) as unknown as Scenario;
    const file = writeFailureFile(
      { ...failure('sibling-cancellation', 'mutant:no-sibling-cancel', 'mutant:no-sibling-cancel'), scenario: lifted },
      dir,
    );
    const read = readReplayFile(file);
    expect(read.scenario).toEqual(lifted);
    expect((await rejudgeFailure(read.failure!)).evaluation.violation).not.toBeNull();
    expect(
      (await rejudgeFailure({ ...read.failure!, target: 'impl', targetSpec: 'impl' })).evaluation.violation,
    ).toBeNull();
  });

  it('refuses to judge again a property that does not read the scenario\'s format (never "no longer fails")', async () => {
    const lifted = parseAnyScenario({ ...scenario, loopcheck: 2, profile: 'cpython' }) as unknown as Scenario;
    const record = { ...failure('siblings-keep-running', 'model', 'model'), profile: 'cpython', scenario: lifted };
    await expect(rejudgeFailure(record, { file: 'f.json' })).rejects.toThrow(
      'f.json: siblings-keep-running does not judge a format 2 scenario (it reads format 1): nothing to judge again',
    );
  });

  it('refuses an unknown target or property with a ReplayFileError', async () => {
    await expect(
      rejudgeFailure(failure('differential', 'x', 'mutant:no-such-mutant'), { file: 'f.json' }),
    ).rejects.toThrow(/f\.json: unknown target "mutant:no-such-mutant"/);
    await expect(rejudgeFailure(failure('no-such-property', 'impl', 'impl'))).rejects.toBeInstanceOf(ReplayFileError);
  });
});

describe('failure files record their target', () => {
  it('writeFailureFile fills targetSpec with the target name, keeps a given one; readReplayFile reads it back', () => {
    const named = writeFailureFile(failure('differential', 'mutant:no-sibling-cancel'), dir);
    expect(JSON.parse(readFileSync(named, 'utf8')).targetSpec).toBe('mutant:no-sibling-cancel');
    const adapter = writeFailureFile(failure('differential', 'my-adapter', '/somewhere/my-adapter.ts'), dir);
    expect(readReplayFile(adapter).failure?.targetSpec).toBe('/somewhere/my-adapter.ts');
  });

  it('a file without targetSpec (written before it existed) reads without one', async () => {
    const { replayInputFromJson } = await import('./failure-file.ts');
    const old = { ...failure('differential', 'impl'), targetSpec: undefined };
    expect(replayInputFromJson(JSON.parse(JSON.stringify(old))).failure?.targetSpec).toBeUndefined();
    expect(() => replayInputFromJson({ ...old, targetSpec: 3 }, 'f.json')).toThrow(/f\.json: "targetSpec" must be/);
  });
});
