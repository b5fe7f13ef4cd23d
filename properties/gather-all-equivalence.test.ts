// gatherAll is gather: on generated scenarios (formats 1 and 2), the loop's outcome and trace are the same with either.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gatherAll } from '../impl/index.ts';
import { checkArb } from './arbitraries/index.ts';
import { runOnLoop } from './run-on-loop.ts';

describe('gatherAll', () => {
  it('gives the outcome and trace of gather(...children) on 300 generated scenarios', () => {
    const scenarios = fc.sample(checkArb('seed'), { seed: 15, numRuns: 300 });
    let differ = 0;
    for (const scenario of scenarios) {
      const spread = runOnLoop(scenario);
      const array = runOnLoop(scenario, { gather: (aws, options) => gatherAll(aws, options) });
      expect(array, JSON.stringify(scenario)).toEqual(spread);
      if (JSON.stringify(spread) !== JSON.stringify(runOnLoop(scenario, { gather: (aws) => gatherAll(aws) }))) differ++;
    }
    // the comparison can fail: without the options the scenarios with returnExceptions differ
    expect(differ).toBeGreaterThan(0);
  });
});
