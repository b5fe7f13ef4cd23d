// Hand-written scenarios aimed at rarely reached corners of the model (double cancels, cancels during cleanup…),
// and at the transition pairs and guard outcomes random generation rarely produces.
import type { Scenario, ScenarioV2 } from '../../model/scenario-types.ts';
import { FORMAT2_SCENARIOS } from '../../properties/format2/hand-written.ts';
import { parseAnyScenario } from '../../model/scenario.ts';

const base = { loopcheck: 1, profile: 'seed' } as const;

/** Each with what it aims at; the graph command runs them when random generation leaves something reachable unreached. */
export const TARGETED_SCENARIOS: { aim: string; scenario: Scenario }[] = [
  {
    aim: 'a task child cancelled twice at one instant (the second cancel finds one pending)',
    scenario: {
      ...base,
      returnExceptions: false,
      cancels: [
        { at: 1, target: 't' },
        { at: 1, target: 't' },
      ],
      children: [{ name: 't', sleeps: [5], end: { return: 1 }, task: true }],
    },
  },
  {
    aim: 'the awaiter cancelled twice at one instant while it awaits its gather',
    scenario: {
      ...base,
      returnExceptions: true,
      cancels: [
        { at: 1, target: 'awaiter' },
        { at: 1, target: 'awaiter' },
      ],
      children: [{ name: 'a', sleeps: [5], end: { return: 1 } }],
    },
  },
  {
    aim: 'a cancel during cleanup (a new request after the first was delivered)',
    scenario: {
      ...base,
      returnExceptions: true,
      cancels: [
        { at: 1, target: 't' },
        { at: 2, target: 't' },
      ],
      children: [{ name: 't', sleeps: [5], end: { return: 1 }, task: true, onCancel: { cleanupMs: 3 } }],
    },
  },
  {
    aim: 'a cancel aimed at a finished task, and a child ending after its gather raised',
    scenario: {
      ...base,
      returnExceptions: false,
      cancels: [{ at: 9, target: 't' }],
      children: [
        { name: 'e', sleeps: [1], end: { raise: 'ValueError' } },
        { name: 't', sleeps: [2], end: { return: 2 }, task: true, onCancel: { cleanupMs: 2 } },
      ],
    },
  },
  {
    aim: 'a gather of task children that all finished before gather was called (G2)',
    scenario: {
      ...base,
      returnExceptions: false,
      gatherAfter: 5,
      cancels: [],
      children: [
        { name: 'a', sleeps: [1], end: { return: 'a' }, task: true },
        { name: 'b', sleeps: [], end: { raise: 'KeyError' }, task: true },
      ],
    },
  },
  {
    aim: 'a nested gather cancelled while its own children clean up, with swallowing children',
    scenario: {
      ...base,
      returnExceptions: false,
      cancels: [{ at: 2, target: 'n' }],
      children: [
        {
          name: 'n',
          task: true,
          onCancel: { swallow: 'n swallowed' },
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
  {
    aim: 'pairs: a task not yet started cancelled three times at 0 (CPython turns run due cancels before new tasks start), then once more after it ended',
    scenario: {
      ...base,
      profile: 'cpython',
      returnExceptions: false,
      cancels: [
        { at: 0, target: 't' },
        { at: 0, target: 't' },
        { at: 0, target: 't' },
        { at: 1, target: 't' },
      ],
      children: [{ name: 't', sleeps: [1], end: { return: 1 }, task: true }],
    },
  },
  {
    aim: "pairs: a hanging task cancelled through its gather's caller, then directly, at one instant (the second finds one pending)",
    scenario: {
      ...base,
      returnExceptions: false,
      cancels: [
        { at: 0, target: 'awaiter' },
        { at: 0, target: 'h' },
      ],
      children: [{ name: 'h', sleeps: [], end: 'hang', task: true }],
    },
  },
  {
    aim: 'pairs: a sleeping task cancelled three times at one instant, and one woken and cancelled twice at the instant its sleep ends',
    scenario: {
      ...base,
      returnExceptions: true,
      cancels: [
        { at: 1, target: 's' },
        { at: 1, target: 's' },
        { at: 1, target: 's' },
        { at: 5, target: 'w' },
        { at: 5, target: 'w' },
      ],
      children: [
        { name: 's', sleeps: [5], end: { return: 1 }, task: true },
        { name: 'w', sleeps: [5, 5], end: { return: 2 }, task: true },
      ],
    },
  },
  {
    aim: 'pairs: a cancel during cleanup followed by another at the same instant, then a cancel of the finished task',
    scenario: {
      ...base,
      returnExceptions: true,
      cancels: [
        { at: 1, target: 't' },
        { at: 2, target: 't' },
        { at: 2, target: 't' },
        { at: 4, target: 't' },
        { at: 4, target: 't' },
      ],
      children: [{ name: 't', sleeps: [10], end: { return: 1 }, task: true, onCancel: { cleanupMs: 5 } }],
    },
  },
  {
    aim: 'pairs: a gather decided at its call by an already-cancelled task wakes a caller whose handler sleeps',
    scenario: {
      ...base,
      returnExceptions: true,
      cancels: [{ at: 1, target: 'n/t' }],
      children: [
        {
          name: 'n',
          onCancel: { cleanupMs: 2 },
          gather: {
            returnExceptions: false,
            gatherAfter: 3,
            children: [{ name: 't', sleeps: [5], end: { return: 1 }, task: true }],
          },
        },
      ],
    },
  },
  {
    aim: 'pairs: an awaiter cancelled three times at one instant while CPython defers its wake (the gather and its children cancelled again)',
    scenario: {
      ...base,
      profile: 'cpython',
      returnExceptions: false,
      cancels: [
        { at: 1, target: 'awaiter' },
        { at: 1, target: 'awaiter' },
        { at: 1, target: 'awaiter' },
      ],
      children: [{ name: 'a', sleeps: [5], end: { return: 1 } }],
    },
  },
  {
    aim: 'pairs: gathers decided at their call by an already-cancelled task wake callers that swallow, or clean up with a yield',
    scenario: {
      ...base,
      returnExceptions: true,
      cancels: [
        { at: 1, target: 'n/t' },
        { at: 1, target: 'm/t' },
      ],
      children: [
        {
          name: 'n',
          onCancel: { swallow: 'n' },
          gather: {
            returnExceptions: false,
            gatherAfter: 3,
            children: [{ name: 't', sleeps: [5], end: { return: 1 }, task: true }],
          },
        },
        {
          name: 'm',
          onCancel: { cleanupMs: 0 },
          gather: {
            returnExceptions: false,
            gatherAfter: 3,
            children: [{ name: 't', sleeps: [5], end: { return: 1 }, task: true }],
          },
        },
      ],
    },
  },
  {
    aim: 'pairs: a nested gather raising CancelledError wakes a caller whose handler sleeps',
    scenario: {
      ...base,
      returnExceptions: true,
      cancels: [{ at: 1, target: 'n/t' }],
      children: [
        {
          name: 'n',
          onCancel: { cleanupMs: 2 },
          gather: { returnExceptions: false, children: [{ name: 't', sleeps: [5], end: { return: 1 }, task: true }] },
        },
      ],
    },
  },
  {
    aim: 'pairs: a caller woken by its gather is cancelled before it resumes (a sibling raises in the same instant)',
    scenario: {
      ...base,
      returnExceptions: false,
      cancels: [],
      children: [
        { name: 'n', gather: { returnExceptions: false, children: [{ name: 'x', sleeps: [5], end: { return: 1 } }] } },
        { name: 'e', sleeps: [0, 5], end: { raise: 'ValueError' } },
      ],
    },
  },
  {
    aim: 'pairs: under CPython a child ends after the awaiter was cancelled (the wake still deferred), then the awaiter is cancelled again',
    scenario: {
      ...base,
      profile: 'cpython',
      returnExceptions: false,
      cancels: [
        { at: 1, target: 'awaiter' },
        { at: 2, target: 'awaiter' },
      ],
      children: [
        { name: 'a', sleeps: [5], end: { return: 1 }, onCancel: { swallow: 'a' } },
        { name: 'b', sleeps: [5], end: { return: 2 }, onCancel: { cleanupMs: 3 } },
      ],
    },
  },
  {
    aim: 'pairs: a task woken from its cleanup sleep is cancelled again before it resumes the cleanup',
    scenario: {
      ...base,
      returnExceptions: true,
      cancels: [
        { at: 1, target: 't' },
        { at: 5, target: 't' },
      ],
      children: [{ name: 't', sleeps: [10], end: { return: 1 }, task: true, onCancel: { cleanupMs: 4 } }],
    },
  },
];

/** Format 2 under cpython: the variation points only that profile takes (docs/rules.md §7, "Format 2 under cpython"). */
const FORMAT2_CPYTHON_TARGETED: { aim: string; scenario: ScenarioV2 }[] = [
  {
    aim: 'format 2 (cpython): T4f-await, a self-cancelled task awaits a task that swallows the cancel',
    scenario: parseAnyScenario({
      loopcheck: 2,
      profile: 'cpython',
      children: [
        { name: 't', task: true, steps: [{ sleep: 5 }, { return: 1 }], onCancel: { swallow: 's' } },
        { name: 'w', steps: [{ cancel: 'w' }, { await: 't' }] },
      ],
    }) as ScenarioV2,
  },
  {
    aim: 'format 2 (cpython): G6c, a child cancels the awaiter, then raises',
    scenario: parseAnyScenario({
      loopcheck: 2,
      profile: 'cpython',
      children: [
        { name: 'a', steps: [{ cancel: 'awaiter' }, { raise: 'ValueError' }] },
        { name: 'b', steps: [{ return: 1 }] },
      ],
    }) as ScenarioV2,
  },
];

/**
 * Format 2 (seed only): the hand-written scenarios (properties/format2/hand-written.ts) aimed at corners the small
 * format 2 generator rarely reaches (T4h through a swallowing handler, T4f at a cleanup sleep, T4g into a task whose
 * awaited task has just ended, two forwards into one task, a woken shield cancelled while queued).
 */
export const FORMAT2_TARGETED_SCENARIOS: { aim: string; scenario: ScenarioV2 }[] = [
  'self-cancel, then an awaited cancelled task, swallowed',
  'self-cancel, then an awaited cancelled task, with cleanup',
  'G2 decides, a cancelled sibling forwards to the awaiter',
  'two cancels forwarded back to one task',
  'cancel of a task whose awaited task has just ended',
  'a shield woken, then cancelled while queued',
  'generated: a woken cancel-pending task cancelled again',
  'self-cancel at a sleep, then cancelled again while queued',
  'await after a sleep',
]
  .map((aim) => ({ aim: `format 2: ${aim}`, scenario: FORMAT2_SCENARIOS[aim]! }))
  .concat(FORMAT2_CPYTHON_TARGETED);
