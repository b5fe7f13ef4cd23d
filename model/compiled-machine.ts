// A fast interpreter for the model's statecharts: xstate's own transition semantics for the subset they use
// (compound states, guarded event transitions, assign / enqueueActions / plain actions; no entry, exit, always,
// after, invoke, history, parallel or final states), read from the machine's definition once, so a simulation
// step costs a few property reads instead of a full `machine.transition`. A machine outside the subset is
// refused when compiled (the caller falls back to xstate); model/compiled-machine.test.ts checks it agrees with xstate.
import { type AnyStateMachine, assign } from 'xstate';

/** A state node as xstate builds it (the fields read here). */
interface Node {
  id: string;
  key: string;
  type: string;
  parent?: Node;
  states: Record<string, Node>;
  initial?: { target: readonly Node[] };
  transitions: Map<string, readonly TransitionDef[]>;
  entry: readonly unknown[];
  exit: readonly unknown[];
  always?: readonly unknown[];
  after: readonly unknown[];
  invoke: readonly unknown[];
}

interface TransitionDef {
  target: readonly Node[] | undefined;
  guard?: unknown;
  actions: readonly unknown[];
}

type Context = Record<string, unknown>;
type Event = { type: string };
type Impl = ((args: unknown, params: unknown) => unknown) & {
  type?: string;
  assignment?: unknown;
  collect?: (args: unknown, params: unknown) => void;
  check?: unknown;
};

/** Where the machine is: its atomic state node, and its context. */
export interface CompiledState {
  node: Node;
  context: Context;
}

/** A plain action to run once the step is committed, with the context it saw (as xstate's executable actions). */
export interface PendingAction {
  exec: (info: unknown, params: unknown) => void;
  info: { context: Context; event: Event; self: unknown; system: unknown };
  params: unknown;
}

export class UnsupportedMachineError extends Error {}

export class CompiledMachine {
  private readonly root: Node;
  private readonly guards: Record<string, unknown>;
  private readonly actions: Record<string, unknown>;
  private readonly contextOf: (input: unknown) => Context;

  constructor(
    machine: AnyStateMachine,
    /** `self` and `system` handed to actions and assigners (the simulation's inert actor scope). */
    private readonly actor: { self: unknown; system: unknown },
  ) {
    this.root = machine.root as unknown as Node;
    this.guards = machine.implementations.guards as Record<string, unknown>;
    this.actions = machine.implementations.actions as Record<string, unknown>;
    const context = (machine.config as { context?: unknown }).context;
    this.contextOf =
      typeof context === 'function'
        ? (input) => (context as (a: unknown) => Context)({ input, self: actor.self, spawn: unsupported('spawn') })
        : () => ({ ...(context as Context) });
    checkSubset(this.root);
  }

  /** The initial state for `input` (no actions: the subset has no entry actions). */
  initial(input: unknown): CompiledState {
    return { node: initialLeaf(this.root), context: this.contextOf(input) };
  }

  /**
   * One macrostep: the first enabled transition of the innermost state that has one (none: nothing changes), its
   * actions resolved in order — assigns update the context, plain actions are returned to be run after commit.
   */
  transition(state: CompiledState, event: Event): { state: CompiledState; actions: PendingAction[] } {
    const selected = this.select(state, event);
    if (selected === undefined) return { state, actions: [] };
    const pending: PendingAction[] = [];
    const context = this.resolveActions(selected.actions, state.context, event, pending);
    const target = selected.target;
    const node = target === undefined ? state.node : initialLeaf(target[0]!);
    // Stryker disable next-line ConditionalExpression: equivalent: reusing the unchanged state object only saves an allocation
    return { state: node === state.node && context === state.context ? state : { node, context }, actions: pending };
  }

  private select(state: CompiledState, event: Event): TransitionDef | undefined {
    for (let node: Node | undefined = state.node; node !== undefined; node = node.parent) {
      const candidates = node.transitions.get(event.type);
      if (candidates === undefined) continue;
      for (const t of candidates) {
        if (t.guard === undefined || this.checkGuard(t.guard, state.context, event)) return t;
      }
    }
    return undefined;
  }

  private checkGuard(guard: unknown, context: Context, event: Event): boolean {
    let resolved: unknown = guard;
    let params: unknown;
    while (typeof resolved !== 'function') {
      if (typeof resolved === 'string') resolved = this.guards[resolved];
      // Stryker disable next-line ConditionalExpression: equivalent: xstate normalises a guard to a string, a function or a { type } object
      else if (typeof resolved === 'object' && resolved !== null && 'type' in resolved) {
        // Stryker disable next-line ConditionalExpression: equivalent: reading a missing params gives undefined, the default
        if ('params' in resolved) params = (resolved as { params: unknown }).params;
        resolved = this.guards[(resolved as { type: string }).type];
      } else throw new UnsupportedMachineError(`guard ${String(guard)} is not implemented`);
    }
    if ('check' in resolved)
      throw new UnsupportedMachineError('built-in guards (and/or/not/stateIn) are not supported');
    if (typeof params === 'function') params = (params as (a: unknown) => unknown)({ context, event });
    return Boolean((resolved as (a: unknown, p: unknown) => unknown)({ context, event }, params));
  }

  private resolveActions(
    actions: readonly unknown[],
    context: Context,
    event: Event,
    pending: PendingAction[],
  ): Context {
    for (const action of actions) {
      let impl: Impl | undefined;
      let params: unknown;
      if (typeof action === 'function') impl = action as Impl;
      else if (typeof action === 'string') impl = this.actions[action] as Impl | undefined;
      // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent: xstate normalises an action to a string, a function or a { type } object
      else if (typeof action === 'object' && action !== null && 'type' in action) {
        impl = this.actions[(action as { type: string }).type] as Impl | undefined;
        params = (action as { params?: unknown }).params;
        if (typeof params === 'function') params = (params as (a: unknown) => unknown)({ context, event });
      }
      if (impl === undefined) continue; // xstate skips an action without implementation too
      if (impl.type === 'xstate.assign') context = this.assign(impl.assignment, context, event, params);
      else if (impl.type === 'xstate.enqueueActions') context = this.enqueued(impl, context, event, params, pending);
      else if ('resolve' in impl)
        throw new UnsupportedMachineError(`built-in action ${String(impl.type)} is not supported`);
      else
        pending.push({
          exec: impl,
          info: { context, event, self: this.actor.self, system: this.actor.system },
          params,
        });
    }
    return context;
  }

  /** xstate's assign: the partial update (a function, or a value or function per key) merged into a new context. */
  private assign(assignment: unknown, context: Context, event: Event, params: unknown): Context {
    const args = { context, event, spawn: unsupported('spawn'), self: this.actor.self, system: this.actor.system };
    let partial: Context;
    if (typeof assignment === 'function') partial = assignment(args, params) as Context;
    else {
      partial = {};
      for (const key of Object.keys(assignment as Context)) {
        const value = (assignment as Context)[key];
        partial[key] = typeof value === 'function' ? value(args, params) : value;
      }
    }
    return Object.assign({}, context, partial);
  }

  /** xstate's enqueueActions: `collect` enqueues actions (check() sees the context before them), then they resolve. */
  private enqueued(impl: Impl, context: Context, event: Event, params: unknown, pending: PendingAction[]): Context {
    // Stryker disable next-line ArrayDeclaration: equivalent: an action with no implementation is skipped (as xstate does)
    const queue: unknown[] = [];
    const enqueue = Object.assign((a: unknown) => void queue.push(a), {
      assign: (assignment: unknown) => void queue.push(assign(assignment as never)),
    });
    const check = (guard: unknown): boolean => this.checkGuard(guard, context, event);
    impl.collect!({ context, event, enqueue, check, self: this.actor.self, system: this.actor.system }, params);
    return this.resolveActions(queue, context, event, pending);
  }
}

function unsupported(what: string): () => never {
  return () => {
    throw new UnsupportedMachineError(`${what} is not supported by the compiled machine`);
  };
}

/** The atomic state a transition to `node` ends in: follow initial states down. */
function initialLeaf(node: Node): Node {
  let n = node;
  while (n.type === 'compound') n = n.initial!.target[0]!;
  return n;
}

/** Throws UnsupportedMachineError for anything outside the subset this interpreter implements. */
function checkSubset(node: Node): void {
  const where = `state ${node.id}`;
  if (node.type !== 'compound' && node.type !== 'atomic')
    throw new UnsupportedMachineError(`${where}: ${node.type} states are not supported`);
  if (node.entry.length > 0 || node.exit.length > 0)
    throw new UnsupportedMachineError(`${where}: entry/exit actions are not supported`);
  // Stryker disable next-line ConditionalExpression: equivalent for after/invoke: xstate gives such states entry/exit actions, refused above
  if ((node.always?.length ?? 0) > 0 || node.after.length > 0 || node.invoke.length > 0) {
    throw new UnsupportedMachineError(`${where}: always/after/invoke are not supported`);
  }
  // Stryker disable next-line all: unreachable: xstate itself refuses a compound state without one initial state
  if (node.type === 'compound' && node.initial?.target.length !== 1)
    throw new UnsupportedMachineError(`${where}: needs one initial state`);
  for (const [descriptor, transitions] of node.transitions) {
    if (descriptor.includes('*')) throw new UnsupportedMachineError(`${where}: wildcard events are not supported`);
    for (const t of transitions) {
      if (t.target !== undefined && t.target.length !== 1)
        throw new UnsupportedMachineError(`${where}: one target per transition`);
    }
  }
  for (const child of Object.values(node.states)) checkSubset(child);
}
