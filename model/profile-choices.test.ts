// Every variation point of the profiles (rules.md, "Profiles") checked in ONE test, so that the test that first
// builds each profile's machines (machinesFor caches them per module) is also the one that tells the profiles
// apart: a per-test mutation tool then credits the killing test (profiles.test.ts has one test per point).
import { expect, it } from 'vitest';
import { parseScenario, simulate, type Profile } from './index.ts';

const run = (profile: Profile, json: object) => simulate(parseScenario({ loopcheck: 1, profile, ...json }));

/** What each profile does at each point: [G3 siblings, G3 early order, G6 wake, T5c report, G6m children]. */
function signature(profile: Profile): unknown[] {
  // G3: a sibling still running when another raises is cancelled (seed) or runs to its end
  const siblings = run(profile, {
    children: [
      { name: 'a', sleeps: [10], end: { raise: 'Boom' } },
      { name: 'b', sleeps: [20], end: { return: 'b' } },
    ],
  }).children.b!.status;
  // G3: among children ended before the call, first in time (seed) or first in argument order
  const early = run(profile, {
    gatherAfter: 5,
    children: [
      { name: 'a', sleeps: [2], end: { raise: 'Late' }, task: true },
      { name: 'b', sleeps: [1], end: { raise: 'Early' }, task: true },
    ],
  }).awaiter.error;
  // G6: a cancelled awaiter with return_exceptions resumes at once, or (CPython) when its last child has ended
  const wake = run(profile, {
    returnExceptions: true,
    cancels: [{ at: 5, target: 'awaiter' }],
    children: [
      { name: 'a', sleeps: [10], end: { return: 1 }, onCancel: { cleanupMs: 3 } },
      { name: 'b', sleeps: [10], end: { return: 2 } },
    ],
  }).awaiter.at;
  // T5c: CPython learns of a child's end through a queued callback, so a sibling ending at that instant decides
  const report = run(profile, {
    children: [
      {
        name: 'n',
        gather: {
          returnExceptions: false,
          gatherAfter: 5,
          children: [{ name: 'a', sleeps: [], end: { raise: 'X' }, task: true }],
        },
      },
      { name: 's', sleeps: [5], end: { raise: 'Z' } },
    ],
  }).awaiter.error;
  // G6m: MicroPython cancels the children only when the cancelled caller runs: a child queued before it raises
  const g6m = run(profile, {
    cancels: [{ at: 0, target: 'awaiter' }],
    children: [
      { name: 'a', sleeps: [], end: { raise: 'ValueError' } },
      { name: 'b', sleeps: [], end: 'hang' },
    ],
  }).children.a!.status;
  return [siblings, early, wake, report, g6m];
}

it('each profile takes its own side at every variation point', () => {
  // seed: the cancel due at 0 runs only once the queue is empty (S2), after `a` raised
  expect(signature('seed')).toEqual(['cancelled', 'Early', 5, 'X', 'raised']);
  expect(signature('cpython')).toEqual(['returned', 'Late', 8, 'Z', 'cancelled']);
  expect(signature('micropython')).toEqual(['returned', 'Late', 5, 'X', 'raised']);
});
