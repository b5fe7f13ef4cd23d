// What coverage reads from a statechart's definition: its guarded alternative lists, in-action guards, and
// which transitions can follow which (xstate's selection: innermost state first, guards in order).
import type { AnyStateMachine } from 'xstate';

/** The fields of an xstate state node read here. */
export interface DefinitionNode {
  id: string;
  type: string;
  parent?: DefinitionNode;
  states: Record<string, DefinitionNode>;
  initial?: { target: readonly DefinitionNode[] };
  transitions: Map<string, readonly DefinitionTransition[]>;
}

export interface DefinitionTransition {
  target?: readonly DefinitionNode[];
  guard?: unknown;
}

/** One alternative of an event's list in one state. */
export interface Alternative {
  /** The guard's name, or `else` when it has none. */
  guard: string;
  guarded: boolean;
  /** The target state's id (the source's for a targetless alternative, as transitionId counts it). */
  target: string;
  index: number;
}

export interface GuardedList {
  source: string;
  event: string;
  alternatives: Alternative[];
}

export function guardName(guard: unknown): string {
  // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent: String(guard) below gives a string guard unchanged
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'object' && guard !== null && 'type' in guard) return String((guard as { type: unknown }).type);
  if (typeof guard === 'function') return guard.name === '' ? 'inline' : guard.name;
  return String(guard);
}

export function rootOf(machine: AnyStateMachine): DefinitionNode {
  return machine.root as unknown as DefinitionNode;
}

/** Every state node below the root, depth first in definition order. */
export function definitionNodes(machine: AnyStateMachine): DefinitionNode[] {
  const nodes: DefinitionNode[] = [];
  const walk = (node: DefinitionNode): void => {
    for (const child of Object.values(node.states)) {
      nodes.push(child);
      walk(child);
    }
  };
  walk(rootOf(machine));
  return nodes;
}

export function targetOf(t: DefinitionTransition, source: DefinitionNode): string {
  return t.target?.[0]?.id ?? source.id;
}

/** The event lists with at least one guard: their alternatives are what guard coverage counts. */
export function guardedLists(machine: AnyStateMachine): GuardedList[] {
  const lists: GuardedList[] = [];
  for (const node of definitionNodes(machine)) {
    for (const [event, alternatives] of node.transitions) {
      if (!alternatives.some((t) => t.guard !== undefined)) continue;
      lists.push({
        source: node.id,
        event,
        alternatives: alternatives.map((t, index) => ({
          guard: t.guard === undefined ? 'else' : guardName(t.guard),
          guarded: t.guard !== undefined,
          target: targetOf(t, node),
          index,
        })),
      });
    }
  }
  return lists;
}

/** Guards the machine implements that no transition names: the ones actions `check` (profile variation points). */
export function checkGuardNames(machine: AnyStateMachine): string[] {
  const inTransitions = new Set<string>();
  for (const node of definitionNodes(machine)) {
    for (const alternatives of node.transitions.values()) {
      for (const t of alternatives) if (t.guard !== undefined) inTransitions.add(guardName(t.guard));
    }
  }
  const implemented = Object.keys((machine.implementations.guards ?? {}) as Record<string, unknown>);
  return implemented.filter((name) => !inTransitions.has(name)).sort();
}

/** The atomic state a transition into `node` ends in (initial states followed down). */
export function initialLeaf(node: DefinitionNode): DefinitionNode {
  let n = node;
  while (n.type === 'compound' && n.initial !== undefined) n = n.initial.target[0]!;
  return n;
}

/**
 * The (source, event) pairs whose transitions may be selected in atomic state `leaf`: the leaf's own and its
 * ancestors', except an ancestor's event that a closer state always handles (an unguarded alternative).
 */
export function handlersFrom(leaf: DefinitionNode): { source: string; event: string }[] {
  const handled = new Set<string>();
  const out: { source: string; event: string }[] = [];
  for (let node: DefinitionNode | undefined = leaf; node !== undefined; node = node.parent) {
    const always: string[] = [];
    for (const [event, alternatives] of node.transitions) {
      if (handled.has(event)) continue;
      out.push({ source: node.id, event });
      if (alternatives.some((t) => t.guard === undefined)) always.push(event);
    }
    for (const event of always) handled.add(event);
  }
  return out;
}

export function nodeById(machine: AnyStateMachine, id: string): DefinitionNode | undefined {
  if (id === machine.id) return rootOf(machine);
  return definitionNodes(machine).find((node) => node.id === id);
}
