// The rows of a timeline: the awaiter, then every child path in scenario order (depth first), then any other task.
import type { GatherNode, LeafChild, OnCancel, Scenario } from '../../model/scenario-types.ts';
import { AWAITER, PATH_SEPARATOR, isGatherChild } from '../../model/scenario-types.ts';
import type { TraceEvent } from '../../model/outcome.ts';

/** What a task's body is, as far as drawing it needs: a gather body or a leaf child body. */
export type TaskBody =
  | { kind: 'gather'; onCancel?: OnCancel }
  | { kind: 'leaf'; sleeps: number[]; end: LeafChild['end']; onCancel?: OnCancel };

/** Every task the scenario can create, by path, in scenario order (depth first), the awaiter first. */
export function scenarioTasks(scenario: Scenario): Map<string, TaskBody> {
  const tasks = new Map<string, TaskBody>();
  tasks.set(AWAITER, { kind: 'gather' });
  const visit = (node: GatherNode, prefix: string): void => {
    for (const child of node.children) {
      const path = prefix === '' ? child.name : `${prefix}${PATH_SEPARATOR}${child.name}`;
      if (isGatherChild(child)) {
        tasks.set(path, { kind: 'gather', onCancel: child.onCancel });
        visit(child.gather, path);
      } else {
        tasks.set(path, { kind: 'leaf', sleeps: child.sleeps, end: child.end, onCancel: child.onCancel });
      }
    }
  };
  visit(scenario, '');
  return tasks;
}

/** Row order: the scenario's tasks, then tasks that appear only in a trace (in order of first appearance). */
export function taskOrder(scenario: Scenario, traces: TraceEvent[][]): string[] {
  const order = [...scenarioTasks(scenario).keys()];
  const known = new Set(order);
  for (const trace of traces) {
    for (const event of trace) {
      if (!known.has(event.task)) {
        known.add(event.task);
        order.push(event.task);
      }
    }
  }
  return order;
}
