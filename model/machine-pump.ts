// The pure-transition pump: steps a task or gather machine by one event, with the compiled interpreter
// (compiled-machine.ts) or xstate's `machine.transition`, counting coverage when asked, then runs the actions.
import { createActor, createMachine, type AnyActorScope, type AnyStateMachine } from 'xstate';
import { CompiledMachine, type CompiledState, UnsupportedMachineError } from './compiled-machine.ts';
import type { CoverageCounter } from './coverage-counter.ts';

export type Snapshot = ReturnType<AnyStateMachine['transition']>;
/** A machine's state: an xstate snapshot, or a compiled machine's state (see SimulateOptions.engine). */
export type MachineState = Snapshot | CompiledState;

let sharedScope: (AnyActorScope & { actionExecutor: (a: unknown) => void }) | undefined;

/** One inert actor scope for every pure transition (xstate's `transition()` builds a new actor per call). */
function scope(): AnyActorScope & { actionExecutor: (a: unknown) => void } {
  // Stryker disable next-line ConditionalExpression: equivalent: a cache; a new inert scope per call behaves the same
  if (!sharedScope) {
    const self = createActor(createMachine({}));
    sharedScope = {
      self,
      defer: () => {},
      id: '',
      logger: () => {},
      sessionId: '',
      stopChild: () => {},
      system: self.system,
      emit: () => {},
      actionExecutor: () => {},
    } as unknown as AnyActorScope & { actionExecutor: (a: unknown) => void };
  }
  return sharedScope;
}

type Executable = { exec?: (info: unknown, params: unknown) => void; info: unknown; params: unknown };

const compiledCache = new WeakMap<AnyStateMachine, CompiledMachine | null>();

/** The machine compiled (once per machine object), or null if it uses what compiled-machine.ts does not support. */
function compiled(machine: AnyStateMachine): CompiledMachine | null {
  let c = compiledCache.get(machine);
  // Stryker disable next-line ConditionalExpression: equivalent: a cache; compiling the same machine again gives the same transitions
  if (c === undefined) {
    try {
      c = new CompiledMachine(machine, scope());
    } catch (error) {
      if (!(error instanceof UnsupportedMachineError)) throw error;
      c = null;
    }
    compiledCache.set(machine, c);
  }
  return c;
}

/** Steps machines for one simulation: compiled when it may (no coverage asked), xstate otherwise. */
export class MachinePump {
  constructor(
    private readonly useCompiled: boolean,
    private readonly counter: CoverageCounter | undefined,
  ) {}

  /** The compiled machine to step `machine` with, or null to use xstate. */
  private compiledFor(machine: AnyStateMachine): CompiledMachine | null {
    return this.useCompiled ? compiled(machine) : null;
  }

  advance(
    machine: AnyStateMachine,
    instance: object,
    state: MachineState,
    event: { type: string },
    commit: (s: MachineState) => void,
  ) {
    const fast = this.compiledFor(machine);
    if (fast !== null) {
      const step = fast.transition(state as CompiledState, event);
      commit(step.state);
      for (const a of step.actions) a.exec(a.info, a.params);
      return;
    }
    const snapshot = state as Snapshot;
    // Stryker disable next-line ArrayDeclaration: equivalent: an entry that is not an action has no exec, and the ?. below skips it
    const actions: Executable[] = [];
    const s = scope();
    s.actionExecutor = (a) => actions.push(a as Executable);
    const transition = (): Snapshot => machine.transition(snapshot as never, event as never, s);
    const next = this.counter ? this.counter.step(machine, instance, snapshot, event, transition) : transition();
    commit(next);
    for (const a of actions) a.exec?.(a.info, a.params);
  }

  private silentScope(): AnyActorScope {
    const s = scope();
    s.actionExecutor = () => {};
    return s;
  }

  initial(machine: AnyStateMachine, input: unknown): MachineState {
    const fast = this.compiledFor(machine);
    if (fast !== null) return fast.initial(input);
    const snapshot = machine.getInitialSnapshot(this.silentScope(), input);
    this.counter?.initial(machine, snapshot);
    return snapshot;
  }
}

/** True while the task machine is in `running` (its body goes on). */
export function isRunning(state: MachineState): boolean {
  if ('node' in state) {
    let top = state.node;
    // Stryker disable next-line OptionalChaining: equivalent: a state's node is a leaf, so the loop stops at the root's child and never reads the root's parent
    while (top.parent?.parent !== undefined) top = top.parent;
    return top.key === 'running';
  }
  const value: unknown = state.value;
  return typeof value === 'object' && value !== null && 'running' in value;
}
