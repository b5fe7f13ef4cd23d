// loopcheckTest on a user's property that does not read format 2, given format 2 cases: the passing test carries an
// annotation saying how many it did not judge (and one that judges every case carries none).
import { afterAll, describe, expect } from 'vitest';
import type { RunnerTestCase, RunnerTestSuite } from 'vitest';
import { loopcheckTest } from '../library/vitest.ts';
import { modelRunner } from '../properties/runners.ts';
import { checkArb } from '../properties/arbitraries/index.ts';
import { HELD, type OutcomeProperty } from '../properties/rules/property-types.ts';
import { TEST_SEED } from '../properties/config.ts';

const holds = (formats?: OutcomeProperty['formats']): OutcomeProperty => ({
  kind: 'outcome',
  name: formats === undefined ? 'format-1-only' : 'both-formats',
  description: 'holds on every case',
  profiles: ['seed'],
  ...(formats === undefined ? {} : { formats }),
  check: () => HELD,
});
const options = { runs: 30, seed: TEST_SEED, failuresDir: null, arbitrary: checkArb('seed') };

describe('loopcheckTest says how many cases went unjudged', () => {
  loopcheckTest(holds(), modelRunner, options);
  loopcheckTest(holds([1, 2]), modelRunner, options);
  // biome-ignore lint/correctness/noEmptyPattern: vitest wants a destructured context before the suite argument
  afterAll(({}, suite) => {
    const annotations = (name: string): string[] =>
      ((suite as RunnerTestSuite).tasks.find((t) => t.name.startsWith(name)) as RunnerTestCase).annotations.map(
        (a) => a.message,
      );
    const [only1] = annotations('format-1-only');
    expect(only1).toMatch(
      /^format-1-only on model: passed \(engaged (\d+) of \1 \(100%\) judged; \d+ format 2 cases? not judged/,
    );
    expect(annotations('both-formats')).toEqual([]);
  });
});
