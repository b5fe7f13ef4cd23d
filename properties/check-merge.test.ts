// Sharded checks merged (properties/check-merge.ts): the partition of cases, a target that skips cases (async, fc.pre)
// merged to the unsharded result with and without a failure, the vacuity rule on merged counts, a shard short of cases.
import { describe, expect, it } from 'vitest';
import { isScenarioV2 } from '../model/scenario-types.ts';
import { checkArb } from './arbitraries/scenario.ts';
import { CheckMergeError, mergeRow } from './check-merge.ts';
import { type CheckOptions, type CheckResult, checkProperty } from './checker.ts';
import { ALL_MUTANTS, mutantRunner } from './mutants/index.ts';
import { findProperty } from './rules/index.ts';
import { type AsyncRunner, type SyncRunner, UnsupportedCase, implRunner } from './runners.ts';
import { CASE_ENGAGED, CASE_JUDGED, CaseLog, ownedBelow, ownsCase } from './shard-cases.ts';

/** A sync runner as an async target that cannot run format 2 (answers unsupported): its check skips those cases. */
function formatOneOnly(runner: SyncRunner): AsyncRunner {
  return {
    sync: false,
    name: `${runner.name}-format1`,
    profile: 'seed',
    run: async (s) => {
      if (isScenarioV2(s)) throw new UnsupportedCase('format 1 only');
      return runner.run(s);
    },
  };
}

const withoutTime = ({ timeMs: _, ...rest }: CheckResult): Omit<CheckResult, 'timeMs'> => rest;

async function shardedAgainstWhole(property: string, runner: AsyncRunner, options: CheckOptions, count: number) {
  const spec = findProperty(property)!;
  const whole = await checkProperty(spec, runner, options);
  const shards: CheckResult[] = [];
  for (let index = 1; index <= count; index++)
    shards.push(await checkProperty(spec, runner, { ...options, shard: { index, count } }));
  return { whole, shards, merged: mergeRow(shards, options.runs!) };
}

describe('sharded checks', () => {
  it('the shards own every case once', () => {
    for (const count of [1, 2, 3, 7])
      for (const runs of [1, 5, 6, 100]) {
        const shards = Array.from({ length: count }, (_, i) => ({ index: i + 1, count }));
        expect(shards.reduce((sum, s) => sum + ownedBelow(s, runs), 0)).toBe(runs);
        for (let k = 0; k < runs; k++) expect(shards.filter((s) => ownsCase(s, k))).toHaveLength(1);
      }
  });

  const options: CheckOptions = { runs: 16, seed: 20, arbitrary: checkArb('seed'), failuresDir: null };

  it('a target that skips cases: the merged row is the unsharded one (runs, engaged, judged, vacuity)', async () => {
    const { whole, shards, merged } = await shardedAgainstWhole('nothing-lost', formatOneOnly(implRunner), options, 3);
    expect(whole.status).toBe('passed');
    // Every shard skipped cases and went on beyond its share, so the merge had to cut each at the unsharded run's end.
    for (const s of shards) expect(s.shardCases!.covered).toBeGreaterThan(s.runs);
    expect(shards.reduce((sum, s) => sum + s.runs, 0)).toBeGreaterThan(whole.runs);
    expect(withoutTime(merged)).toEqual(withoutTime(whole));
  });

  it('a failure on a target that skips cases: the unsharded run’s first failure, same path and shrunk scenario', async () => {
    const sequential = ALL_MUTANTS.find((m) => m.name === 'sequential')!;
    const runner = formatOneOnly(mutantRunner(sequential));
    const { whole, merged } = await shardedAgainstWhole('max-not-sum', runner, { ...options, runs: 40 }, 3);
    expect(whole.status).toBe('failed');
    expect(withoutTime(merged)).toEqual(withoutTime(whole));
  });

  /** A shard's row of `codes` for property `property` (passed). */
  function row(property: string, codes: number[]): CheckResult {
    const log = new CaseLog();
    for (const c of codes) log.push(c as 0 | 1 | 2 | 3);
    const engaged = codes.filter((c) => c === CASE_ENGAGED).length;
    return {
      property,
      target: 'model',
      profile: 'seed',
      seed: 1,
      runs: log.runs,
      engaged,
      timeMs: 1,
      status: 'passed',
      shardCases: log.record(),
    };
  }

  it('a property that does not read format 2: the merged row counts its unjudged cases as the unsharded one', async () => {
    const cpython: CheckOptions = { runs: 24, seed: 20, arbitrary: checkArb('cpython'), failuresDir: null };
    const runner: AsyncRunner = { ...implRunner, sync: false, profile: 'cpython', run: async (s) => implRunner.run(s) };
    const { whole, merged } = await shardedAgainstWhole('siblings-keep-running', runner, cpython, 3);
    expect(whole.unjudged?.[2]).toBeGreaterThan(0);
    expect(withoutTime(merged)).toEqual(withoutTime(whole));
  });

  it('the vacuity rule judges the merged counts, not a shard’s', () => {
    // 5 engaged of shard 1's 20 cases is 25% (no verdict on its own), 5 of the 60 merged ones is vacuous.
    const one = [...Array(5).fill(CASE_ENGAGED), ...Array(15).fill(CASE_JUDGED)];
    const none = Array(20).fill(CASE_JUDGED);
    const merged = mergeRow([row('nothing-lost', one), row('nothing-lost', none), row('nothing-lost', none)], 60);
    expect(merged).toMatchObject({ runs: 60, engaged: 5, status: 'vacuous', timeMs: 3 });
    expect(merged.note).toMatch(/^vacuous: engaged 5 of 60/);
    expect(mergeRow([row('nothing-lost', one)], 20).status).toBe('passed');
  });

  it('refuses a shard that stopped short of the unsharded run’s cases', () => {
    const full = Array(10).fill(CASE_JUDGED);
    const rows = [row('nothing-lost', full), row('nothing-lost', full.slice(0, 9))];
    expect(() => mergeRow(rows, 20)).toThrow(CheckMergeError);
    expect(() => mergeRow(rows, 20)).toThrow(/shard 2\/2 stopped before case 19 of nothing-lost on model/);
  });
});
