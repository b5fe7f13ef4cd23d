// Small contracts of the model's coverage and profile helpers: unreachable ids and their reasons, guard names as
// coverage ids spell them, the profile machines (cached, unknown profiles refused), the profiles' fixed choices.
import { describe, expect, it } from 'vitest';
import {
  UNREACHABLE,
  unreachableReason,
  machinesFor,
  isModelledProfile,
  PROFILE_CHOICES,
  type Profile,
} from './index.ts';
import { guardName } from './coverage-structure.ts';

describe('unreachableReason', () => {
  it('gives the listed reason of every unreachable id, and undefined for any other id', () => {
    expect(UNREACHABLE.length).toBeGreaterThan(0);
    for (const u of UNREACHABLE) expect(unreachableReason(u.id)).toBe(u.reason);
    expect(unreachableReason('task.nowhere --STEP--> task.nowhere')).toBeUndefined();
    expect(unreachableReason('')).toBeUndefined();
  });
});

describe('guardName (the guard as coverage ids name it)', () => {
  it('a string or a { type } object by that name, a named function by its name, an anonymous one as inline', () => {
    expect(guardName('isLast')).toBe('isLast');
    expect(guardName({ type: 'isFirst', params: {} })).toBe('isFirst');
    function namedGuard(): boolean {
      return true;
    }
    expect(guardName(namedGuard)).toBe('namedGuard');
    const anonymous = [() => true][0];
    expect(guardName(anonymous)).toBe('inline');
    expect(guardName({ other: 1 })).toBe('[object Object]');
    expect(guardName(null)).toBe('null');
    expect(guardName(undefined)).toBe('undefined');
  });
});

describe('profiles', () => {
  it('machinesFor gives each profile its machines once (the same object again), and refuses an unknown profile', () => {
    for (const p of ['seed', 'cpython', 'micropython'] as const) {
      expect(isModelledProfile(p)).toBe(true);
      const m = machinesFor(p);
      expect(machinesFor(p)).toBe(m);
      expect(m.dueTimersJoinEveryTurn).toBe(PROFILE_CHOICES[p].dueTimersJoinEveryTurn);
      expect(m.childEndsReportedByCallback).toBe(PROFILE_CHOICES[p].childEndsReportedByCallback);
      expect(m.equalDeadlinesOrdered).toBe(PROFILE_CHOICES[p].equalDeadlinesOrdered);
    }
    expect(machinesFor('seed').gather).not.toBe(machinesFor('cpython').gather);
    expect(isModelledProfile('toString')).toBe(false);
    expect(() => machinesFor('python2' as Profile)).toThrow(new Error('unknown profile "python2"'));
  });

  it('seed and MicroPython never defer the caller’s wake after an awaiter cancel (only CPython’s gather does)', () => {
    for (const p of ['seed', 'micropython'] as const) {
      for (const remaining of [0, 1, 2]) {
        for (const returnExceptions of [false, true]) {
          for (const ended of ['returned', 'raised', 'cancelled'] as const) {
            expect(PROFILE_CHOICES[p].deferredCallerWakeDue(remaining, returnExceptions, ended)).toBe(false);
          }
        }
      }
    }
  });
});

describe('stateIdsOf', () => {
  it('lists a state value’s ids, ancestors first; nothing for a value that is neither a string nor an object', async () => {
    const { stateIdsOf } = await import('./index.ts');
    expect(stateIdsOf('task', 'created')).toEqual(['task.created']);
    expect(stateIdsOf('task', { suspended: 'sleeping' })).toEqual(['task.suspended', 'task.suspended.sleeping']);
    expect(stateIdsOf('task', null)).toEqual([]);
    expect(stateIdsOf('task', undefined)).toEqual([]);
    expect(stateIdsOf('task', 0)).toEqual([]);
  });
});

describe('guard outcomes listed by modelGraph', () => {
  it('come only from event lists that have a guard: each such list has a guarded alternative (a `false` outcome)', async () => {
    const { modelGraph } = await import('./index.ts');
    const lists = new Map<string, Set<string>>();
    for (const g of modelGraph().guards!) {
      if (g.kind === 'check') continue;
      const key = `${g.source} ${g.event}`;
      if (!lists.has(key)) lists.set(key, new Set());
      lists.get(key)!.add(g.kind);
    }
    expect(lists.size).toBeGreaterThan(0);
    for (const [key, kinds] of lists) expect([key, kinds.has('false')]).toEqual([key, true]);
  });
});

describe('guard ids: what simulate counts is what modelGraph lists', () => {
  it('for a few scenarios in every profile (failures, cancels, swallows, nesting)', async () => {
    const { modelGraph, simulate, parseScenario } = await import('./index.ts');
    const { emptyCoverage } = await import('./coverage-types.ts');
    const graph = modelGraph();
    const listed = new Set(graph.guards!.map((g) => g.id));
    const checks = graph.guards!.filter((g) => g.kind === 'check').map((g) => g.guard!);
    const inLists = new Set(graph.guards!.filter((g) => g.kind !== 'check').map((g) => g.guard));
    // check guards: each (machine, guard) listed true then false, names sorted per machine, none also in a list
    expect(checks.length).toBeGreaterThan(0);
    for (const name of checks) expect(inLists.has(name), name).toBe(false);
    for (const machine of graph.machines) {
      const names = graph.guards!.filter((g) => g.kind === 'check' && g.machine === machine).map((g) => g.guard!);
      expect(names).toEqual([...names].sort());
    }
    expect(inLists.has('else')).toBe(true);
    expect([...inLists].filter((n) => n !== 'else').length).toBeGreaterThan(3);
    const cov = emptyCoverage();
    for (const profile of ['seed', 'cpython', 'micropython']) {
      const scenarios = [
        {
          children: [
            { name: 'e', sleeps: [1], end: { raise: 'E' } },
            { name: 'a', sleeps: [5], end: { return: 1 } },
          ],
        },
        {
          children: [
            { name: 'a', sleeps: [5], end: 'hang', onCancel: { cleanupMs: 2 }, task: true },
            { name: 's', sleeps: [5], end: { return: 1 }, onCancel: { swallow: 0 } },
            {
              name: 'g',
              gather: { returnExceptions: true, children: [{ name: 'x', sleeps: [0, 3], end: { raise: 'X' } }] },
            },
          ],
          cancels: [
            { at: 1, target: 'a' },
            { at: 4, target: 'awaiter' },
          ],
        },
      ];
      for (const s of scenarios) simulate(parseScenario({ loopcheck: 1, profile, ...s }), { coverage: cov });
    }
    expect(cov.guards!.size).toBeGreaterThan(10);
    for (const id of cov.guards!.keys()) expect(listed.has(id), id).toBe(true);
  });
});

describe('modelGraph, built inside the test', () => {
  it('lists each state, transition, guard outcome and pair once; the machines’ roots are not states', async () => {
    const { modelGraph } = await import('./index.ts');
    const g = modelGraph();
    for (const list of [g.states, g.transitions, g.guards!, g.pairs!]) {
      expect(list.length).toBeGreaterThan(0);
      expect(new Set(list.map((x) => x.id)).size).toBe(list.length);
      for (const x of list) expect(typeof x.id === 'string' && g.machines.includes(x.machine), String(x.id)).toBe(true);
    }
    for (const m of g.machines) expect(g.states.some((s) => s.id === m)).toBe(false);
    for (const x of g.guards!) expect(['taken', 'false', 'check']).toContain(x.kind);
    expect(g.machines).toEqual(['task', 'gather']);
    expect(g.guards!.filter((x) => x.kind === 'false' && x.guard === 'else')).toEqual([]);
    const transitions = new Map(g.transitions.map((t) => [t.id, t]));
    for (const p of g.pairs!) {
      expect(p.id).toBe(`${p.first} => ${p.second}`);
      expect([transitions.get(p.first)?.machine, transitions.get(p.second)?.machine]).toEqual([p.machine, p.machine]);
    }
    // a pair for every transition that can follow CREATE: the task's first STEP
    expect(
      g.pairs!.some((p) => p.first === 'task.created --CREATE--> task.scheduled' && p.second.includes('--STEP-->')),
    ).toBe(true);
  });
});
