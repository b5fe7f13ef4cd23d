// The compiled interpreter on a small hand-written machine: guards and actions in every form the subset allows
// (names, { type, params } with static or function params, assign, enqueueActions with check) step exactly as
// xstate does; everything outside the subset is refused with a message naming it.
import { describe, expect, it } from 'vitest';
import { and, assign, createActor, createMachine, enqueueActions, log, setup } from 'xstate';
import { CompiledMachine, UnsupportedMachineError } from './compiled-machine.ts';

const actor = (() => {
  const self = createActor(createMachine({}));
  return { self, system: self.system };
})();

type Ctx = { n: number; seen: string[] };

function machine(calls: string[]) {
  return setup({
    types: { context: {} as Ctx, events: {} as { type: 'GO' | 'BACK' | 'STAY'; by?: number } },
    guards: {
      isBelow: ({ context }, params: { limit: number }) => context.n < params.limit,
      byIsEven: ({ event }) => (event.by ?? 0) % 2 === 0,
      never: () => false,
    },
    actions: {
      note: ({ context }, params: { what: string }) => void calls.push(`note ${params.what} ${context.n}`),
      plain: () => void calls.push('plain'),
      add: assign({
        n: ({ context, event }, params: { times: number }) => context.n + (event.by ?? 1) * params.times,
      }) as never,
      queue: enqueueActions(({ enqueue, check, context }) => {
        enqueue.assign({ seen: [...context.seen, check('byIsEven') ? 'even' : 'odd'] });
        if (check({ type: 'isBelow', params: { limit: 100 } })) enqueue({ type: 'note', params: { what: 'queued' } });
        enqueue('plain');
      }) as never,
    },
  }).createMachine({
    id: 'small',
    context: { n: 0, seen: [] },
    initial: 'a',
    states: {
      a: {
        on: {
          GO: [
            { guard: 'never', target: 'b' },
            {
              guard: { type: 'isBelow', params: ({ context }: { context: Ctx }) => ({ limit: context.n + 10 }) },
              target: 'b',
              actions: [
                { type: 'add', params: { times: 2 } },
                { type: 'note', params: ({ context }: { context: Ctx }) => ({ what: `at${context.n}` }) },
                'queue',
              ],
            },
          ],
          STAY: { actions: ['plain', { type: 'add', params: { times: 1 } }] },
        },
      },
      b: {
        initial: 'inner',
        states: { inner: { on: { BACK: { guard: { type: 'isBelow', params: { limit: 50 } }, target: '#small.a' } } } },
        on: { BACK: { target: 'a', actions: 'queue' } },
      },
    },
  });
}

describe('CompiledMachine on a small machine', () => {
  it('steps as xstate does: state, context and actions with their params', () => {
    const fastCalls: string[] = [];
    const slowCalls: string[] = [];
    const fastMachine = machine(fastCalls);
    const slowMachine = machine(slowCalls);
    const compiled = new CompiledMachine(fastMachine, actor);
    let fast = compiled.initial(undefined);
    let slow = slowMachine.getInitialSnapshot(actor as never, undefined as never);
    const events = [
      { type: 'STAY', by: 3 },
      { type: 'GO', by: 2 },
      { type: 'BACK' },
      { type: 'GO', by: 5 },
      { type: 'BACK' },
      { type: 'STAY', by: 40 },
      { type: 'GO', by: 1 },
      { type: 'STAY' },
    ] as const;
    for (const event of events) {
      const step = compiled.transition(fast, event);
      fast = step.state;
      for (const a of step.actions) a.exec(a.info, a.params);
      const executables: { exec?: (i: unknown, p: unknown) => void; info: unknown; params: unknown }[] = [];
      slow = slowMachine.transition(
        slow,
        event as never,
        { ...actor, defer: () => {}, actionExecutor: (a: never) => executables.push(a) } as never,
      );
      for (const a of executables) a.exec?.(a.info, a.params);
      const keys: string[] = [];
      for (let n = fast.node; n.parent !== undefined; n = n.parent) keys.unshift(n.key);
      expect(keys.length === 1 ? keys[0] : { [keys[0]!]: keys[1] }, event.type).toEqual(slow.value);
      expect(fast.context, event.type).toEqual(slow.context);
    }
    expect(fastCalls).toEqual(slowCalls);
    expect(fastCalls.length).toBeGreaterThan(5);
    expect((fast.context as Ctx).seen.length).toBeGreaterThan(1);
  });

  it('refuses what it does not implement, naming it', () => {
    const refuse = (m: unknown, message: string | RegExp, run?: (c: CompiledMachine) => void) => {
      const attempt = () => {
        const c = new CompiledMachine(m as never, actor);
        run?.(c);
      };
      expect(attempt).toThrow(UnsupportedMachineError);
      expect(attempt).toThrow(message);
    };
    refuse(
      createMachine({ initial: 'a', states: { a: { exit: () => {} } } }),
      'state (machine).a: entry/exit actions are not supported',
    );
    refuse(
      createMachine({ initial: 'a', states: { a: { always: 'b' }, b: {} } }),
      'state (machine).a: always/after/invoke are not supported',
    );
    refuse(createMachine({ initial: 'a', states: { a: { type: 'final' } } }), /final states are not supported/);
    refuse(
      createMachine({ initial: 'a', states: { a: { on: { '*': 'b' } }, b: {} } }),
      /wildcard events are not supported/,
    );
    refuse(createMachine({ type: 'parallel', states: { a: {}, b: {} } }), /parallel states are not supported/);
    refuse(
      createMachine({ initial: 'a', states: { a: { on: { GO: { target: ['b', 'c'] } } }, b: {}, c: {} } }),
      'state (machine).a: one target per transition',
    );
    const go = (c: CompiledMachine) => c.transition(c.initial(undefined), { type: 'GO' });
    refuse(
      createMachine({ initial: 'a', states: { a: { on: { GO: { guard: 'missing', target: 'b' } } }, b: {} } }),
      'guard missing is not implemented',
      go,
    );
    refuse(
      setup({ guards: { yes: () => true } }).createMachine({
        initial: 'a',
        states: { a: { on: { GO: { guard: and(['yes', 'yes']), target: 'b' } } }, b: {} },
      }),
      'built-in guards (and/or/not/stateIn) are not supported',
      go,
    );
    refuse(
      createMachine({ initial: 'a', states: { a: { on: { GO: { actions: log('x') } } } } }),
      /^built-in action xstate\.log is not supported$/,
      go,
    );
    refuse(
      createMachine({ context: ({ spawn }) => ({ s: spawn(createMachine({})) }), initial: 'a', states: { a: {} } }),
      'spawn is not supported by the compiled machine',
      (c) => c.initial(undefined),
    );
    refuse(
      createMachine({
        initial: 'a',
        context: {},
        states: { a: { on: { GO: { actions: assign(({ spawn }) => ({ child: spawn(createMachine({})) })) } } } },
      }),
      'spawn is not supported by the compiled machine',
      go,
    );
  });

  it('skips an action without implementation, as xstate does', () => {
    const m = createMachine({
      initial: 'a',
      context: { n: 1 },
      states: { a: { on: { GO: { target: 'b', actions: ['nothing', assign({ n: 2 })] } } }, b: {} },
    });
    const c = new CompiledMachine(m, actor);
    const step = c.transition(c.initial(undefined), { type: 'GO' });
    expect(step.state.context).toEqual({ n: 2 });
    expect(step.state.node.key).toBe('b');
  });
});
