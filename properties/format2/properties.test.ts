// The format 2 properties (await-result, shield-isolation, timeout-bound, timeout-vs-cancel, shutdown-nothing-lost,
// cancel-through-chain, self-cancel, gather-entries): each holds and engages on
// a hand-written scenario on the model and the loop and fails there on its mutant; on the format 2 generator they hold
// on the loop and each format 2 mutant is killed by its property (no comparison with the model).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { simulate } from '../../model/simulate.ts';
import { parseAnyScenario } from '../../model/scenario.ts';
import type { Scenario } from '../../model/scenario-types.ts';
import { runOnLoop } from '../run-on-loop.ts';
import { judge } from '../evaluate.ts';
import { findProperty, propertiesFor } from '../rules/index.ts';
import { FORMAT2_MUTANTS, MUTANTS, mutantRunner } from '../mutants/index.ts';
import { format2ScenarioArb } from '../arbitraries/format2-scenario.ts';

const v2 = (json: object): Scenario =>
  parseAnyScenario({
    loopcheck: 2,
    profile: 'seed',
    returnExceptions: false,
    cancels: [],
    ...json,
  }) as unknown as Scenario;

/** Per property: a scenario where it engages, and the mutant it must kill there. */
const CASES: Array<{ property: string; mutant: string; scenario: Scenario }> = [
  {
    // c1's cancel is forwarded to c0 (T4g), which swallows it: c1 gets 's' (T5)
    property: 'await-result',
    mutant: 'cancel-kept-after-forward',
    scenario: v2({
      children: [
        { name: 'c0', task: true, steps: [{ sleep: 10 }], onCancel: { swallow: 's' } },
        { name: 'c1', task: true, steps: [{ await: 'c0' }] },
      ],
      cancels: [{ at: 5, target: 'c1' }],
    }),
  },
  {
    // c1 is cancelled @3 while awaiting shield(c0): c1 cancelled @3, c0 runs on to return 1 @10 (SH1)
    property: 'shield-isolation',
    mutant: 'shield-forwards-cancel',
    scenario: v2({
      children: [
        { name: 'c0', task: true, steps: [{ sleep: 10 }, { return: 1 }] },
        { name: 'c1', task: true, steps: [{ shield: 'c0' }] },
      ],
      cancels: [{ at: 3, target: 'c1' }],
    }),
  },
  {
    // the deadline @5 comes before the body's sleep ending @5 (its timer was set first): TimeoutError @5 (TO1, TO2)
    property: 'timeout-bound',
    mutant: 'timeout-one-turn-late',
    scenario: v2({ children: [{ name: 'c0', task: true, steps: [{ timeout: 5, steps: [{ sleep: 5 }] }] }] }),
  },
  {
    // the awaiter is cancelled @5, its gather timeout's deadline: the outer cancel stands, so CancelledError (TO3)
    property: 'timeout-vs-cancel',
    mutant: 'outer-cancel-as-timeout',
    scenario: v2({
      timeoutMs: 5,
      children: [{ name: 'c0', sleeps: [10], end: { return: 0 } }],
      cancels: [{ at: 5, target: 'awaiter' }],
    }),
  },
  {
    // the awaiter ends @1 with c0 still sleeping: the shutdown cancels c0 @1 and waits for its cleanup, end @4 (R1)
    property: 'shutdown-nothing-lost',
    mutant: 'shutdown-skips-cleanup',
    scenario: v2({
      shutdown: true,
      args: ['c1'],
      children: [
        { name: 'c0', task: true, sleeps: [10], end: { return: 0 }, onCancel: { cleanupMs: 3 } },
        { name: 'c1', sleeps: [1], end: { return: 1 } },
      ],
    }),
  },
  {
    // c2 awaits c1 awaits c0; the cancel of c2 @3 travels down the chain: c1 @3, then c0 @3 (T4g twice)
    property: 'cancel-through-chain',
    mutant: 'await-cancel-not-forwarded',
    scenario: v2({
      children: [
        { name: 'c0', task: true, steps: [{ sleep: 10 }] },
        { name: 'c1', task: true, steps: [{ timeout: 20, steps: [{ await: 'c0' }] }] },
        { name: 'c2', task: true, steps: [{ await: 'c1' }] },
      ],
      args: ['c2'],
      cancels: [{ at: 3, target: 'c2' }],
    }),
  },
  {
    // s cancels itself @1 and returns without suspending: the accepted cancel is not lost, s ends cancelled @1 (T4h)
    property: 'self-cancel',
    mutant: 'lost-self-cancel',
    scenario: v2({ children: [{ name: 's', steps: [{ sleep: 1 }, { cancel: 's' }, { return: 1 }] }] }),
  },
  {
    // the coroutine c passed twice is one task: both entries are its 7 (G1a)
    property: 'gather-entries',
    mutant: 'coroutine-wrapped-twice',
    scenario: v2({ args: ['c', 'c'], children: [{ name: 'c', steps: [{ sleep: 5 }, { return: 7 }] }] }),
  },
  {
    // w's timeout expires @5 while it awaits c0; c0 cleans up until @8: TimeoutError @8, not @5 (TO2)
    property: 'timeout-bound',
    mutant: 'timeout-before-cleanup',
    scenario: v2({
      args: ['w'],
      children: [
        { name: 'c0', task: true, steps: [{ sleep: 10 }], onCancel: { cleanupMs: 3 } },
        { name: 'w', steps: [{ timeout: 5, steps: [{ await: 'c0' }] }] },
      ],
    }),
  },
];

describe('format 2 properties', () => {
  for (const c of CASES) {
    it(`${c.property} holds and engages on model and loop, and fails on ${c.mutant}`, () => {
      const p = findProperty(c.property)!;
      expect(judge(p, c.scenario, simulate(c.scenario))).toEqual({ violation: null, engaged: true });
      expect(judge(p, c.scenario, runOnLoop(c.scenario))).toEqual({ violation: null, engaged: true });
      const mutant = FORMAT2_MUTANTS.find((m) => m.name === c.mutant)!;
      expect(judge(p, c.scenario, mutantRunner(mutant).run(c.scenario)).violation).toEqual(expect.any(String));
    });
  }

  it('answer NOT_APPLICABLE on a format 1 scenario', () => {
    const s: Scenario = {
      loopcheck: 1,
      profile: 'seed',
      returnExceptions: false,
      cancels: [],
      children: [{ name: 'a', sleeps: [1], end: { return: 1 } }],
    };
    for (const c of CASES)
      expect(judge(findProperty(c.property)!, s, runOnLoop(s))).toEqual({ violation: null, engaged: false });
  });

  // The generator, a fixed sample: the real loop passes every outcome property; each format 2 mutant fails its own
  // property on some case (the differentials are not asked).
  const samples = fc.sample(format2ScenarioArb, { numRuns: 500, seed: 20261130 }) as unknown as Scenario[];
  const outcomeProperties = propertiesFor('seed').filter((p) => p.kind === 'outcome');
  it('the loop passes every outcome property on 500 generated format 2 scenarios', () => {
    const failures: string[] = [];
    for (const s of samples) {
      const o = runOnLoop(s);
      for (const p of outcomeProperties) {
        const { violation } = judge(p, s, o);
        if (violation !== null) failures.push(`${p.name}: ${violation}`);
      }
    }
    expect(failures).toEqual([]);
  });
  for (const c of CASES) {
    it(`${c.mutant} is killed by ${c.property} on generated format 2 scenarios`, () => {
      const runner = mutantRunner(FORMAT2_MUTANTS.find((m) => m.name === c.mutant)!);
      const p = findProperty(c.property)!;
      expect(samples.some((s) => judge(p, s, runner.run(s)).violation !== null)).toBe(true);
    });
  }
  // cancel-through-chain also kills the format 1 zoo's cancel-not-forwarded (a gather that does not cancel its
  // children, G6) on a format 2 chain: the awaiter's cancel must reach c1, and through c1's await, c0
  it('cancel-through-chain kills cancel-not-forwarded (G6) on a format 2 await chain', () => {
    const s = v2({
      children: [
        { name: 'c0', task: true, steps: [{ sleep: 10 }] },
        { name: 'c1', steps: [{ await: 'c0' }] },
      ],
      args: ['c1'],
      cancels: [{ at: 3, target: 'awaiter' }],
    });
    const p = findProperty('cancel-through-chain')!;
    expect(judge(p, s, runOnLoop(s))).toEqual({ violation: null, engaged: true });
    expect(judge(p, s, simulate(s))).toEqual({ violation: null, engaged: true });
    const broken = mutantRunner(MUTANTS.find((m) => m.name === 'cancel-not-forwarded')!).run(s);
    expect(judge(p, s, broken).violation).toMatch(/its child c1, not finished, should be cancelled at once \(G6\)/);
  });
  it('cancel-through-chain: a cancel does not travel through a shield, and a finished task needs none', () => {
    const s = v2({
      children: [
        { name: 'c0', task: true, steps: [{ sleep: 10 }] },
        { name: 'c1', task: true, steps: [{ shield: 'c0' }] },
        { name: 'c2', task: true, steps: [{ sleep: 1 }] },
        { name: 'c3', task: true, steps: [{ sleep: 2 }, { await: 'c2' }] },
      ],
      args: ['c1', 'c3'],
      cancels: [{ at: 3, target: 'c1' }],
    });
    // c1's cancel stops at the shield (c0 runs on); c3 awaits c2, finished @1: no suspension, nothing to forward
    expect(judge(findProperty('cancel-through-chain')!, s, runOnLoop(s))).toEqual({ violation: null, engaged: false });
    expect(runOnLoop(s).children.c0).toMatchObject({ status: 'returned', at: 10 });
  });
  // Cases the await-chain family found where a property spoke too soon (model and loop agree on each): kept as
  // regressions — every outcome property holds on both.
  const FOUND: Array<[string, object]> = [
    [
      // c3's timeout expires @2 while it awaits c2, then the awaiter's cancel @4 reaches c3 too (G6): CancelledError
      'timeout-bound: another cancel of the waiting task',
      {
        returnExceptions: true,
        timeoutMs: 5,
        args: ['c3', 'w'],
        children: [
          { name: 'c0', task: true, steps: [{ sleep: 20 }, 'hang'] },
          { name: 'c1', task: true, steps: [{ await: 'c0' }], onCancel: { cleanupMs: 3 } },
          { name: 'c2', task: true, steps: [{ timeout: 5, steps: [{ await: 'c1' }] }], onCancel: { cleanupMs: 3 } },
          { name: 'c3', task: true, steps: [{ timeout: 2, steps: [{ await: 'c2' }] }], onCancel: { cleanupMs: 3 } },
          { name: 'w', sleeps: [30], end: { return: 'w' } },
        ],
        cancels: [
          { at: 2, target: 'c0' },
          { at: 4, target: 'awaiter' },
        ],
      },
    ],
    [
      // c1 is in its cleanup since @1 (c0's CancelledError reached it) when the shutdown cancels it @3: it ends @3
      'shutdown-nothing-lost: a cleanup begun before the shutdown',
      {
        shutdown: true,
        returnExceptions: true,
        args: ['c4', 'w'],
        children: [
          { name: 'c0', task: true, steps: [{ sleep: 1 }, { cancel: 'c0' }, { return: 1 }] },
          { name: 'c1', task: true, steps: [{ await: 'c0' }], onCancel: { cleanupMs: 3 } },
          { name: 'c2', task: true, steps: [{ await: 'c1' }] },
          { name: 'c3', task: true, steps: [{ shield: 'c2' }], onCancel: { swallow: 's' } },
          { name: 'c4', task: true, steps: [{ await: 'c3' }], onCancel: { cleanupMs: 3 } },
          { name: 'w', sleeps: [30], end: { return: 'w' } },
        ],
        cancels: [{ at: 3, target: 'awaiter' }],
      },
    ],
    [
      // the shutdown's cancel of c1 is forwarded to c0, which swallows it: c1 gets 's' and hangs, pending (T4g)
      'shutdown-nothing-lost: a hang after a swallowed forward',
      {
        shutdown: true,
        args: ['c2'],
        children: [
          { name: 'c0', task: true, steps: [{ sleep: 10 }], onCancel: { swallow: 's' } },
          { name: 'c1', task: true, steps: [{ await: 'c0' }, 'hang'] },
          { name: 'c2', steps: [{ return: 0 }] },
        ],
      },
    ],
    [
      // c0 creates c0/h1 after the awaiter ended, during the shutdown: not a task the shutdown lists, left pending
      'shutdown-nothing-lost: a task created during the shutdown',
      {
        shutdown: true,
        gatherAfter: 0,
        timeoutMs: 15,
        args: ['c0', 'c0', 'g'],
        children: [
          {
            name: 'c0',
            task: true,
            steps: [
              { cancel: 'awaiter' },
              { create: { name: 'h0', sleeps: [0], end: { return: 'h0' }, onCancel: { swallow: 's' } } },
              { await: 'c0/h0' },
              { create: { name: 'h1', sleeps: [1], end: { return: 'h1' } } },
              { return: 'v' },
            ],
            onCancel: { cleanupMs: 3 },
          },
          {
            name: 'g',
            gather: {
              returnExceptions: true,
              timeoutMs: 3,
              children: [{ name: 'x0', sleeps: [0], end: { return: 0 } }],
            },
          },
        ],
      },
    ],
    [
      // c1 is cancelled @5 in its sleep and @6 in its cleanup: it never awaited c0 (cancel-through-chain skips it)
      'cancel-through-chain: a cancel before the await',
      {
        children: [
          { name: 'c0', task: true, steps: [{ sleep: 20 }] },
          { name: 'c1', task: true, steps: [{ sleep: 20 }, { await: 'c0' }], onCancel: { cleanupMs: 3 } },
        ],
        cancels: [
          { at: 5, target: 'c1' },
          { at: 6, target: 'c1' },
        ],
      },
    ],
  ];
  for (const [name, json] of FOUND) {
    it(`holds where it once spoke too soon: ${name}`, () => {
      const s = v2(json);
      const model = simulate(s);
      expect(runOnLoop(s)).toEqual(model);
      const failures = outcomeProperties.flatMap((p) =>
        [model].map((o) => judge(p, s, o).violation).filter((v) => v !== null),
      );
      expect(failures).toEqual([]);
    });
  }
  it('every format 2 mutant has a case here', () => {
    expect(FORMAT2_MUTANTS.map((m) => m.name).sort()).toEqual(CASES.map((c) => c.mutant).sort());
  });
});
