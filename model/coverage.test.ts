// Coverage counting (ids shared with modelGraph), determinism, and the model's graph listing.
import { describe, expect, it } from 'vitest';
import { emptyCoverage } from './coverage-types.ts';
import { modelGraph } from './graph.ts';
import { parseScenario, parseScenarioText } from './index.ts';
import { simulate } from './simulate.ts';
import { randomScenario } from '../test/random-scenarios.ts';

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

  it('adds to an existing coverage', () => {
    const cov = emptyCoverage();
    simulate(seedExample, { coverage: cov });
    simulate(seedExample, { coverage: cov });
    expect(cov.transitions.get('task.created --CREATE--> task.scheduled')).toBe(8);
  });

  it('counts only ids of the graph; random scenarios reach every state and all but the seed-unreachable transitions', () => {
    const g = modelGraph();
    const known = new Set([...g.states.map((s) => s.id), ...g.transitions.map((t) => t.id)]);
    const cov = emptyCoverage();
    for (let i = 0; i < 400; i++) simulate(randomScenario(i), { coverage: cov });
    for (const id of [...cov.states.keys(), ...cov.transitions.keys()]) expect(known.has(id), id).toBe(true);
    expect(g.states.filter((s) => !cov.states.has(s.id)).map((s) => s.id)).toEqual([]);
    // a second cancel can only reach a not-started task, or a caller between T4d and G6's wake, when a profile
    // defers the wake: never in seed (cancel timers fire only once every created task has started)
    expect(g.transitions.filter((t) => !cov.transitions.has(t.id)).map((t) => t.id)).toEqual([
      'task.scheduled.cancelRequested --CANCEL--> task.scheduled.cancelRequested',
      'task.suspended.cancellingGather --CANCEL--> task.suspended.cancellingGather',
      'gather.cancelled --CANCEL--> gather.cancelled',
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
