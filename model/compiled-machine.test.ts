// The compiled machines agree with xstate's `machine.transition`: same outcome and trace on seeded random
// scenarios, the same state value and context step by step, and machines outside the subset are refused.
import { describe, expect, it } from 'vitest';
import { createActor, createMachine, setup } from 'xstate';
import { simulate } from './simulate.ts';
import { randomScenario } from '../test/random-scenarios.ts';
import { CompiledMachine, UnsupportedMachineError } from './compiled-machine.ts';
import { gatherBody } from './program.ts';
import { taskMachine } from './task-machine.ts';
import { PROFILE_CHOICES } from './profiles.ts';
import type { Profile } from './scenario-types.ts';

const actor = (() => {
  const self = createActor(createMachine({}));
  return { self, system: self.system };
})();

describe('compiled machines', () => {
  it('give the same outcome and trace as xstate on 300 seeded random scenarios, in every profile', () => {
    for (const profile of Object.keys(PROFILE_CHOICES) as Profile[]) {
      for (let seed = 1; seed <= 300; seed++) {
        const scenario = { ...randomScenario(seed), profile };
        expect(simulate(scenario), `${profile} seed ${seed}`).toEqual(simulate(scenario, { engine: 'xstate' }));
      }
    }
  });

  it('take the same transitions as xstate, context and actions included, on a task stepped by hand', () => {
    const recorder = (log: string[]) =>
      new Proxy({} as Record<string, unknown>, {
        get: (_t, name) =>
          typeof name === 'string'
            ? (...args: unknown[]) => void log.push(`${name} ${JSON.stringify(args)}`)
            : undefined,
      });
    const fastCalls: string[] = [];
    const slowCalls: string[] = [];
    const program = gatherBody({ returnExceptions: false, gatherAfter: 5, children: [] });
    const compiled = new CompiledMachine(taskMachine, actor);
    let fast = compiled.initial({ world: recorder(fastCalls), path: 'c', program });
    let slow = taskMachine.getInitialSnapshot(
      actor as never,
      { world: recorder(slowCalls), path: 'c', program } as never,
    );
    const events = [
      { type: 'CREATE' },
      { type: 'STEP' },
      { type: 'RUN' },
      { type: 'CANCEL' },
      { type: 'TIMER' },
      { type: 'STEP' },
      { type: 'RUN' },
    ];
    for (const event of events) {
      const step = compiled.transition(fast, event);
      fast = step.state;
      for (const a of step.actions) a.exec(a.info, a.params);
      const executables: { exec?: (i: unknown, p: unknown) => void; info: unknown; params: unknown }[] = [];
      slow = taskMachine.transition(
        slow,
        event as never,
        { ...actor, defer: () => {}, actionExecutor: (a: never) => executables.push(a) } as never,
      );
      for (const a of executables) a.exec?.(a.info, a.params);
      const keys: string[] = [];
      for (let n = fast.node; n.parent !== undefined; n = n.parent) keys.unshift(n.key);
      expect(keys.length === 1 ? keys[0] : { [keys[0]!]: keys[1] }, event.type).toEqual(slow.value);
      const { world: _w1, ...fastContext } = fast.context;
      const { world: _w2, ...slowContext } = slow.context;
      expect(fastContext, event.type).toEqual(slowContext);
    }
    expect(fastCalls).toEqual(slowCalls);
    expect(fastCalls.length).toBeGreaterThan(3);
  });

  it('refuses machines outside the subset it implements', () => {
    const withEntry = setup({}).createMachine({ initial: 'a', states: { a: { entry: () => {} } } });
    expect(() => new CompiledMachine(withEntry, actor)).toThrow(UnsupportedMachineError);
    const parallel = createMachine({ type: 'parallel', states: { a: {}, b: {} } });
    expect(() => new CompiledMachine(parallel, actor)).toThrow(UnsupportedMachineError);
    const always = createMachine({ initial: 'a', states: { a: { always: 'b' }, b: {} } });
    expect(() => new CompiledMachine(always, actor)).toThrow(UnsupportedMachineError);
  });
});
