// Hand-written scenarios aimed at rarely reached corners of the model (double cancels, cancels during cleanup…).
import type { Scenario } from '../../model/scenario-types.ts';

const base = { loopcheck: 1, profile: 'seed' } as const;

/** Each with what it aims at; the graph command runs them when random generation leaves something unreached. */
export const TARGETED_SCENARIOS: { aim: string; scenario: Scenario }[] = [
  {
    aim: 'a task child cancelled twice at one instant (the second cancel finds one pending)',
    scenario: {
      ...base, returnExceptions: false, cancels: [{ at: 1, target: 't' }, { at: 1, target: 't' }],
      children: [{ name: 't', sleeps: [5], end: { return: 1 }, task: true }],
    },
  },
  {
    aim: 'the awaiter cancelled twice at one instant while it awaits its gather',
    scenario: {
      ...base, returnExceptions: true, cancels: [{ at: 1, target: 'awaiter' }, { at: 1, target: 'awaiter' }],
      children: [{ name: 'a', sleeps: [5], end: { return: 1 } }],
    },
  },
  {
    aim: 'a cancel during cleanup (a new request after the first was delivered)',
    scenario: {
      ...base, returnExceptions: true, cancels: [{ at: 1, target: 't' }, { at: 2, target: 't' }],
      children: [{ name: 't', sleeps: [5], end: { return: 1 }, task: true, onCancel: { cleanupMs: 3 } }],
    },
  },
  {
    aim: 'a cancel aimed at a finished task, and a child ending after its gather raised',
    scenario: {
      ...base, returnExceptions: false, cancels: [{ at: 9, target: 't' }],
      children: [
        { name: 'e', sleeps: [1], end: { raise: 'ValueError' } },
        { name: 't', sleeps: [2], end: { return: 2 }, task: true, onCancel: { cleanupMs: 2 } },
      ],
    },
  },
  {
    aim: 'a gather of task children that all finished before gather was called (G2)',
    scenario: {
      ...base, returnExceptions: false, gatherAfter: 5, cancels: [],
      children: [
        { name: 'a', sleeps: [1], end: { return: 'a' }, task: true },
        { name: 'b', sleeps: [], end: { raise: 'KeyError' }, task: true },
      ],
    },
  },
  {
    aim: 'a nested gather cancelled while its own children clean up, with swallowing children',
    scenario: {
      ...base, returnExceptions: false, cancels: [{ at: 2, target: 'n' }],
      children: [
        {
          name: 'n', task: true, onCancel: { swallow: 'n swallowed' },
          gather: {
            returnExceptions: false,
            children: [
              { name: 'x', sleeps: [4], end: { return: 1 }, onCancel: { swallow: 'x' } },
              { name: 'y', sleeps: [4], end: 'hang', onCancel: { cleanupMs: 1 } },
            ],
          },
        },
        { name: 'z', sleeps: [0], end: { return: 0 } },
      ],
    },
  },
];
