// simulate's chooseTieOrder option (rules.md §7): when it is asked, how many candidates it is offered, and that an
// answer outside those candidates is refused instead of running something no order allows.
import { describe, expect, it } from 'vitest';
import { parseScenario, simulate, outcomeKey } from './index.ts';

// b's sleep and the awaiter's cancel are both due at 5 (the TIE example of allowed-outcomes.test.ts)
const tie = (profile: string) =>
  parseScenario({
    loopcheck: 1,
    profile,
    children: [
      { name: 'a', sleeps: [], end: { return: 24 } },
      { name: 'b', sleeps: [5], end: { return: [1, 2] } },
    ],
    cancels: [{ at: 5, target: 'awaiter' }],
  });

describe('simulate with chooseTieOrder', () => {
  it('answering 0 everywhere is the FIFO order, the plain simulation', () => {
    const asked: number[] = [];
    const fifo = simulate(tie('micropython'), {
      chooseTieOrder: (n) => {
        asked.push(n);
        return 0;
      },
    });
    expect(asked.length).toBeGreaterThan(0);
    for (const n of asked) expect(n).toBeGreaterThan(1); // asked only when there is a choice
    expect(fifo).toEqual(simulate(tie('micropython')));
  });

  it('another answer gives another allowed outcome', () => {
    const outcomes = [0, 1].map((first) => {
      let call = 0;
      return simulate(tie('micropython'), { chooseTieOrder: () => (call++ === 0 ? first : 0) });
    });
    expect(outcomeKey(outcomes[0]!)).not.toBe(outcomeKey(outcomes[1]!));
  });

  it('refuses an answer that is not one of the candidates', () => {
    for (const bad of [-1, 2, 0.5, Number.NaN]) {
      expect(() => simulate(tie('micropython'), { chooseTieOrder: () => bad })).toThrow(
        new Error(`model: tie choice ${bad} of 2`),
      );
    }
  });

  it('is never asked by a profile that orders equal deadlines', () => {
    for (const profile of ['seed', 'cpython']) {
      const asked: number[] = [];
      const o = simulate(tie(profile), {
        chooseTieOrder: (n) => {
          asked.push(n);
          return n - 1;
        },
      });
      expect(asked).toEqual([]);
      expect(o).toEqual(simulate(tie(profile)));
    }
  });
});
