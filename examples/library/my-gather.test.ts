// A user's test file: loopcheck's properties judge the gather of my-gather.ts (run by `npm run smoke:pack`, from the packed tarball).
import { gatherRunner } from '../../index.ts';
import { loopcheckSuite, loopcheckTest } from '../../library/vitest.ts';
import { myGather } from './my-gather.ts';

// Every property of the seed profile, the differential against the model included (one test each).
loopcheckSuite(gatherRunner('my-gather', myGather()), { runs: 50 });

// The planted bug: this test fails, and its message is the replay recipe.
loopcheckTest('sibling-cancellation', gatherRunner('forgetful-gather', myGather({ forgetSiblings: true })));
