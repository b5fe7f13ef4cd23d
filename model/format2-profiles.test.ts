// The cpython profile's format 2 rules (docs/rules.md §7, "Format 2 under cpython": TO1c, G6c, T4f-await, SH4, R1c)
// on the model alone: each rule's smallest counterexample (docs/conformance.md) under cpython and under seed.
// (MicroPython's format 2 rules, T4f-m R1m F2m T4g-m: model/micropython-format2.test.ts.)
import { describe, expect, it } from 'vitest';
import { parseAnyScenario } from './scenario.ts';
import { simulate } from './simulate.ts';
import { gatherMachine } from './gather-machine.ts';
import { taskMachine } from './task-machine.ts';
import type { Profile } from './scenario-types.ts';

const run = (profile: Profile, json: object) => simulate(parseAnyScenario({ loopcheck: 2, profile, ...json }));

// TO1c: a's timeout(0) around an await of b, which returns at once
const to1c = {
  children: [
    { name: 'a', steps: [{ timeout: 0, steps: [{ await: 'b' }] }] },
    { name: 'b', steps: [{ return: 1 }] },
  ],
};
// G6c: a cancels the awaiter (a cancel its gather's children accept), then raises in the same step
const g6c = {
  children: [
    { name: 'a', steps: [{ cancel: 'awaiter' }, { raise: 'ValueError' }] },
    { name: 'b', steps: [{ return: 1 }] },
  ],
};
// T4f-await: w cancels itself, then awaits t (unfinished), which swallows the forwarded cancel
const t4fAwait = {
  children: [
    { name: 't', task: true, steps: [{ sleep: 5 }, { return: 1 }], onCancel: { swallow: 's' } },
    { name: 'w', steps: [{ cancel: 'w' }, { await: 't' }] },
  ],
};
// SH4: t's end reaches s's shield one ready entry later; u cancels s one turn after t's end
const sh4 = {
  returnExceptions: true,
  children: [
    { name: 't', task: true, steps: [{ sleep: 5 }, { return: 1 }] },
    { name: 's', task: true, steps: [{ shield: 't' }] },
    { name: 'u', task: true, steps: [{ sleep: 5 }, { sleep: 0 }, { cancel: 's' }] },
  ],
};
// R1c: the awaiter raises E at once (a failed before the call); x's first step is queued in that same turn
const r1c = {
  shutdown: true,
  gatherAfter: 0,
  children: [
    { name: 'a', task: true, sleeps: [], end: { raise: 'E' } },
    { name: 'g', gather: { returnExceptions: false, children: [{ name: 'x', sleeps: [0], end: { return: 0 } }] } },
    { name: 'b', sleeps: [], end: { return: 1 } },
  ],
};

/** Each rule's deciding outcome under a profile, in one list (built in ONE test: see profile-choices.test.ts). */
function signature(profile: Profile): unknown[] {
  const s = (json: object, task: string) => {
    const o = run(profile, json);
    const r = task === 'awaiter' ? o.awaiter : o.children[task];
    return r && { status: r.status, value: r.value, error: r.error };
  };
  return [s(t4fAwait, 'w'), s(g6c, 'awaiter'), s(to1c, 'a'), s(sh4, 's'), s(r1c, 'g/x')];
}

it('seed and cpython each take their own side at every format 2 rule of cpython', () => {
  const u = undefined;
  expect(signature('cpython')).toEqual([
    { status: 'returned', value: 's', error: u }, // T4f-await: w awaits on and gets what t ends with
    { status: 'raised', value: u, error: 'ValueError' }, // G6c: the deferred wake carries a's exception
    { status: 'raised', value: u, error: 'TimeoutError' }, // TO1c: the expiry is queued before b's end reaches a
    { status: 'cancelled', value: u, error: u }, // SH4: u's cancel still finds s waiting on its shield
    { status: 'returned', value: 0, error: u }, // R1c: x's step runs in the shutdown's turn
  ]);
  expect(signature('seed')).toEqual([
    { status: 'cancelled', value: u, error: u }, // T4f: w receives CancelledError at the await
    { status: 'cancelled', value: u, error: u }, // G6: the awaiter is woken at once with CancelledError
    { status: 'returned', value: 1, error: u }, // TO1: the 0 ms timer joins the queue after b's end
    { status: 'returned', value: 1, error: u }, // T5: t's end reaches s at once
    { status: 'pending', value: u, error: u }, // R1: g is cancelled before it starts, so x never runs
  ]);
});

describe('T4f-await (cpython): a pending cancel at an await of an unfinished task is forwarded, the task awaits on', () => {
  it('cpython: t swallows the forwarded cancel at 0 and w returns its value then', () => {
    const o = run('cpython', t4fAwait);
    expect(o.children.t).toEqual({ status: 'returned', value: 's', at: 0 });
    expect(o.children.w).toEqual({ status: 'returned', value: 's', at: 0 });
    // t is a gather argument too (no `args`): both entries are t's 's'
    expect(o.awaiter).toEqual({ status: 'returned', value: ['s', 's'], at: 0 });
  });
  it('seed (T4f): forwarded too (t swallows it), but w receives CancelledError itself', () => {
    const o = run('seed', t4fAwait);
    expect(o.children.t).toEqual({ status: 'returned', value: 's', at: 0 });
    expect(o.children.w).toEqual({ status: 'cancelled', at: 0 });
  });
  it('cpython, no cancel pending: an await of an unfinished task forwards nothing (T5)', () => {
    const o = run('cpython', { children: [t4fAwait.children[0], { name: 'w', steps: [{ await: 't' }] }] });
    expect(o.children.t).toEqual({ status: 'returned', value: 1, at: 5 });
    expect(o.children.w).toEqual({ status: 'returned', value: 1, at: 5 });
  });
  it('cpython, cancel pending at a sleep: delivered there (T4f), nothing to forward', () => {
    const o = run('cpython', { children: [{ name: 'w', steps: [{ cancel: 'w' }, { sleep: 3 }, { return: 1 }] }] });
    expect(o.children.w).toEqual({ status: 'cancelled', at: 0 });
  });
  it('cpython, cancel pending at an await of a task already ended: its value, then the cancel at the next sleep', () => {
    const o = run('cpython', {
      children: [
        { name: 't', task: true, steps: [{ return: 1 }] },
        { name: 'w', steps: [{ sleep: 1 }, { cancel: 'w' }, { await: 't' }, { sleep: 1 }, { return: 2 }] },
      ],
    });
    expect(o.children.t).toEqual({ status: 'returned', value: 1, at: 0 });
    expect(o.children.w).toEqual({ status: 'cancelled', at: 1 });
  });
});

describe('G6c (cpython): a deferred wake due because a child raised carries that exception', () => {
  it('cpython, without return_exceptions: the awaiter raises a’s ValueError when a ends', () => {
    const o = run('cpython', g6c);
    expect(o.awaiter).toEqual({ status: 'raised', error: 'ValueError', at: 0 });
    expect(o.children.a).toEqual({ status: 'raised', error: 'ValueError', at: 0 });
  });
  it('seed (G6): the awaiter is woken at once with CancelledError', () => {
    expect(run('seed', g6c).awaiter).toEqual({ status: 'cancelled', at: 0 });
  });
  it('cpython, with return_exceptions: the wake is due at the last child and carries CancelledError', () => {
    // b ends first (returned), a ends last by raising: due (last child), but return_exceptions → CancelledError
    const o = run('cpython', { returnExceptions: true, children: [g6c.children[1], g6c.children[0]] });
    expect(o.children.a).toEqual({ status: 'raised', error: 'ValueError', at: 0 });
    expect(o.awaiter).toEqual({ status: 'cancelled', at: 0 });
  });
  it('cpython: a wake due because a child was cancelled carries CancelledError', () => {
    // a cancels the awaiter and sleeps: the gather's cancel reaches a there (T4f), a ends cancelled
    const o = run('cpython', {
      children: [
        { name: 'a', steps: [{ cancel: 'awaiter' }, { sleep: 5 }, { return: 0 }] },
        { name: 'b', steps: [{ sleep: 10 }, { return: 1 }] },
      ],
    });
    expect(o.children.a).toEqual({ status: 'cancelled', at: 0 });
    expect(o.awaiter).toEqual({ status: 'cancelled', at: 0 });
  });
});

describe('TO1c (cpython): timeout(0) expires through call_soon', () => {
  it('cpython: the expiry is queued before b’s end reaches a: a raises TimeoutError at 0', () => {
    const o = run('cpython', to1c);
    expect(o.children.a).toEqual({ status: 'raised', error: 'TimeoutError', at: 0 });
    expect(o.awaiter).toEqual({ status: 'raised', error: 'TimeoutError', at: 0 });
  });
  it('seed (TO1, S2): the timer at now + 0 joins the queue once empty: a gets b’s 1', () => {
    const o = run('seed', to1c);
    expect(o.children.a).toEqual({ status: 'returned', value: 1, at: 0 });
    expect(o.awaiter).toEqual({ status: 'returned', value: [1, 1], at: 0 });
  });
});

describe('SH4 (cpython): a shielded task’s end reaches the shield through a queued callback', () => {
  it('cpython: u’s cancel comes before the callback: s is cancelled at 5, t is not (SH1)', () => {
    const o = run('cpython', sh4);
    expect(o.children.s).toEqual({ status: 'cancelled', at: 5 });
    expect(o.children.t).toEqual({ status: 'returned', value: 1, at: 5 });
  });
  it('seed (T5): s has t’s 1 before u’s cancel', () => {
    expect(run('seed', sh4).children.s).toEqual({ status: 'returned', value: 1, at: 5 });
  });
});

describe('R1c (cpython): the shutdown’s cancels wait for the end of the loop turn', () => {
  it('cpython: x’s step, queued in that turn, runs and returns', () => {
    const o = run('cpython', r1c);
    expect(o.awaiter).toEqual({ status: 'raised', error: 'E', at: 0 });
    expect(o.children['g/x']).toEqual({ status: 'returned', value: 0, at: 0 });
  });
  it('seed (R1): g is cancelled before it starts; x never runs', () => {
    const o = run('seed', r1c);
    expect(o.children.g!.status).toBe('cancelled');
    expect(o.children['g/x']).toEqual({ status: 'pending', at: 0 });
  });
});

it('the machines without a profile are seed: the cpython variant guards are false', () => {
  const none = {} as never;
  expect(taskMachine.implementations.guards.awaitForwardsPendingCancel!(none, undefined)).toBe(false);
  expect(gatherMachine.implementations.guards.deferredWakeCarriesChildError!(none, undefined)).toBe(false);
});
