// Arbitrary edit: a format 1 scenario lifted to format 2 (docs/rules.md §4b) — the same gather, plus a repeated
// argument, a shutdown, and task children left out of `args` that shield, await, and sleep under a timeout.
import fc from 'fast-check';
import type { Cancel, OnCancel, Profile, Scenario, ScenarioV2, Step } from '../../model/scenario-types.ts';
import { parseAnyScenario } from '../../model/scenario.ts';

/**
 * What a lift adds (each optional part left out one time in eight; shrinking tries without it first):
 * - `shutdown`: the run ends as asyncio.run (R1; shutdown-nothing-lost);
 * - `repeat`: the gather's argument at this index (modulo its arguments) passed a second time (G1a);
 * - `lasting`: the long leaf `zz` every extra may lean on, left out of the gather: it sleeps 4 or 40 ms, so a
 *   shutdown often finds it running; a cancel may find it with a cleanup to wait for (R1), or swallowing it (T4g);
 * - `shield`: task `sh` awaits shield(zz or a task child of the gather) and is cancelled @1 or @2, while it waits
 *   there (SH1; shield-isolation);
 * - `await`: task `aw` sleeps 0–1 ms, then awaits zz or a task child, half of them cancelled @2 (forwarded, T4g;
 *   await-result);
 * - `timeout`: task `to` sleeps under timeout(ms) 1 ms less, as long (the deadline's timer comes first, TO1), or 3 ms
 *   more (TO1, TO2; timeout-bound); one time in three it awaits zz there instead, so an expiry waits for zz's cleanup
 *   (TO2);
 * - `timeoutCancel`: task `tc` sleeps under timeout(ms) and is cancelled inside the scope, at the deadline one time in
 *   three (TO3; timeout-vs-cancel);
 * - `chain`: task `ch` awaits `aw` (or zz without it) and is cancelled @1 or @2, while it waits: the cancel goes down
 *   the await chain (T4g; cancel-through-chain);
 * - `selfCancel`: task `sc` sleeps 0–1 ms, cancels itself, then returns, raises or sleeps (T4f, T4h; self-cancel).
 * The gather's own children, arguments and cancels stay as drawn: the format 1 rules judge it as before.
 */
export interface Lift {
  shutdown: boolean;
  repeat?: number;
  lasting: { ms: number; onCancel: 'propagate' | 'cleanup' | 'swallow' };
  shield?: { target: number; at: number; swallow: boolean };
  await?: { sleep: number; target: number; cancel: boolean };
  timeout?: { ms: number; more: number; awaitLasting: boolean };
  timeoutCancel?: { ms: number; sleep: number; deadline: boolean; at: number };
  chain?: { at: number };
  selfCancel?: { sleep: number; after: 'return' | 'raise' | 'sleep'; onCancel: 'propagate' | 'cleanup' | 'swallow' };
}

const present = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { freq: 8, nil: undefined });

/**
 * The lifts of `profile`: under micropython (docs/rules.md §7, F2m) no repeated argument, no shield and no timeout
 * (the runtime has neither), and applyLift's awaits there target zz only (never a gathered task); no shutdown either
 * (R1m stops the run when the awaiter ends, leaving the gather's slow children pending, where the format 1 rules
 * read a run that goes on until every task ends; outcome-differential judges R1m on the random programs).
 */
export function liftArb(profile: Profile = 'seed'): fc.Arbitrary<Lift> {
  if (profile === 'micropython')
    return liftArb().map(({ repeat: _r, shield: _s, timeout: _t, timeoutCancel: _c, ...rest }) => ({
      ...rest,
      shutdown: false,
    }));
  return fc.record(
    {
      // seven times in eight (shrinking crosses to none)
      shutdown: fc.oneof(
        { withCrossShrink: true },
        { weight: 1, arbitrary: fc.constant(false) },
        { weight: 7, arbitrary: fc.constant(true) },
      ),
      repeat: present(fc.nat(7)),
      lasting: fc.record({
        ms: fc.constantFrom(4, 40),
        onCancel: fc.constantFrom<Lift['lasting']['onCancel']>('propagate', 'cleanup', 'swallow'),
      }),
      shield: present(fc.record({ target: fc.nat(7), at: fc.constantFrom(1, 2), swallow: fc.boolean() })),
      await: present(fc.record({ sleep: fc.constantFrom(0, 1), target: fc.nat(7), cancel: fc.boolean() })),
      timeout: present(
        fc.record({
          ms: fc.constantFrom(2, 5),
          more: fc.constantFrom(0, -1, 3),
          awaitLasting: fc.nat(2).map((n) => n === 2),
        }),
      ),
      timeoutCancel: present(
        fc.record({
          ms: fc.constantFrom(3, 5),
          sleep: fc.constantFrom(3, 8),
          deadline: fc.nat(2).map((n) => n === 0),
          at: fc.constantFrom(1, 2),
        }),
      ),
      chain: present(fc.record({ at: fc.constantFrom(1, 2) })),
      selfCancel: present(
        fc.record({
          sleep: fc.constantFrom(0, 1),
          after: fc.constantFrom<NonNullable<Lift['selfCancel']>['after']>('return', 'raise', 'sleep'),
          onCancel: fc.constantFrom<NonNullable<Lift['selfCancel']>['onCancel']>('propagate', 'cleanup', 'swallow'),
        }),
      ),
    },
    { requiredKeys: ['shutdown', 'lasting'] },
  );
}

/** The lifted scenario (validated by the format 2 parser, so an invalid lift fails loudly in the generator's tests). */
export function applyLift(s: Scenario, lift: Lift): ScenarioV2 {
  const names = s.children.map((c) => c.name);
  // await and shield targets: zz (half the time), or a task child of the gather (surely created before the extras
  // run, §4b)
  // (under micropython zz only: a task a gather waits for cannot be awaited there, F2m)
  const tasks = s.profile === 'micropython' ? [] : s.children.filter((c) => c.task === true).map((c) => c.name);
  const pick = (n: number): string => (n % 2 === 0 || tasks.length === 0 ? 'zz' : tasks[(n >> 1) % tasks.length]!);
  const extras: object[] = [
    {
      name: 'zz',
      task: true,
      sleeps: [lift.lasting.ms],
      end: { return: 'zz' },
      ...(lift.lasting.onCancel === 'cleanup' ? { onCancel: { cleanupMs: 2 } as OnCancel } : {}),
      ...(lift.lasting.onCancel === 'swallow' ? { onCancel: { swallow: 's' } as OnCancel } : {}),
    },
  ];
  const cancels: Cancel[] = [...s.cancels];
  if (lift.shield !== undefined) {
    const onCancel: OnCancel = lift.shield.swallow ? { swallow: 'sh' } : 'propagate';
    extras.push({
      name: 'sh',
      task: true,
      steps: [{ shield: pick(lift.shield.target) }],
      ...(onCancel === 'propagate' ? {} : { onCancel }),
    });
    cancels.push({ at: lift.shield.at, target: 'sh' });
  }
  if (lift.await !== undefined) {
    const steps: Step[] = [{ sleep: lift.await.sleep }, { await: pick(lift.await.target) }];
    extras.push({ name: 'aw', task: true, steps });
    if (lift.await.cancel) cancels.push({ at: 2, target: 'aw' });
  }
  if (lift.timeout !== undefined) {
    const t = lift.timeout;
    const inner: Step = t.awaitLasting ? { await: 'zz' } : { sleep: t.ms + t.more };
    const steps: Step[] = [{ timeout: t.ms, steps: [inner] }, { return: 'to' }];
    extras.push({ name: 'to', task: true, steps });
  }
  if (lift.timeoutCancel !== undefined) {
    const t = lift.timeoutCancel;
    extras.push({ name: 'tc', task: true, steps: [{ timeout: t.ms, steps: [{ sleep: t.sleep }] }] });
    cancels.push({ at: t.deadline ? Math.min(t.ms, t.sleep) : t.at, target: 'tc' });
  }
  if (lift.chain !== undefined) {
    extras.push({ name: 'ch', task: true, steps: [{ await: lift.await !== undefined ? 'aw' : 'zz' }] });
    cancels.push({ at: lift.chain.at, target: 'ch' });
  }
  if (lift.selfCancel !== undefined) {
    const c = lift.selfCancel;
    const then: Step[] =
      c.after === 'return' ? [{ return: 'sc' }] : c.after === 'raise' ? [{ raise: 'ValueError' }] : [{ sleep: 1 }];
    extras.push({
      name: 'sc',
      task: true,
      steps: [{ sleep: c.sleep }, { cancel: 'sc' }, ...then],
      ...(c.onCancel === 'cleanup' ? { onCancel: { cleanupMs: 1 } as OnCancel } : {}),
      ...(c.onCancel === 'swallow' ? { onCancel: { swallow: 'sc' } as OnCancel } : {}),
    });
  }
  const args = lift.repeat === undefined || names.length === 0 ? names : [...names, names[lift.repeat % names.length]!];
  const json = {
    ...s,
    loopcheck: 2,
    shutdown: lift.shutdown,
    args,
    children: [...s.children, ...extras],
    cancels,
  };
  return parseAnyScenario(json) as ScenarioV2;
}
