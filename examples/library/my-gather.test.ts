// A user's test file: loopcheck's properties judge the gather of my-gather.ts (run by `npm run smoke:pack`, from the packed tarball).
import { gatherRunner, type OutcomeProperty } from '../../index.ts';
import { loopcheckSuite, loopcheckTest } from '../../library/vitest.ts';
import { myGather } from './my-gather.ts';

const mine = gatherRunner('my-gather', myGather());

// Every property of the seed profile, the differential against the model included (one test each).
loopcheckSuite(mine, { runs: 50 });

// A property of your own: a scenario's outcome in, a violation message (or null) out.
const oneResultPerChild: OutcomeProperty = {
  kind: 'outcome',
  name: 'one-result-per-child',
  description: 'a gather that returns gives one entry per argument',
  profiles: ['seed'],
  check: (scenario, outcome) =>
    outcome.awaiter.status !== 'returned' || (outcome.awaiter.value as unknown[]).length === scenario.children.length
      ? null
      : `returned ${JSON.stringify(outcome.awaiter.value)} for ${scenario.children.length} children`,
};
loopcheckTest(oneResultPerChild, mine);

// The planted bug: this test fails, and its message is the replay recipe.
loopcheckTest('sibling-cancellation', gatherRunner('forgetful-gather', myGather({ forgetSiblings: true })));
