// Coverage counting (ids shared with modelGraph: states, transitions, guard outcomes, pairs), determinism, and the
// model's graph listing.
import { describe, expect, it } from 'vitest';
import { emptyCoverage } from './coverage-types.ts';
import { modelGraph } from './graph.ts';
import { parseScenario, parseScenarioText } from './index.ts';
import { simulate } from './simulate.ts';
import { randomScenario } from '../test/random-scenarios.ts';
import { guardCheckId, guardFalseId, guardTakenId, pairId } from './coverage-ids.ts';
import { UNREACHABLE } from './coverage-unreachable.ts';
import { FORMAT2_SCENARIOS } from '../properties/format2/hand-written.ts';

const seedExample = parseScenario({
  loopcheck: 1,
  children: [
    { name: 'a', sleeps: [100], end: { return: 'a' } },
    { name: 'b', sleeps: [200], end: { return: 'b' } },
    { name: 'c', sleeps: [50], end: { return: 'c' } },
  ],
});

describe('modelGraph', () => {
  const g = modelGraph();
  it('lists both machines with unique, well-formed ids', () => {
    expect(g.machines).toEqual(['task', 'gather']);
    expect(new Set(g.states.map((s) => s.id)).size).toBe(g.states.length);
    expect(new Set(g.transitions.map((t) => t.id)).size).toBe(g.transitions.length);
    for (const s of g.states) expect(s.id.startsWith(`${s.machine}.`)).toBe(true);
    const stateIds = new Set(g.states.map((s) => s.id));
    for (const t of g.transitions) {
      expect(t.id).toBe(`${t.source} --${t.event}--> ${t.target}`);
      expect(stateIds.has(t.source) && stateIds.has(t.target)).toBe(true);
    }
  });
  it('contains the lifecycle the rules describe', () => {
    const ids = new Set([...g.states.map((s) => s.id), ...g.transitions.map((t) => t.id)]);
    for (const id of [
      'task.created',
      'task.running.cleanup',
      'task.suspended.awaitingGather',
      'gather.waiting',
      'task.scheduled.cancelRequested --STEP--> task.cancelled', // T4a
      'task.suspended.awaitingGather --CANCEL--> task.suspended.cancellingGather', // T4d
      'gather.waiting --CANCEL--> gather.cancelled', // G6
      'gather.idle --CALL--> gather.returned', // G2
    ]) {
      expect(ids.has(id), id).toBe(true);
    }
  });
});

describe('modelGraph: guard outcomes and pairs', () => {
  const g = modelGraph();
  const transitions = new Map(g.transitions.map((t) => [t.id, t]));
  it('lists each guarded alternative taken, each guard false, each in-action check both ways; ids unique', () => {
    const guards = g.guards!;
    expect(new Set(guards.map((x) => x.id)).size).toBe(guards.length);
    // the task's RUN list: every alternative is guarded
    expect(
      guards.filter((x) => x.source === 'task.running.body' && x.event === 'RUN' && x.kind === 'taken').length,
    ).toBe(guards.filter((x) => x.source === 'task.running.body' && x.event === 'RUN' && x.kind === 'false').length);
    // the gather's default CHILD_ENDED alternative has no guard: taken only
    expect(guards.map((x) => x.id)).toContain(guardTakenId('gather.waiting', 'CHILD_ENDED', 'else', 'gather.waiting'));
    expect(guards.map((x) => x.id)).not.toContain(guardFalseId('gather.waiting', 'CHILD_ENDED', 'else'));
    for (const value of [true, false])
      expect(guards.map((x) => x.id)).toContain(guardCheckId('gather', 'siblingsCancelledOnFailure', value));
    // every taken alternative is one of the listed transitions
    for (const x of guards.filter((x) => x.kind === 'taken'))
      expect(transitions.has(`${x.source} --${x.event}--> ${x.target}`), x.id).toBe(true);
    // an unguarded single transition has no guard outcome
    expect(guards.some((x) => x.source === 'task.created')).toBe(false);
  });

  it('lists pairs of one machine whose second leaves the state the first ends in (or an ancestor)', () => {
    const pairs = g.pairs!;
    expect(new Set(pairs.map((p) => p.id)).size).toBe(pairs.length);
    for (const p of pairs) {
      const first = transitions.get(p.first)!;
      const second = transitions.get(p.second)!;
      expect(first.machine === p.machine && second.machine === p.machine, p.id).toBe(true);
      const leaf = first.target === 'task.scheduled' ? 'task.scheduled.fresh' : first.target;
      expect(leaf === second.source || leaf.startsWith(`${second.source}.`), p.id).toBe(true);
    }
    const ids = new Set(pairs.map((p) => p.id));
    expect(
      ids.has(pairId('task.created --CREATE--> task.scheduled', 'task.scheduled.fresh --STEP--> task.running.body')),
    ).toBe(true);
    // from a finished state only the ignored CANCEL follows
    expect(
      pairs.filter((p) => p.first === 'task.scheduled.cancelRequested --STEP--> task.cancelled').map((p) => p.second),
    ).toEqual(['task.cancelled --CANCEL--> task.cancelled']);
  });

  it('lists as unreachable only guard outcomes and pairs the graph has, each once, with a reason', () => {
    const listed = new Set([...g.guards!.map((x) => x.id), ...g.pairs!.map((p) => p.id)]);
    for (const u of UNREACHABLE) {
      expect(listed.has(u.id), u.id).toBe(true);
      expect(u.reason.length).toBeGreaterThan(20);
    }
    expect(new Set(UNREACHABLE.map((u) => u.id)).size).toBe(UNREACHABLE.length);
  });
});

describe('coverage counting', () => {
  it('counts the seed example’s states and transitions as the rules imply', () => {
    const cov = emptyCoverage();
    simulate(seedExample, { coverage: cov });
    // four tasks (awaiter, a, b, c), each created once and ending returned
    expect(cov.transitions.get('task.created --CREATE--> task.scheduled')).toBe(4);
    expect(cov.states.get('task.returned')).toBe(4);
    // each child sleeps once: one timer each
    expect(cov.transitions.get('task.suspended.sleeping --TIMER--> task.queued.woken')).toBe(3);
    // one gather: two children end while it waits, the last decides it
    expect(cov.transitions.get('gather.idle --CALL--> gather.waiting')).toBe(1);
    expect(cov.transitions.get('gather.waiting --CHILD_ENDED--> gather.waiting')).toBe(2);
    expect(cov.transitions.get('gather.waiting --CHILD_ENDED--> gather.returned')).toBe(1);
    expect(cov.states.get('task.suspended.cleaningUp')).toBeUndefined();
  });

  it('counts the seed example’s guard outcomes and pairs as the rules imply', () => {
    const cov = emptyCoverage();
    simulate(seedExample, { coverage: cov });
    const guards = cov.guards!;
    // each child: a RUN that sleeps, a RUN that returns; the awaiter: gather, awaitGather (undecided), return
    const runs = 3 * 2 + 3;
    // cancelHandlerSwallows is the first RUN alternative: evaluated (and false, nothing is cancelled) on every RUN
    expect(guards.get(guardFalseId('task.running.body', 'RUN', 'cancelHandlerSwallows'))).toBe(runs);
    expect(guards.get(guardTakenId('task.running.body', 'RUN', 'bodySleepsOnTimer', 'task.suspended.sleeping'))).toBe(
      3,
    );
    expect(guards.get(guardTakenId('task.running.body', 'RUN', 'bodyReturns', 'task.returned'))).toBe(4);
    // bodyReturns is reached only by the RUNs that do not sleep or call or await the gather
    expect(guards.get(guardFalseId('task.running.body', 'RUN', 'bodySleepsOnTimer'))).toBe(runs - 3);
    expect(guards.get(guardFalseId('task.running.body', 'RUN', 'bodyHangs'))).toBeUndefined();
    // the gather: two children end while it waits, the last decides it (G4)
    expect(guards.get(guardTakenId('gather.waiting', 'CHILD_ENDED', 'else', 'gather.waiting'))).toBe(2);
    expect(guards.get(guardFalseId('gather.waiting', 'CHILD_ENDED', 'lastChildEnded'))).toBe(2);
    expect(guards.get(guardTakenId('gather.waiting', 'CHILD_ENDED', 'lastChildEnded', 'gather.returned'))).toBe(1);
    // every task is created, then started
    expect(
      cov.pairs!.get(
        pairId('task.created --CREATE--> task.scheduled', 'task.scheduled.fresh --STEP--> task.running.body'),
      ),
    ).toBe(4);
    expect(
      cov.pairs!.get(pairId('gather.idle --CALL--> gather.waiting', 'gather.waiting --CHILD_ENDED--> gather.waiting')),
    ).toBe(1);
    expect(
      cov.pairs!.get(
        pairId('gather.waiting --CHILD_ENDED--> gather.waiting', 'gather.waiting --CHILD_ENDED--> gather.returned'),
      ),
    ).toBe(1);
  });

  it('counts the profiles’ in-action checks (G3: seed cancels the siblings, CPython does not)', () => {
    const failing = (profile: 'seed' | 'cpython') =>
      parseScenario({
        loopcheck: 1,
        profile,
        children: [
          { name: 'e', sleeps: [1], end: { raise: 'ValueError' } },
          { name: 'a', sleeps: [5], end: { return: 1 } },
        ],
      });
    for (const [profile, value] of [
      ['seed', true],
      ['cpython', false],
    ] as const) {
      const cov = emptyCoverage();
      simulate(failing(profile), { coverage: cov });
      expect(cov.guards!.get(guardCheckId('gather', 'siblingsCancelledOnFailure', value)), profile).toBe(1);
      expect(cov.guards!.has(guardCheckId('gather', 'siblingsCancelledOnFailure', !value)), profile).toBe(false);
    }
  });

  it('counts no guards or pairs into a Coverage without those maps', () => {
    const cov = { states: new Map<string, number>(), transitions: new Map<string, number>() };
    simulate(seedExample, { coverage: cov });
    expect(Object.keys(cov).sort()).toEqual(['states', 'transitions']);
    expect(cov.transitions.get('task.created --CREATE--> task.scheduled')).toBe(4);
  });

  it('adds to an existing coverage', () => {
    const cov = emptyCoverage();
    simulate(seedExample, { coverage: cov });
    simulate(seedExample, { coverage: cov });
    expect(cov.transitions.get('task.created --CREATE--> task.scheduled')).toBe(8);
  });

  it('counts only ids of the graph; random and format 2 scenarios reach every state and all but the seed-unreachable transitions', () => {
    const g = modelGraph();
    const known = new Set([g.states, g.transitions, g.guards!, g.pairs!].flatMap((list) => list.map((x) => x.id)));
    const cov = emptyCoverage();
    for (let i = 0; i < 400; i++) simulate(randomScenario(i), { coverage: cov });
    for (const s of Object.values(FORMAT2_SCENARIOS)) simulate(s, { coverage: cov });
    for (const id of [cov.states, cov.transitions, cov.guards!, cov.pairs!].flatMap((m) => [...m.keys()]))
      expect(known.has(id), id).toBe(true);
    expect(g.states.filter((s) => !cov.states.has(s.id)).map((s) => s.id)).toEqual([]);
    // a second cancel can only reach a caller between T4d and G6's wake when a profile defers the wake: never in
    // seed (a not-started task cancelled twice needs format 2: a cancel step right after a create)
    expect(g.transitions.filter((t) => !cov.transitions.has(t.id)).map((t) => t.id)).toEqual([
      'task.suspended.cancellingGather --CANCEL--> task.suspended.cancellingGather',
      'gather.cancelled --CANCEL--> gather.cancelled',
      'gather.cancelled --CALLER_RUNS--> gather.cancelled', // G6m: micropython only
    ]);
  });

  it('does not change the outcome', () => {
    for (let i = 0; i < 50; i++) {
      const s = randomScenario(i);
      expect(simulate(s, { coverage: emptyCoverage() })).toEqual(simulate(s));
    }
  });
});

describe('determinism', () => {
  it('the same scenario gives byte-identical JSON', () => {
    for (let i = 0; i < 200; i++) {
      const text = JSON.stringify(randomScenario(i));
      expect(JSON.stringify(simulate(parseScenarioText(text)))).toBe(JSON.stringify(simulate(parseScenarioText(text))));
    }
  });

  it('every run is well formed: time never goes backwards, end is the last time, final events match statuses', () => {
    for (let i = 0; i < 200; i++) {
      const o = simulate(randomScenario(i));
      for (let k = 1; k < o.trace.length; k++) expect(o.trace[k]!.at).toBeGreaterThanOrEqual(o.trace[k - 1]!.at);
      for (const e of o.trace) expect(e.at).toBeLessThanOrEqual(o.end);
      for (const [task, t] of Object.entries({ awaiter: o.awaiter, ...o.children })) {
        const last = o.trace.filter((e) => e.task === task && ['returned', 'raised', 'cancelled'].includes(e.event));
        if (t.status === 'pending') {
          expect(last).toEqual([]);
          expect(t.at).toBe(o.end);
        } else {
          expect(last.map((e) => e.event)).toEqual([t.status]);
          expect(last[0]!.at).toBe(t.at);
        }
      }
    }
  });
});
