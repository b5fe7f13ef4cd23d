// Exploration: N = 2 in full passes on model and loop; the reduction is sound; a mutant fails with a replay file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { simulate } from '../model/index.ts';
import { readReplayFile } from '../properties/failure-file.ts';
import { MUTANTS, mutantRunner } from '../properties/mutants/index.ts';
import { outcomeViolations, propertiesFor } from '../properties/rules/index.ts';
import { traceHash } from './canonical.ts';
import { enumerateScenarios, leafAlternatives, scenariosWithChildren } from './enumerate.ts';
import { explore } from './explore.ts';
import { Reducer, summarise } from './reduction.ts';

const dir = mkdtempSync(join(tmpdir(), 'loopcheck-explore-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('explore', () => {
  it('N = 2 in full: every property holds on model and loop, and the differential', () => {
    const c = explore({ bound: 2, failuresDir: join(dir, 'n2') });
    expect(c.failures.map((f) => `${f.property} on ${f.target}: ${f.message}`)).toEqual([]);
    expect(c.complete).toBe(true);
    expect(c.scenarios).toBe([...enumerateScenarios(2)].length);
    expect(c.modelRuns + c.reduced).toBe(c.scenarios);
    expect(c.properties.map((p) => p.name)).toEqual(propertiesFor('seed').map((p) => p.name));
    for (const p of c.properties) {
      expect(p.held).toBe(true);
      expect(p.checked).toBe(propertiesFor('seed').find((x) => x.name === p.name)?.kind === 'differential' ? c.distinctTraces : 2 * c.distinctTraces);
      expect(p.engaged).toBeGreaterThan(0);
      expect(p.engaged).toBeLessThanOrEqual(p.checked);
    }
  });

  it('the reduction skips runs but finds exactly the distinct traces a full run finds (N = 1)', () => {
    const reduced = explore({ bound: 1, failuresDir: null });
    const full = explore({ bound: 1, failuresDir: null, reduce: false });
    expect(full.reduced).toBe(0);
    expect(reduced.reduced).toBeGreaterThan(0);
    expect(reduced.distinctTraces).toBe(full.distinctTraces);
  });

  it('the reduction is sound: every scenario it skips really runs like the one it names', () => {
    // All of N = 1 and the first 2-child scenarios, each run anyway and compared with the claimed equal run.
    const reducer = new Reducer(leafAlternatives);
    let skipped = 0;
    const stream = [...enumerateScenarios(1), ...[...scenariosWithChildren(2)].slice(0, 2500)];
    for (const s of stream) {
      const claimed = reducer.equivalent(s);
      const outcome = simulate(s);
      const hash = traceHash(s, outcome);
      if (claimed !== undefined) {
        skipped++;
        expect(claimed.hash, JSON.stringify(s)).toBe(hash);
      }
      reducer.remember(s, summarise(outcome, hash));
    }
    expect(skipped).toBeGreaterThan(stream.length / 2);
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
    if (f!.property === 'differential') expect(JSON.stringify(again)).not.toBe(JSON.stringify(model));
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
    const keys = all.failures.map((f) => `${f.property}/${f.target}`);
    expect(new Set(keys).size).toBe(keys.length);
    // A mutant that ever differs from the model fails the differential too, besides its first property.
    expect(keys).toContain('differential/mutant:cancel-not-forwarded');
    expect(keys.length).toBeGreaterThanOrEqual(2);
    for (const f of all.failures) expect(all.properties.find((p) => p.name === f.property)?.held).toBe(false);
  });
});
