// Lists every state and transition of the task and gather statecharts (@xstate/graph), with the ids simulate counts.
import { getStateNodes, toDirectedGraph } from '@xstate/graph';
import type { AnyStateMachine } from 'xstate';
import type { GraphState, GraphTransition, ModelGraph } from './coverage-types.ts';
import { taskMachine } from './task-machine.ts';
import { gatherMachine } from './gather-machine.ts';
import { transitionId } from './coverage-ids.ts';

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
  return { states: states.filter((s) => s.id !== machine.id), transitions };
}

/** Every state (`task.suspended.sleeping`) and transition (`<source> --<EVENT>--> <target>`) of both machines. */
export function modelGraph(): ModelGraph {
  const machines = [taskMachine, gatherMachine];
  const parts = machines.map(machineGraph);
  return {
    machines: machines.map((m) => m.id),
    states: parts.flatMap((p) => p.states),
    transitions: parts.flatMap((p) => p.transitions),
  };
}
