// Replays every regression file (regressions/*.json): the model still gives the recorded outcome under every
// profile, every property holds on the model (each profile) and on the loop, and model and loop agree exactly.
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simulate, type Scenario } from '../model/index.ts';
import { runOnLoop } from '../properties/run-on-loop.ts';
import { readReplayFile } from '../properties/failure-file.ts';
import { expectationDifferences, regressionProfiles, withProfile } from '../properties/regression-file.ts';
import { propertiesFor } from '../properties/rules/index.ts';
import { evaluateSync } from '../properties/evaluate.ts';
import { implRunner, modelRunner, type SyncRunner } from '../properties/runners.ts';
import { firstDivergence, timelineAscii } from '../reports/timeline/index.ts';

const here = dirname(fileURLToPath(import.meta.url));
const files = readdirSync(here)
  .filter((file) => file.endsWith('.json'))
  .sort();

/** The regression in `file`; a plain scenario (no recorded expectation) is a test failure, not a skip. */
function regressionOf(file: string) {
  const { regression } = readReplayFile(join(here, file));
  if (regression === undefined) {
    throw new Error(
      `${file} has no recorded expectation: node bin/loopcheck.js replay regressions/${file} --record-expectation regressions/${file}`,
    );
  }
  return regression;
}

/** Every property of the profile on one target (the differential ones against the model), as `violation` lines. */
function violations(runner: SyncRunner, profile: string, scenario: Scenario): string[] {
  const out: string[] = [];
  for (const property of propertiesFor(profile)) {
    if (property.kind === 'differential' && runner === modelRunner) continue; // the model is the reference
    const { violation } = evaluateSync(property, scenario, runner, modelRunner);
    if (violation !== null) out.push(`${property.name} on ${runner.name} (${profile}): ${violation}`);
  }
  return out;
}

describe('regression corpus', () => {
  it('is not empty', () => {
    expect(files.length).toBeGreaterThan(0);
  });
  for (const file of files) {
    describe(file, () => {
      it('the model still gives the recorded outcome under every profile (re-record on purpose when it should change)', () => {
        const differences = expectationDifferences(regressionOf(file));
        expect(
          differences,
          `re-record: node bin/loopcheck.js replay regressions/${file} --record-expectation regressions/${file}`,
        ).toEqual([]);
      });

      it('every property holds: on the model under every profile, on the loop under seed', () => {
        const { scenario } = regressionOf(file);
        const found = regressionProfiles().flatMap((profile) =>
          violations(modelRunner, profile, withProfile(scenario, profile)),
        );
        found.push(...violations(implRunner, 'seed', withProfile(scenario, 'seed')));
        expect(found).toEqual([]);
      });

      it('model and loop agree exactly (seed)', () => {
        const scenario = withProfile(regressionOf(file).scenario, 'seed');
        const runs = [
          { label: 'model', outcome: simulate(scenario) },
          { label: 'loop', outcome: runOnLoop(scenario) },
        ];
        const divergence = firstDivergence(runs);
        const picture = divergence === null ? '' : `\n${timelineAscii({ scenario, outcomes: runs, title: file })}`;
        expect(divergence?.description ?? null, picture).toBeNull();
        expect(runs[1]!.outcome).toEqual(runs[0]!.outcome);
      });
    });
  }
});
