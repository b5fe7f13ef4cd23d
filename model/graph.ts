// Lists every state, transition, guard outcome and transition pair of the task and gather statecharts (@xstate/graph
// and the definitions), with the ids simulate counts.
import { getStateNodes, toDirectedGraph } from '@xstate/graph';
import type { AnyStateMachine } from 'xstate';
import type { GraphGuard, GraphPair, GraphState, GraphTransition, ModelGraph } from './coverage-types.ts';
import { taskMachine } from './task-machine.ts';
import { gatherMachine } from './gather-machine.ts';
import { guardCheckId, guardFalseId, guardTakenId, pairId, transitionId } from './coverage-ids.ts';
import { checkGuardNames, guardedLists, handlersFrom, initialLeaf, nodeById } from './coverage-structure.ts';

type DirectedGraphNode = ReturnType<typeof toDirectedGraph>;

function machineGraph(machine: AnyStateMachine): { states: GraphState[]; transitions: GraphTransition[] } {
  const states: GraphState[] = getStateNodes(machine.root).map((node) => ({ id: node.id, machine: machine.id }));
  const transitions: GraphTransition[] = [];
  const seen = new Set<string>();
  const walk = (node: DirectedGraphNode): void => {
    for (const edge of node.edges) {
      const source = edge.source.id;
      const target = edge.target.id;
      const event = edge.label.text;
      const id = transitionId(source, event, target);
      // guarded alternatives with the same source, event and target are one transition
      if (!seen.has(id)) {
        seen.add(id);
        transitions.push({ id, machine: machine.id, source, target, event });
      }
    }
    node.children.forEach(walk);
  };
  walk(toDirectedGraph(machine));
  // Stryker disable next-line MethodExpression,ConditionalExpression: equivalent with @xstate/graph 3: getStateNodes already leaves out the root
  return { states: states.filter((s) => s.id !== machine.id), transitions };
}

/** Each guarded list's alternatives (taken, and false for a guarded one), then the in-action checks (true, false). */
function machineGuards(machine: AnyStateMachine): GraphGuard[] {
  const guards: GraphGuard[] = [];
  for (const list of guardedLists(machine)) {
    const { source, event } = list;
    for (const { guard, guarded, target, index } of list.alternatives) {
      guards.push({
        id: guardTakenId(source, event, guard, target),
        machine: machine.id,
        kind: 'taken',
        guard,
        source,
        event,
        target,
        index,
      });
      if (guarded)
        guards.push({
          id: guardFalseId(source, event, guard),
          machine: machine.id,
          kind: 'false',
          guard,
          source,
          event,
          target,
          index,
        });
    }
  }
  for (const guard of checkGuardNames(machine)) {
    for (const value of [true, false])
      guards.push({ id: guardCheckId(machine.id, guard, value), machine: machine.id, kind: 'check', guard, value });
  }
  return guards;
}

/**
 * Every pair (t1, t2) the structure allows: t2 is selectable in the state t1 ends in (its initial leaf), i.e.
 * t2 leaves that state or an ancestor whose event no closer state always handles. Whether the pair can really
 * happen is the model's business: coverage-pairs.ts lists the ones that cannot, with why.
 */
function machinePairs(machine: AnyStateMachine, transitions: GraphTransition[]): GraphPair[] {
  const bySourceEvent = new Map<string, GraphTransition[]>();
  for (const t of transitions) {
    const key = `${t.source} ${t.event}`;
    bySourceEvent.set(key, [...(bySourceEvent.get(key) ?? []), t]);
  }
  const pairs: GraphPair[] = [];
  for (const first of transitions) {
    const target = nodeById(machine, first.target);
    // Stryker disable next-line ConditionalExpression: unreachable: every transition's target is a node of its machine
    if (target === undefined) continue;
    for (const { source, event } of handlersFrom(initialLeaf(target))) {
      // Stryker disable next-line ArrayDeclaration: unreachable: every handled (source, event) has transitions listed
      for (const second of bySourceEvent.get(`${source} ${event}`) ?? []) {
        pairs.push({ id: pairId(first.id, second.id), machine: machine.id, first: first.id, second: second.id });
      }
    }
  }
  return pairs;
}

/**
 * Every state (`task.suspended.sleeping`), transition (`<source> --<EVENT>--> <target>`), guard outcome and
 * transition pair of both machines.
 */
export function modelGraph(): ModelGraph {
  const machines = [taskMachine, gatherMachine];
  const parts = machines.map(machineGraph);
  return {
    machines: machines.map((m) => m.id),
    states: parts.flatMap((p) => p.states),
    transitions: parts.flatMap((p) => p.transitions),
    guards: machines.flatMap(machineGuards),
    pairs: machines.flatMap((m, i) => machinePairs(m, parts[i]!.transitions)),
  };
}
