// Counts one simulation's coverage (states, transitions, guard outcomes, transition pairs) as xstate steps the
// machines; used only when simulate is given a Coverage, so the compiled hot path never sees it.
import type { AnyStateMachine } from 'xstate';
import type { Coverage } from './coverage-types.ts';
import { guardCheckId, guardFalseId, guardTakenId, pairId, stateIdsOf, transitionId } from './coverage-ids.ts';
import { checkGuardNames, guardName, targetOf, type DefinitionNode } from './coverage-structure.ts';

type Snapshot = ReturnType<AnyStateMachine['transition']>;
type Guard = (args: { context: unknown; event: unknown }, params: unknown) => unknown;

function bump(map: Map<string, number>, id: string): void {
  map.set(id, (map.get(id) ?? 0) + 1);
}

/** The counter currently inside `machine.transition` (checks inside actions report to it). */
let activeCounter: CoverageCounter | undefined;

const withChecks = new WeakMap<AnyStateMachine, AnyStateMachine>();

/** The machine with its in-action (`check`) guards reporting their values to the active counter. */
function recordingChecks(machine: AnyStateMachine): AnyStateMachine {
  let wrapped = withChecks.get(machine);
  // Stryker disable next-line ConditionalExpression: equivalent: a cache; wrapping again gives a machine with the same behaviour
  if (wrapped === undefined) {
    const guards = machine.implementations.guards as Record<string, Guard>;
    const provided: Record<string, Guard> = {};
    for (const name of checkGuardNames(machine)) {
      const original = guards[name]!;
      provided[name] = (args, params) => {
        const value = original(args, params);
        // Stryker disable next-line OptionalChaining: equivalent: these guards run only inside step()'s transition(), where a counter is active
        activeCounter?.check(machine.id, name, Boolean(value));
        return value;
      };
    }
    wrapped = machine.provide({ guards: provided } as never) as AnyStateMachine;
    withChecks.set(machine, wrapped);
  }
  return wrapped;
}

export class CoverageCounter {
  /** The last transition each machine instance took (by the driver's instance object), for pairs. */
  private readonly last = new WeakMap<object, string>();

  constructor(private readonly coverage: Coverage) {}

  /** The machine to step while counting (the same semantics; its in-action guards report here). */
  machine<M extends AnyStateMachine>(machine: M): M {
    return (this.coverage.guards === undefined ? machine : recordingChecks(machine)) as M;
  }

  initial(machine: AnyStateMachine, snapshot: Snapshot): void {
    for (const id of stateIdsOf(machine.id, snapshot.value)) bump(this.coverage.states, id);
  }

  /** One step of `instance`: counts the transition, its guard outcomes and pair, the states it enters. */
  step(
    machine: AnyStateMachine,
    instance: object,
    snapshot: Snapshot,
    event: { type: string },
    transition: () => Snapshot,
  ): Snapshot {
    const taken = machine.getTransitionData(snapshot as never, event as never)[0];
    // Stryker disable next-line ConditionalExpression,BlockStatement,StringLiteral: a model-bug guard: simulate sends only events the machines handle
    if (!taken) {
      throw new Error(`model: ${machine.id} in ${JSON.stringify(snapshot.value)} has no transition for ${event.type}`);
    }
    const id = transitionId(taken.source.id, taken.eventType, (taken.target?.[0] ?? taken.source).id);
    bump(this.coverage.transitions, id);
    if (this.coverage.guards !== undefined) this.guards(machine, snapshot, event, id);
    if (this.coverage.pairs !== undefined) {
      const previous = this.last.get(instance);
      if (previous !== undefined) bump(this.coverage.pairs, pairId(previous, id));
      this.last.set(instance, id);
    }
    const outer = activeCounter;
    activeCounter = this;
    let next: Snapshot;
    try {
      next = transition();
      // Stryker disable next-line BlockStatement: equivalent: each step() sets the counter again before its transition; checks run only then
    } finally {
      activeCounter = outer;
    }
    const before = new Set(stateIdsOf(machine.id, snapshot.value));
    for (const state of stateIdsOf(machine.id, next.value)) if (!before.has(state)) bump(this.coverage.states, state);
    return next;
  }

  check(machine: string, guard: string, value: boolean): void {
    // Stryker disable next-line ConditionalExpression: equivalent: machine() wraps the checks only when guards are counted, so check() is called only then
    if (this.coverage.guards !== undefined) bump(this.coverage.guards, guardCheckId(machine, guard, value));
  }

  /** xstate's selection replayed: innermost state first, guards in order; each evaluated guard's outcome counted. */
  private guards(machine: AnyStateMachine, snapshot: Snapshot, event: { type: string }, takenId: string): void {
    const guards = this.coverage.guards!;
    const implementations = machine.implementations.guards as Record<string, Guard>;
    const nodes = (snapshot as unknown as { _nodes: DefinitionNode[] })._nodes;
    const leaf = nodes.find((node) => node.type === 'atomic');
    for (let node = leaf; node !== undefined; node = node.parent) {
      const alternatives = node.transitions.get(event.type);
      // Stryker disable next-line ConditionalExpression: equivalent for these machines: every event an active leaf receives is handled at that leaf
      if (alternatives === undefined) continue;
      const listed = alternatives.some((t) => t.guard !== undefined);
      for (const t of alternatives) {
        const name = t.guard === undefined ? 'else' : guardName(t.guard);
        const holds =
          t.guard === undefined || Boolean(implementations[name]!({ context: snapshot.context, event }, undefined));
        if (!holds) {
          bump(guards, guardFalseId(node.id, event.type, name));
          continue;
        }
        const target = targetOf(t, node);
        // Stryker disable next-line ConditionalExpression,BlockStatement,StringLiteral: a model-bug guard: the replay agrees with xstate by construction
        if (transitionId(node.id, event.type, target) !== takenId) {
          throw new Error(`model: coverage replayed ${machine.id}'s guards to ${target}, xstate took ${takenId}`);
        }
        if (listed) bump(guards, guardTakenId(node.id, event.type, name, target));
        return;
      }
    }
  }
}
