// Coverage counting (docs/coverage.md): a state is counted each time it is entered, not for every step spent in it.
import { describe, expect, it } from 'vitest';
import { parseScenario, simulate } from './index.ts';

const seedExample = parseScenario({
  loopcheck: 1,
  children: [
    { name: 'a', sleeps: [100], end: { return: 'a' } },
    { name: 'b', sleeps: [300], end: { return: 'b' } },
    { name: 'c', sleeps: [200], end: { return: 'c' } },
  ],
});

describe('state counts', () => {
  it('count entries: the gather enters waiting once though two children end while it waits', () => {
    const cov = { states: new Map<string, number>(), transitions: new Map<string, number>() };
    simulate(seedExample, { coverage: cov });
    expect(cov.transitions.get('gather.waiting --CHILD_ENDED--> gather.waiting')).toBe(2);
    expect(cov.states.get('gather.waiting')).toBe(1);
    expect(cov.states.get('gather.idle')).toBe(1);
    expect(cov.states.get('gather.returned')).toBe(1);
    // every task starts in `created` and ends `returned`, once each
    expect(cov.states.get('task.created')).toBe(4);
    expect(cov.states.get('task.returned')).toBe(4);
  });
});
