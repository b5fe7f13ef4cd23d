// The micropython profile on scenario format 2 (docs/rules.md §7: T4f-m, R1m, F2m): what the model does and refuses.
import { describe, expect, it } from 'vitest';
import { parseAnyScenario, ScenarioError } from './scenario.ts';
import { simulate } from './simulate.ts';
import { allowedOutcomes } from './allowed-outcomes.ts';
import { childBodyV2 } from './program.ts';
import type { Profile } from './scenario-types.ts';

const v2 = (profile: Profile, rest: object) => parseAnyScenario({ loopcheck: 2, profile, ...rest });

function problems(json: object): string[] {
  try {
    parseAnyScenario({ loopcheck: 2, profile: 'micropython', ...json });
  } catch (e) {
    if (e instanceof ScenarioError) return e.problems;
    throw e;
  }
  return [];
}

describe('micropython, format 2: T4f-m (a task cancelling itself raises RuntimeError there)', () => {
  const selfCancel = {
    returnExceptions: true,
    children: [{ name: 's', steps: [{ sleep: 1 }, { cancel: 's' }, { return: 1 }], onCancel: { swallow: 'x' } }],
  };
  it('micropython: the step raises RuntimeError, not caught by onCancel; the gather entry is that error', () => {
    const o = simulate(v2('micropython', selfCancel));
    expect(o.children.s).toEqual({ status: 'raised', error: 'RuntimeError', at: 1 });
    expect(o.awaiter).toEqual({ status: 'returned', value: [{ error: 'RuntimeError' }], at: 1 });
  });
  it('seed: the cancel is pending and not lost at the return (T4f, T4h)', () => {
    const o = simulate(v2('seed', selfCancel));
    expect(o.children.s!.status).toBe('cancelled');
  });
  it('childBodyV2 without the profile flag keeps a self-cancel a cancel (T4f; the timeline report builds it so)', () => {
    const steps = childBodyV2({ name: 's', steps: [{ cancel: 's' }, { return: 1 }] }, 's').instructions;
    expect(steps[0]).toEqual({ op: 'cancelTask', target: 's' });
    const raising = childBodyV2({ name: 's', steps: [{ cancel: 's' }, { return: 1 }] }, 's', true).instructions;
    expect(raising[0]).toEqual({ op: 'raise', error: 'RuntimeError' });
  });
  it('a cancel step aimed at another task is T4 as in seed', () => {
    const other = {
      children: [
        { name: 'k', task: true, sleeps: [10], end: { return: 1 }, onCancel: { swallow: 'k' } },
        { name: 'c', steps: [{ sleep: 2 }, { cancel: 'k' }, { return: 2 }] },
      ],
    };
    const mp = simulate(v2('micropython', other));
    expect(mp.children.k).toEqual({ status: 'returned', value: 'k', at: 2 });
    expect(mp.awaiter).toEqual({ status: 'returned', value: ['k', 2], at: 2 });
  });
});

describe('micropython, format 2: R1m (shutdown stops when the awaiter ends)', () => {
  const shutdown = {
    shutdown: true,
    args: ['main'],
    children: [
      { name: 'main', sleeps: [1], end: { return: 'done' } },
      { name: 'left', task: true, sleeps: [100], end: { return: 1 }, onCancel: { cleanupMs: 3 } },
    ],
  };
  it('micropython: the leftover task stays pending, nothing is cancelled, end is the awaiter’s end', () => {
    const o = simulate(v2('micropython', shutdown));
    expect(o.awaiter).toEqual({ status: 'returned', value: ['done'], at: 1 });
    expect(o.children.left).toEqual({ status: 'pending', at: 1 });
    expect(o.end).toBe(1);
    expect(o.trace.some((e) => e.event === 'cancel-requested')).toBe(false);
  });
  it('seed: the leftover is cancelled and runs its cleanup (R1)', () => {
    const o = simulate(v2('seed', shutdown));
    expect(o.children.left).toEqual({ status: 'cancelled', at: 4 });
    expect(o.end).toBe(4);
  });
  it('a task woken in the awaiter’s last step never runs (every allowed order)', () => {
    const s = v2('micropython', {
      shutdown: true,
      children: [
        { name: 'w', task: true, steps: [{ await: 'awaiter' }, { return: 'w' }] },
        { name: 'a', sleeps: [2], end: { return: 'a' } },
      ],
      args: ['a'],
    });
    const all = allowedOutcomes(s);
    expect(all.complete).toBe(true);
    for (const o of all.outcomes) {
      expect(o.children.w).toEqual({ status: 'pending', at: 2 });
      expect(o.end).toBe(2);
    }
  });
  it('without shutdown the run goes on until idle, as in seed', () => {
    const o = simulate(v2('micropython', { ...shutdown, shutdown: false }));
    expect(o.children.left).toEqual({ status: 'returned', value: 1, at: 100 });
  });
});

describe('micropython, format 2: F2m (what the profile refuses, with its JSON path)', () => {
  it('shield and timeout steps, a gather timeoutMs', () => {
    expect(
      problems({
        timeoutMs: 5,
        children: [
          { name: 'a', task: true, sleeps: [1], end: { return: 1 } },
          { name: 'b', steps: [{ shield: 'a' }, { timeout: 3, steps: [{ sleep: 1 }] }] },
        ],
        args: ['b'],
      }),
    ).toEqual([
      '$.timeoutMs: profile micropython has no timeout scope (docs/rules.md §7, F2m)',
      '$.children[1].steps[0].shield: profile micropython has no shield (docs/rules.md §7, F2m)',
      '$.children[1].steps[1].timeout: profile micropython has no timeout scope (docs/rules.md §7, F2m)',
    ]);
  });
  it('an argument repeated (a coroutine or a task)', () => {
    expect(problems({ args: ['c', 'c'], children: [{ name: 'c', sleeps: [5], end: { return: 7 } }] })).toEqual([
      '$.args[1]: profile micropython has no gather of one argument twice (docs/rules.md §7, F2m)',
    ]);
  });
  it('an await of a task a gather waits for; an ungathered task child or a created task may be awaited', () => {
    const t1 = { name: 't1', task: true, sleeps: [10], end: { return: 1 } };
    expect(problems({ children: [t1, { name: 't2', task: true, steps: [{ await: 't1' }] }] })).toEqual([
      '$.children[1].steps[0].await: profile micropython has no await of a task a gather waits for ("t1" is a gather argument) (docs/rules.md §7, F2m)',
    ]);
    expect(problems({ args: ['t2'], children: [t1, { name: 't2', task: true, steps: [{ await: 't1' }] }] })).toEqual(
      [],
    );
    expect(
      problems({
        children: [
          {
            name: 'c',
            steps: [{ create: { name: 'h', sleeps: [1], end: { return: 1 } } }, { await: 'c/h' }],
          },
        ],
      }),
    ).toEqual([]);
  });
  it('seed reads every one of them', () => {
    const json = {
      loopcheck: 2,
      timeoutMs: 5,
      args: ['t1', 't1', 'b'],
      children: [
        { name: 't1', task: true, sleeps: [1], end: { return: 1 } },
        { name: 'b', steps: [{ await: 't1' }, { shield: 't1' }, { timeout: 3, steps: [{ sleep: 1 }] }] },
      ],
    };
    expect(() => parseAnyScenario(json)).not.toThrow();
  });
});

describe('micropython, format 2: issue 12 (c), the cancel forwarded to the awaited task', () => {
  it('task2 receives the value task1 returns after swallowing the cancel (T4g, as seed)', () => {
    const s = {
      args: ['t2'],
      children: [
        { name: 't1', task: true, steps: [{ sleep: 10 }, { return: 1 }], onCancel: { swallow: 'from t1' } },
        { name: 't2', task: true, steps: [{ await: 't1' }, { sleep: 1 }] },
      ],
      cancels: [{ at: 5, target: 't2' }],
    };
    const mp = simulate(v2('micropython', s));
    expect(mp.children.t2).toEqual({ status: 'returned', value: 'from t1', at: 6 });
    const seed = simulate(v2('seed', s));
    expect({ ...mp, trace: [] }).toEqual({ ...seed, trace: [] });
  });
});

describe('micropython: G6m for a gather already decided (its caller woken, then cancelled before it runs)', () => {
  const decidedThenCancelled = {
    children: [
      { name: 'a', sleeps: [], end: { raise: 'ValueError' } },
      { name: 'b', steps: [{ cancel: 'awaiter' }, { return: 1 }] },
      { name: 'c', sleeps: [10], end: { return: 2 } },
    ],
  };
  it('micropython: the gather’s cleanup runs with the CancelledError: the sibling still running is cancelled', () => {
    const o = simulate(v2('micropython', decidedThenCancelled));
    expect(o.awaiter).toEqual({ status: 'cancelled', at: 0 });
    expect(o.children.c).toEqual({ status: 'cancelled', at: 0 });
  });
  it('without the cancel the sibling keeps running (G3, micropython)', () => {
    const o = simulate(v2('micropython', { children: decidedThenCancelled.children.filter((c) => c.name !== 'b') }));
    expect(o.children.c).toEqual({ status: 'returned', value: 2, at: 10 });
  });
});

describe('micropython, format 2: T4g-m (a cancel forwarded back to the running task is lost)', () => {
  // b cancels a, which awaits b: the cancel is forwarded to b, which is running
  const chain = (rest: unknown[]) => ({
    args: [],
    children: [
      { name: 'a', task: true, steps: [{ await: 'b' }] },
      { name: 'b', task: true, steps: [{ sleep: 1 }, { cancel: 'a' }, ...rest] },
    ],
  });
  it('micropython: b goes on and a receives what b ends with', () => {
    const o = simulate(v2('micropython', chain([{ sleep: 1 }, { return: 1 }])));
    expect(o.children.b).toEqual({ status: 'returned', value: 1, at: 2 });
    expect(o.children.a).toEqual({ status: 'returned', value: 1, at: 2 });
  });
  it('seed: the cancel is pending in b and delivered at its next suspension (T4f)', () => {
    const o = simulate(v2('seed', chain([{ sleep: 1 }, { return: 1 }])));
    expect(o.children.b).toEqual({ status: 'cancelled', at: 1 });
    expect(o.children.a).toEqual({ status: 'cancelled', at: 1 });
  });
});
