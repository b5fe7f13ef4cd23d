// Hand-written format 2 scenarios (docs/rules.md §4b), one per step kind and per case a–f of issue 12, with the
// rule each illustrates; the differential (model ≡ loop) and the rule tests run them.
import type { ScenarioV2 } from '../../model/scenario-types.ts';
import { parseAnyScenario } from '../../model/scenario.ts';

function v2(json: object): ScenarioV2 {
  return parseAnyScenario({ loopcheck: 2, ...json }) as ScenarioV2;
}

/** name → scenario; names say what each shows. */
export const FORMAT2_SCENARIOS: Record<string, ScenarioV2> = {
  'spec example': v2({
    shutdown: true,
    timeoutMs: 100,
    args: ['a', 'a', 'b'],
    children: [
      { name: 'a', task: true, steps: [{ sleep: 10 }, { return: 1 }] },
      { name: 'b', steps: [{ await: 'a' }, { cancel: 'b' }, { sleep: 5 }, { return: 'x' }], onCancel: { swallow: 0 } },
      {
        name: 'c',
        task: true,
        steps: [
          { create: { name: 'h', steps: [{ sleep: 50 }, { return: 2 }] } },
          { timeout: 20, steps: [{ await: 'c/h' }] },
        ],
      },
      { name: 'd', task: true, steps: [{ shield: 'a' }] },
    ],
    cancels: [{ at: 15, target: 'c/h' }],
  }),
  // a. G1a: the same coroutine twice is wrapped once; both entries get its result
  'a: same coroutine twice': v2({ args: ['c', 'c'], children: [{ name: 'c', sleeps: [5], end: { return: 7 } }] }),
  'a: same task twice': v2({
    args: ['t', 't'],
    children: [{ name: 't', task: true, sleeps: [5], end: { return: 7 } }],
  }),
  // b. T4f/T4h: cancel itself then return without suspending: ends cancelled
  'b: self-cancel then return': v2({
    children: [{ name: 's', steps: [{ cancel: 's' }, { return: 1 }] }],
    returnExceptions: true,
  }),
  'b: self-cancel then sleep': v2({
    children: [{ name: 's', steps: [{ cancel: 's' }, { sleep: 5 }, { return: 1 }], onCancel: { swallow: 'caught' } }],
  }),
  // c. T4g: the awaiting task's cancel is forwarded; the awaited swallows and returns: the awaiter gets the value
  'c: cancel forwarded to the awaited task': v2({
    children: [
      { name: 't1', task: true, steps: [{ sleep: 10 }, { return: 1 }], onCancel: { swallow: 'from t1' } },
      { name: 't2', task: true, steps: [{ await: 't1' }, { sleep: 1 }] },
    ],
    cancels: [{ at: 5, target: 't2' }],
  }),
  // e. G8: a child cancelled on its own: the gather raises CancelledError into the awaiter (failed, not cancelled)
  'e: child cancelled on its own': v2({
    children: [
      { name: 'k', task: true, sleeps: [10], end: { return: 1 } },
      { name: 'o', sleeps: [20], end: { return: 2 } },
    ],
    cancels: [{ at: 5, target: 'k' }],
  }),
  // f. R1: leftover tasks are cancelled at shutdown and given their cleanup
  'f: shutdown cancels what is left': v2({
    shutdown: true,
    args: [],
    children: [{ name: 'left', task: true, sleeps: [100], end: { return: 1 }, onCancel: { cleanupMs: 3 } }],
  }),
  'f: no shutdown runs leftovers to the end': v2({
    args: [],
    children: [{ name: 'left', task: true, sleeps: [100], end: { return: 1 } }],
  }),
  // TO1/TO2: a timeout around an await that expires: TimeoutError once the awaited is cancelled
  'timeout expires around an await': v2({
    children: [
      {
        name: 'w',
        steps: [
          { create: { name: 'h', sleeps: [50], end: { return: 2 } } },
          { timeout: 20, steps: [{ await: 'w/h' }] },
        ],
      },
    ],
    returnExceptions: true,
  }),
  'timeout not reached': v2({
    children: [{ name: 'w', steps: [{ timeout: 20, steps: [{ sleep: 5 }] }, { return: 'ok' }] }],
  }),
  // TO3: an outer cancel inside a timeout stays a CancelledError
  'timeout with an outer cancel': v2({
    children: [{ name: 'w', task: true, steps: [{ timeout: 20, steps: [{ sleep: 50 }] }] }],
    cancels: [{ at: 5, target: 'w' }],
    returnExceptions: true,
  }),
  // TO4: the body swallows the timeout's cancel
  'timeout swallowed by the awaited': v2({
    children: [
      {
        name: 'w',
        steps: [
          { create: { name: 'h', sleeps: [50], end: { return: 2 }, onCancel: { swallow: 'late' } } },
          { timeout: 10, steps: [{ await: 'w/h' }] },
        ],
      },
    ],
  }),
  'nested timeouts': v2({
    children: [{ name: 'w', steps: [{ timeout: 30, steps: [{ timeout: 10, steps: [{ sleep: 20 }] }] }] }],
    returnExceptions: true,
  }),
  // SH1: a shield: the awaiting task is cancelled at once, the shielded one runs on
  'shield: the awaiter cancelled': v2({
    children: [
      { name: 'inner', task: true, sleeps: [20], end: { return: 'saved' } },
      { name: 's', task: true, steps: [{ shield: 'inner' }] },
    ],
    cancels: [{ at: 5, target: 's' }],
    returnExceptions: true,
  }),
  // SH2: the shielded task cancelled by someone else cancels the shield
  'shield: the inner cancelled': v2({
    children: [
      { name: 'inner', task: true, sleeps: [20], end: { return: 'saved' } },
      { name: 's', task: true, steps: [{ shield: 'inner' }] },
    ],
    cancels: [{ at: 5, target: 'inner' }],
    returnExceptions: true,
  }),
  'shield: done already': v2({
    children: [
      { name: 'inner', task: true, sleeps: [1], end: { return: 'v' } },
      { name: 's', task: true, steps: [{ sleep: 5 }, { shield: 'inner' }] },
    ],
  }),
  // issue 13: fetch with a timeout inside a gather
  'fetch with a timeout inside a gather': v2({
    returnExceptions: true,
    children: [
      {
        name: 'fast',
        steps: [
          {
            timeout: 100,
            steps: [{ create: { name: 'get', sleeps: [30], end: { return: 'page a' } } }, { await: 'fast/get' }],
          },
        ],
      },
      {
        name: 'slow',
        steps: [
          {
            timeout: 100,
            steps: [{ create: { name: 'get', sleeps: [250], end: { return: 'page b' } } }, { await: 'slow/get' }],
          },
        ],
      },
    ],
  }),
  'gather with timeoutMs': v2({
    timeoutMs: 10,
    children: [
      { name: 'a', sleeps: [5], end: { return: 1 } },
      { name: 'b', sleeps: [50], end: { return: 2 }, onCancel: { cleanupMs: 3 } },
    ],
  }),
  'nested gather with timeoutMs': v2({
    returnExceptions: true,
    children: [{ name: 'g', gather: { timeoutMs: 10, children: [{ name: 'x', sleeps: [50], end: { return: 1 } }] } }],
  }),
  'await cycle': v2({
    children: [
      { name: 'a', task: true, steps: [{ await: 'b' }] },
      { name: 'b', task: true, steps: [{ await: 'a' }] },
    ],
  }),
  'await cycle cancelled': v2({
    children: [
      { name: 'a', task: true, steps: [{ await: 'b' }] },
      { name: 'b', task: true, steps: [{ await: 'a' }] },
    ],
    cancels: [
      { at: 1, target: 'a' },
      { at: 2, target: 'b' },
    ],
  }),
  'await cycle at shutdown': v2({
    shutdown: true,
    args: [],
    children: [
      { name: 'a', task: true, steps: [{ await: 'b' }] },
      { name: 'b', task: true, steps: [{ await: 'a' }] },
    ],
  }),
  'await a finished task': v2({
    children: [
      { name: 'e', task: true, sleeps: [], end: { raise: 'OSError' } },
      { name: 'w', steps: [{ sleep: 1 }, { await: 'e' }] },
    ],
    returnExceptions: true,
  }),
  'await a task that raises': v2({
    children: [
      { name: 'e', task: true, sleeps: [3], end: { raise: 'OSError' } },
      { name: 'w', steps: [{ await: 'e' }] },
    ],
    returnExceptions: true,
  }),
  'create and cancel': v2({
    children: [
      {
        name: 'c',
        steps: [
          { create: { name: 'h', sleeps: [5], end: { return: 1 }, onCancel: { cleanupMs: 2 } } },
          { sleep: 1 },
          { cancel: 'c/h' },
          { await: 'c/h' },
        ],
      },
    ],
    returnExceptions: true,
  }),
  'self-cancel before awaiting': v2({
    children: [
      { name: 'h', task: true, sleeps: [5], end: { return: 1 } },
      { name: 's', steps: [{ cancel: 's' }, { await: 'h' }] },
    ],
    returnExceptions: true,
  }),
  'self-cancel before a shield': v2({
    children: [
      { name: 'h', task: true, sleeps: [5], end: { return: 1 } },
      { name: 's', steps: [{ cancel: 's' }, { shield: 'h' }] },
    ],
    returnExceptions: true,
  }),
  'self-cancel then raise': v2({
    children: [{ name: 's', steps: [{ cancel: 's' }, { raise: 'ValueError' }] }],
    returnExceptions: true,
  }),
  'self-cancel then hang': v2({
    children: [{ name: 's', steps: [{ cancel: 's' }, 'hang'] }],
    returnExceptions: true,
  }),
  'cancel forwarded through a chain': v2({
    returnExceptions: true,
    children: [
      { name: 'a', task: true, sleeps: [20], end: { return: 'a' } },
      { name: 'b', task: true, steps: [{ await: 'a' }] },
      { name: 'c', task: true, steps: [{ await: 'b' }] },
    ],
    cancels: [
      { at: 5, target: 'c' },
      { at: 6, target: 'c' },
    ],
  }),
  'two awaiters of one task': v2({
    returnExceptions: true,
    children: [
      { name: 'a', task: true, sleeps: [20], end: { return: 'a' } },
      { name: 'b', steps: [{ await: 'a' }] },
      { name: 'c', steps: [{ shield: 'a' }] },
    ],
  }),
  'awaiting the awaiter at shutdown': v2({
    shutdown: true,
    args: ['x'],
    children: [
      { name: 'x', sleeps: [1], end: { return: 1 } },
      { name: 'w', task: true, steps: [{ await: 'awaiter' }, { sleep: 5 }] },
    ],
  }),
  'timeout around a chain, cancelled from outside too': v2({
    returnExceptions: true,
    children: [
      {
        name: 'w',
        task: true,
        steps: [
          { create: { name: 'h', sleeps: [50], end: { return: 2 } } },
          { timeout: 10, steps: [{ await: 'w/h' }] },
        ],
      },
    ],
    cancels: [{ at: 10, target: 'w' }],
  }),
  // rare corners (coverage): T4h through a swallowing handler, T4f at a cleanup sleep
  'self-cancel, then an awaited cancelled task, swallowed': v2({
    returnExceptions: true,
    children: [
      { name: 't', task: true, steps: [{ cancel: 't' }] },
      { name: 's', steps: [{ cancel: 's' }, { await: 't' }], onCancel: { swallow: 'no' } },
    ],
  }),
  'self-cancel, then an awaited cancelled task, with cleanup': v2({
    returnExceptions: true,
    children: [
      { name: 't', task: true, steps: [{ cancel: 't' }] },
      { name: 's', steps: [{ cancel: 's' }, { await: 't' }], onCancel: { cleanupMs: 3 } },
    ],
  }),
  // G2 wakes the awaiter, then its sibling cancels reach it through an await (T4g → T4f)
  'G2 decides, a cancelled sibling forwards to the awaiter': v2({
    gatherAfter: 5,
    children: [
      { name: 't', task: true, sleeps: [1], end: { raise: 'ValueError' } },
      { name: 'w', task: true, steps: [{ await: 'awaiter' }] },
    ],
  }),
  // T4g twice into one forwarding task (a gather's two children await it)
  'two cancels forwarded back to one task': v2({
    children: [
      { name: 'A', task: true, steps: [{ await: 'G' }] },
      {
        name: 'G',
        task: true,
        gather: {
          children: [
            { name: 'x', steps: [{ await: 'A' }] },
            { name: 'y', steps: [{ await: 'A' }] },
          ],
        },
      },
    ],
    cancels: [{ at: 1, target: 'A' }],
  }),
  // T4g on an awaited task that has just ended, three times (G3 cancels a repeated argument)
  'cancel of a task whose awaited task has just ended': v2({
    args: ['c0', 'c1', 'c1', 'c1'],
    children: [
      { name: 'c0', steps: [{ sleep: 1 }] },
      { name: 'c1', steps: [{ await: 'c0' }] },
    ],
    cancels: [{ at: 0, target: 'c0' }],
  }),
  // SH1: woken by the shielded task's end, then cancelled before it runs
  'a shield woken, then cancelled while queued': v2({
    returnExceptions: true,
    children: [
      { name: 't', task: true, sleeps: [5], end: { return: 1 } },
      { name: 'w', task: true, steps: [{ await: 't' }, { cancel: 's' }] },
      { name: 's', task: true, steps: [{ shield: 't' }] },
    ],
  }),
  // T4a twice: a created task cancelled twice before it starts
  'a created task cancelled twice before it starts': v2({
    children: [
      {
        name: 'c',
        steps: [
          { create: { name: 'h', sleeps: [5], end: { return: 1 } } },
          { cancel: 'c/h' },
          { cancel: 'c/h' },
          { await: 'c/h' },
        ],
      },
    ],
    returnExceptions: true,
  }),
  // T4f, then cancelled again while queued (no event)
  'self-cancel at a sleep, then cancelled again while queued': v2({
    returnExceptions: true,
    children: [
      { name: 's', steps: [{ cancel: 's' }, { sleep: 5 }, { return: 1 }] },
      { name: 't', steps: [{ cancel: 's' }, { return: 2 }] },
    ],
  }),
  'await after a sleep': v2({
    children: [
      { name: 't', task: true, sleeps: [5], end: { return: 1 } },
      { name: 'w', steps: [{ sleep: 1 }, { await: 't' }] },
    ],
  }),
  // found by the generator (seed 99): woken from awaitedEnded, then cancelled again while queued
  'generated: a woken cancel-pending task cancelled again': parseAnyScenario({
    loopcheck: 2,
    profile: 'seed',
    shutdown: false,
    returnExceptions: false,
    children: [
      {
        name: 'c0',
        steps: [
          { create: { name: 'h0', sleeps: [0], end: { return: 'h0' }, onCancel: { cleanupMs: 3 } } },
          { await: 'c0/h0' },
          'hang',
        ],
        onCancel: { swallow: 's' },
        task: true,
      },
      {
        name: 'c1',
        steps: [
          { timeout: 20, steps: [{ shield: 'c2' }] },
          { timeout: 1, steps: [{ await: 'c3' }] },
          { shield: 'c3' },
          { create: { name: 'h0', sleeps: [0], end: { return: 'h0' } } },
        ],
      },
      { name: 'c2', steps: [{ create: { name: 'h0', sleeps: [20], end: { return: 'h0' } } }] },
      {
        name: 'c3',
        steps: [
          { timeout: 1, steps: [{ sleep: 1 }, { await: 'c0' }] },
          { timeout: 5, steps: [{ await: 'c0' }, { sleep: 5 }] },
          { return: 'v' },
        ],
        task: true,
      },
    ],
    timeoutMs: 5,
    args: ['c0', 'c1', 'c2', 'c3', 'c0'],
    cancels: [],
  }) as ScenarioV2,
};
