// Replays every regression scenario (regressions/*.json) on the model and on the loop; they must agree exactly.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseScenarioText, simulate } from '../model/index.ts';
import { runOnLoop } from '../properties/run-on-loop.ts';
import { firstDivergence, timelineAscii } from '../reports/timeline/index.ts';

const here = dirname(fileURLToPath(import.meta.url));
const files = readdirSync(here).filter((file) => file.endsWith('.json')).sort();

describe('regression corpus', () => {
  it('is not empty', () => {
    expect(files.length).toBeGreaterThan(0);
  });
  for (const file of files) {
    it(`${file}: model and loop agree`, () => {
      const scenario = parseScenarioText(readFileSync(join(here, file), 'utf8'));
      const runs = [
        { label: 'model', outcome: simulate(scenario) },
        { label: 'loop', outcome: runOnLoop(scenario) },
      ];
      const divergence = firstDivergence(runs);
      const picture = divergence === null ? '' : `\n${timelineAscii({ scenario, outcomes: runs, title: file })}`;
      expect(divergence?.description ?? null, picture).toBeNull();
      expect(runs[1]!.outcome).toEqual(runs[0]!.outcome);
    });
  }
});
