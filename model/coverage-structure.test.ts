// coverage-structure.ts on a tiny statechart: which (source, event) lists a leaf can select from, the initial leaf
// a transition ends in, guarded lists and check guards (docs/coverage.md, "Transition pairs" and "Guard outcomes").
import { describe, expect, it } from 'vitest';
import { createMachine } from 'xstate';
import { checkGuardNames, guardedLists, handlersFrom, initialLeaf, nodeById } from './coverage-structure.ts';

function tiny() {
  return createMachine(
    {
      id: 'm',
      initial: 'p',
      states: {
        p: {
          initial: 'c',
          on: { E1: '.d', E2: '.d', E4: '.d', E5: '.c' },
          states: {
            c: {
              on: {
                E1: 'd', // unguarded: p's E1 can never be selected from c
                E3: { target: 'd', guard: 'g3' }, // guarded only
                E4: [{ target: 'd', guard: 'g4' }], // guarded only: p's E4 stays selectable
              },
            },
            d: { on: { E5: [{ target: 'c', guard: 'g5' }, { target: 'c' }] } },
          },
        },
        q: {},
      },
    },
    { guards: { g3: () => true, g4: () => true, g5: () => true, onlyChecked: () => true, alsoChecked: () => false } },
  );
}

describe('coverage structure of a tiny machine', () => {
  it('handlersFrom: the leaf’s own lists, then its ancestors’ except events a closer state always handles', () => {
    const m = tiny();
    const c = nodeById(m, 'm.p.c')!;
    expect(handlersFrom(c)).toEqual([
      { source: 'm.p.c', event: 'E1' },
      { source: 'm.p.c', event: 'E3' },
      { source: 'm.p.c', event: 'E4' },
      { source: 'm.p', event: 'E2' },
      { source: 'm.p', event: 'E4' },
      { source: 'm.p', event: 'E5' },
    ]);
    const d = nodeById(m, 'm.p.d')!;
    // d's E5 list ends with an unguarded alternative: p's E5 is never selected from d
    expect(handlersFrom(d)).toEqual([
      { source: 'm.p.d', event: 'E5' },
      { source: 'm.p', event: 'E1' },
      { source: 'm.p', event: 'E2' },
      { source: 'm.p', event: 'E4' },
    ]);
  });

  it('initialLeaf follows initial states down; nodeById finds nodes and the root', () => {
    const m = tiny();
    expect(initialLeaf(nodeById(m, 'm')!).id).toBe('m.p.c');
    expect(initialLeaf(nodeById(m, 'm.p')!).id).toBe('m.p.c');
    expect(initialLeaf(nodeById(m, 'm.q')!).id).toBe('m.q');
    expect(nodeById(m, 'm.nowhere')).toBeUndefined();
  });

  it('guardedLists lists only lists with a guard, unguarded alternatives as else; checkGuardNames the others, sorted', () => {
    const m = tiny();
    expect(guardedLists(m)).toEqual([
      { source: 'm.p.c', event: 'E3', alternatives: [{ guard: 'g3', guarded: true, target: 'm.p.d', index: 0 }] },
      { source: 'm.p.c', event: 'E4', alternatives: [{ guard: 'g4', guarded: true, target: 'm.p.d', index: 0 }] },
      {
        source: 'm.p.d',
        event: 'E5',
        alternatives: [
          { guard: 'g5', guarded: true, target: 'm.p.c', index: 0 },
          { guard: 'else', guarded: false, target: 'm.p.c', index: 1 },
        ],
      },
    ]);
    expect(checkGuardNames(m)).toEqual(['alsoChecked', 'onlyChecked']);
  });
});
