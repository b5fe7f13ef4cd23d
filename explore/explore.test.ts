// Exploration: N = 1 in full passes with every scenario on the loop; the reduction is sound; shards and workers merge
// into the unsharded certificate; a mutant fails with a replay file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulate } from '../model/index.ts';
import { runOnLoop } from '../properties/run-on-loop.ts';
import { readReplayFile } from '../properties/failure-file.ts';
import { MUTANTS, mutantRunner } from '../properties/mutants/index.ts';
import { findProperty, outcomeViolations, propertiesFor } from '../properties/rules/index.ts';
import { traceHash } from './canonical.ts';
import { enumerateScenarios, FAMILIES, familyScenarios, leafAlternatives } from './enumerate.ts';
import { type Certificate, explore, exploreShard } from './explore.ts';
import { checkShardSet, mergeResults, MergeError } from './merge.ts';
import { exploreParallel } from './parallel.ts';
import { Reducer, summarise } from './reduction.ts';
import { isFormat2Only, judgesFormat } from '../properties/format2/readiness.ts';

const dir = mkdtempSync(join(tmpdir(), 'loopcheck-explore-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The fields an unsharded run and a merge of shards must agree on. */
function counts(c: Certificate): unknown {
  return {
    bound: c.bound,
    scenarios: c.scenarios,
    ranOnModel: c.ranOnModel,
    ranOnLoop: c.ranOnLoop,
    distinctTraces: c.distinctTraces,
    properties: c.properties,
    complete: c.complete,
    failures: c.failures,
    covers: c.covers,
  };
}

/** Small blocks, so N = 1 (6,140 scenarios) spans 12 of them and every shard of 3 gets some. */
const SMALL_BLOCKS = 512;
let whole: Certificate;
beforeAll(() => {
  whole = explore({ bound: 1, failuresDir: null, blockSize: SMALL_BLOCKS });
});

describe('explore', () => {
  it('N = 1 in full: every property holds; every scenario ran on the loop; the differentials on each', () => {
    expect(whole.failures.map((f) => `${f.property} on ${f.target}: ${f.message}`)).toEqual([]);
    expect(whole.complete).toBe(true);
    expect(whole.scenarios).toBe([...enumerateScenarios(1)].length);
    expect(whole.ranOnLoop).toBe(whole.scenarios);
    expect(whole.ranOnModel).toBeLessThanOrEqual(whole.scenarios);
    expect(whole.properties.map((p) => p.name)).toEqual(propertiesFor('seed').map((p) => p.name));
    const outcome = whole.properties.find((p) => p.name === 'order-preservation')!;
    expect(outcome.checked).toBeGreaterThanOrEqual(whole.distinctTraces);
    for (const p of whole.properties) {
      expect(p.held).toBe(true);
      const kind = propertiesFor('seed').find((x) => x.name === p.name)!.kind;
      // Differentials on every scenario; determinism on both sides per distinct trace in a block; the rest once.
      expect(p.checked).toBe(
        kind === 'differential' ? whole.scenarios : kind === 'determinism' ? 2 * outcome.checked : outcome.checked,
      );
      // the format 2 properties never engage on format 1 scenarios (properties/format2/readiness.ts)
      if (isFormat2Only(findProperty(p.name)!)) expect(p.engaged).toBe(0);
      else expect(p.engaged).toBeGreaterThan(0);
      expect(p.engaged).toBeLessThanOrEqual(p.checked);
    }
    expect(whole.covers).toMatch(/nested/);
    expect(whole.covers).toMatch(/gatherAfter/);
    expect(whole.covers).toMatch(/two sleeps/);
  });

  it('the reduction skips model runs only, and finds exactly the distinct traces a full run finds (N = 1)', () => {
    const full = explore({ bound: 1, failuresDir: null, reduce: false, blockSize: SMALL_BLOCKS });
    expect(full.ranOnModel).toBe(full.scenarios);
    expect(whole.ranOnModel).toBeLessThan(full.ranOnModel);
    expect(whole.ranOnLoop).toBe(full.ranOnLoop);
    expect(whole.distinctTraces).toBe(full.distinctTraces);
    expect(full.properties).toEqual(whole.properties);
  });

  it('the reduction is sound: every scenario it skips really runs like the one it names (new shapes included)', () => {
    // All of N = 1 and the first scenarios of every 2-child family, each run anyway and compared with the claim.
    const reducer = new Reducer(leafAlternatives);
    const wrong: string[] = [];
    let skipped = 0;
    const stream = [
      ...enumerateScenarios(1),
      ...FAMILIES.filter((f) => !f.startsWith('format2')).flatMap((f) => [...familyScenarios(f, 2)].slice(0, 1500)),
    ];
    for (const s of stream) {
      const claimed = reducer.equivalent(s);
      const outcome = simulate(s);
      const hash = traceHash(s, outcome);
      if (claimed !== undefined) {
        skipped++;
        if (claimed.hash !== hash || JSON.stringify(claimed.outcome) !== JSON.stringify(outcome))
          wrong.push(JSON.stringify(s));
      }
      reducer.remember(s, summarise(outcome, hash));
    }
    expect(wrong).toEqual([]);
    expect(skipped).toBeGreaterThan(stream.length / 3);
  });

  it('format 2 scenarios run on the model and the loop with the differentials; properties not ready for format 2 are not engaged', () => {
    const some = [...familyScenarios('format2', 2)].filter((_, i) => i % 32 === 0);
    const cert = explore({ bound: 2, scenarios: some, failuresDir: null });
    expect(cert.failures).toEqual([]);
    expect(cert.scenarios).toBe(some.length);
    expect(cert.ranOnModel).toBe(some.length); // no format 1 reduction for format 2
    expect(cert.ranOnLoop).toBe(some.length);
    const byName = new Map(cert.properties.map((p) => [p.name, p]));
    expect(byName.get('differential')).toMatchObject({ held: true, checked: some.length, engaged: some.length });
    expect(byName.get('determinism')!.engaged).toBeGreaterThan(0);
    // the format 2 properties judge these scenarios, and the format 1 rules too (every seed property is ready)
    expect(cert.properties.filter((p) => isFormat2Only(findProperty(p.name)!)).some((p) => p.engaged > 0)).toBe(true);
    expect(cert.properties.filter((p) => !judgesFormat(findProperty(p.name)!, 2))).toEqual([]);
    expect(byName.get('task-identity')!.engaged).toBeGreaterThan(0);
    expect(byName.get('nothing-lost')!.engaged).toBeGreaterThan(0);
  });

  it('a loop that differs from the model on format 2 only (a shielded task loses its end event) is caught', () => {
    const some = [...familyScenarios('format2', 2)].filter((_, i) => i % 32 === 0);
    const loop = mutantRunner(MUTANTS[0]!);
    const lossy = {
      ...loop,
      name: 'lossy-loop',
      run: (s: Parameters<typeof loop.run>[0]) => {
        const outcome = runOnLoop(s);
        const shielded = (s as { loopcheck: number }).loopcheck === 2 && JSON.stringify(s).includes('"shield"');
        return shielded ? { ...outcome, trace: outcome.trace.slice(0, -1) } : outcome;
      },
    };
    const cert = explore({ bound: 2, scenarios: some, failuresDir: null, loop: lossy });
    expect(cert.complete).toBe(false);
    // nothing-lost judges format 2 too (format2/readiness.ts): it sees the lost end before the differential does
    expect(cert.failures.map((f) => [f.property, f.target])).toEqual([['nothing-lost', 'lossy-loop']]);
    expect(JSON.stringify(cert.failures[0]!.scenario)).toContain('"shield"');
  });

  it('shards 1/3, 2/3, 3/3 merge into the unsharded certificate (N = 1, 12 blocks)', () => {
    const shards = [1, 2, 3].map((index) =>
      explore({ bound: 1, failuresDir: null, blockSize: SMALL_BLOCKS, shard: { index, count: 3 } }),
    );
    for (const s of shards) expect(s.scenarios).toBeGreaterThan(0);
    expect(shards.reduce((sum, s) => sum + s.scenarios, 0)).toBe(whole.scenarios);
    // Shards see overlapping traces: the union, not the sum, is the distinct count.
    expect(shards.reduce((sum, s) => sum + s.distinctTraces, 0)).toBeGreaterThan(whole.distinctTraces);
    checkShardSet(shards, ['a', 'b', 'c']);
    expect(counts(mergeResults(shards))).toEqual(counts(whole));
    expect(() => checkShardSet(shards.slice(0, 2), ['a', 'b'])).toThrow(MergeError);
    expect(() => checkShardSet([shards[0]!, shards[0]!, shards[2]!], ['a', 'a', 'c'])).toThrow(/given twice/);
    expect(() => checkShardSet([shards[0]!, { ...shards[1]!, bound: 2 }, shards[2]!], ['a', 'b', 'c'])).toThrow(
      /bound/,
    );
  });

  it('blocks claimed on demand: every block explored once, whoever claims it (N = 1, 12 blocks)', () => {
    // two runs sharing a counter as two workers might: positions in increasing order, then past the last block
    const lists = [
      [0, 3, 4, 7, 8, 11],
      [1, 2, 5, 6, 9, 10],
    ];
    const runs = lists.map((list) => {
      let i = 0;
      return exploreShard({
        bound: 1,
        failuresDir: null,
        blockSize: SMALL_BLOCKS,
        claim: () => list[i++] ?? 1_000,
      });
    });
    for (const r of runs) expect(r.scenarios).toBeGreaterThan(0);
    expect(runs[0]!.scenarios).not.toBe(runs[1]!.scenarios);
    expect(counts(mergeResults(runs))).toEqual(counts(whole));
  });

  it('two worker threads give the one-thread certificate', async () => {
    const parallel = await exploreParallel({ bound: 1, workers: 2, failuresDir: null, blockSize: SMALL_BLOCKS });
    expect(counts(parallel)).toEqual(counts(whole));
  });

  it('a mutant without sibling cancellation fails, with a replay file that reproduces the violation', () => {
    const mutant = MUTANTS.find((m) => m.name === 'no-sibling-cancel')!;
    const runner = mutantRunner(mutant);
    const failuresDir = join(dir, 'mutant');
    const c = explore({ bound: 2, loop: runner, failuresDir });
    expect(c.complete).toBe(false);
    expect(c.failures).toHaveLength(1);
    const [f] = c.failures;
    expect(f!.target).toBe('mutant:no-sibling-cancel');
    const { scenario, failure } = readReplayFile(f!.file!);
    expect(failure?.property).toBe(f!.property);
    expect(scenario).toEqual(f!.scenario);
    // Re-run the saved scenario: the mutant violates the property (or disagrees with the model), the model does not.
    const again = runner.run(scenario);
    const model = simulate(scenario);
    const violated = outcomeViolations(scenario, again).map(([name]) => name);
    if (f!.property === 'differential' || f!.property === 'outcome-differential')
      expect(JSON.stringify(again)).not.toBe(JSON.stringify(model));
    else expect(violated).toContain(f!.property);
    expect(outcomeViolations(scenario, model)).toEqual([]);
    expect(scenario.children.length).toBeLessThanOrEqual(2);
  });

  it('with allFailures it goes on and reports the first failure of each property × target', () => {
    const mutant = MUTANTS.find((m) => m.name === 'cancel-not-forwarded')!;
    const first = explore({ bound: 1, loop: mutantRunner(mutant), failuresDir: null });
    const all = explore({ bound: 1, loop: mutantRunner(mutant), failuresDir: null, allFailures: true });
    expect(first.failures).toHaveLength(1);
    expect(first.complete).toBe(false);
    expect(all.complete).toBe(true);
    expect(all.scenarios).toBe([...enumerateScenarios(1)].length);
    expect(all.ranOnLoop).toBe(all.scenarios);
    const keys = all.failures.map((f) => `${f.property}/${f.target}`);
    expect(new Set(keys).size).toBe(keys.length);
    // A mutant that ever differs from the model fails the differential too, besides its first property.
    expect(keys).toContain('differential/mutant:cancel-not-forwarded');
    expect(keys.length).toBeGreaterThanOrEqual(2);
    for (const f of all.failures) expect(all.properties.find((p) => p.name === f.property)?.held).toBe(false);
    // The first failure of a stopping run is the earliest case of the full one.
    expect(first.failures[0]!.case).toBe(Math.min(...all.failures.map((f) => f.case)));
  });
});
