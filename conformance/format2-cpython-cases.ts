// The smallest format 2 scenarios on which profile cpython (CPython 3.11) and seed differ, one per rule of
// docs/rules.md §7 (format 2), as listed in docs/conformance.md; each with what the rule says either side does.
import { parseAnyScenario } from '../model/scenario.ts';
import type { ScenarioV2 } from '../model/scenario-types.ts';

export interface Format2Difference {
  /** The rule id of docs/rules.md §7. */
  rule: string;
  /** The ProfileChoices field that carries it (model/profiles.ts). */
  choice: string;
  scenario: ScenarioV2;
  /** The task whose outcome tells the profiles apart, and that outcome under each (status, value or error). */
  task: string;
  seed: { status: string; value?: unknown; error?: string };
  cpython: { status: string; value?: unknown; error?: string };
}

const v2 = (json: object): ScenarioV2 => parseAnyScenario({ loopcheck: 2, ...json }) as ScenarioV2;

export const FORMAT2_CPYTHON_DIFFERENCES: readonly Format2Difference[] = [
  {
    // timeout(0)'s expiry is call_soon: queued before b's end reaches a
    rule: 'TO1c',
    choice: 'timeoutOfZeroCallsSoon',
    scenario: v2({
      children: [
        { name: 'a', steps: [{ timeout: 0, steps: [{ await: 'b' }] }] },
        { name: 'b', steps: [{ return: 1 }] },
      ],
    }),
    task: 'a',
    seed: { status: 'returned', value: 1 },
    cpython: { status: 'raised', error: 'TimeoutError' },
  },
  {
    // a cancels the awaiter (its gather's children accept the cancel), then raises: CPython's gather raises that
    rule: 'G6c',
    choice: 'deferredWakeCarriesChildError',
    scenario: v2({
      children: [
        { name: 'a', steps: [{ cancel: 'awaiter' }, { raise: 'ValueError' }] },
        { name: 'b', steps: [{ return: 1 }] },
      ],
    }),
    task: 'awaiter',
    seed: { status: 'cancelled' },
    cpython: { status: 'raised', error: 'ValueError' },
  },
  {
    // w cancels itself, then awaits t: the cancel goes to t, which swallows it; w gets t's value
    rule: 'T4f-await',
    choice: 'awaitForwardsPendingCancel',
    scenario: v2({
      children: [
        { name: 't', task: true, steps: [{ sleep: 5 }, { return: 1 }], onCancel: { swallow: 's' } },
        { name: 'w', steps: [{ cancel: 'w' }, { await: 't' }] },
      ],
    }),
    task: 'w',
    seed: { status: 'cancelled' },
    cpython: { status: 'returned', value: 's' },
  },
  {
    // t's end reaches s's shield one callback later, so u's cancel (a turn after t's end) still finds s waiting
    rule: 'SH4',
    choice: 'shieldEndReportedByCallback',
    scenario: v2({
      returnExceptions: true,
      children: [
        { name: 't', task: true, steps: [{ sleep: 5 }, { return: 1 }] },
        { name: 's', task: true, steps: [{ shield: 't' }] },
        { name: 'u', task: true, steps: [{ sleep: 5 }, { sleep: 0 }, { cancel: 's' }] },
      ],
    }),
    task: 's',
    seed: { status: 'returned', value: 1 },
    cpython: { status: 'cancelled' },
  },
  {
    // the awaiter raises E at once (a failed before the call); the shutdown's cancels wait for the end of that loop
    // turn, in which x's step returns (seed: x's gather g was cancelled before it started: x never exists)
    rule: 'R1c',
    choice: 'shutdownAfterTurn',
    scenario: v2({
      shutdown: true,
      gatherAfter: 0,
      children: [
        { name: 'a', task: true, sleeps: [], end: { raise: 'E' } },
        { name: 'g', gather: { returnExceptions: false, children: [{ name: 'x', sleeps: [0], end: { return: 0 } }] } },
        { name: 'b', sleeps: [], end: { return: 1 } },
      ],
    }),
    task: 'g/x',
    seed: { status: 'pending' },
    cpython: { status: 'returned', value: 0 },
  },
];
