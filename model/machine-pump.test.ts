// MachinePump on machines outside the compiled subset: it falls back to xstate's transitions (same states, same
// actions run after the commit) and skips a named action that has no implementation, as xstate does.
import { describe, expect, it } from 'vitest';
import { setup } from 'xstate';
import { isRunning, MachinePump, type MachineState } from './machine-pump.ts';

function machineWithEntry(calls: string[]) {
  return setup({ actions: { note: () => calls.push('note') } }).createMachine({
    initial: 'idle',
    states: {
      idle: { entry: () => {}, on: { GO: { target: 'running', actions: ['note', 'unimplemented' as 'note'] } } },
      running: { initial: 'body', states: { body: { on: { STOP: '#done' } } } },
      done: { id: 'done' },
    },
  });
}

describe('MachinePump', () => {
  it('steps a machine the compiled interpreter refuses (an entry action) with xstate instead', () => {
    for (const useCompiled of [true, false]) {
      const calls: string[] = [];
      const machine = machineWithEntry(calls);
      const pump = new MachinePump(useCompiled, undefined);
      let state: MachineState = pump.initial(machine, undefined);
      expect(isRunning(state)).toBe(false);
      const commit = (s: MachineState): void => {
        expect(calls).toEqual([]); // actions run after the new state is committed
        state = s;
      };
      pump.advance(machine, {}, state, { type: 'GO' }, commit);
      expect(isRunning(state)).toBe(true);
      expect(calls).toEqual(['note']);
      pump.advance(machine, {}, state, { type: 'STOP' }, (s) => {
        state = s;
      });
      expect(isRunning(state)).toBe(false);
    }
  });
});
