// The rows of a timeline: the awaiter, then every child path in scenario order (depth first), then any other task.
import type { AnyScenario, GatherNode, LeafChild, OnCancel } from '../../model/scenario-types.ts';
import { AWAITER, PATH_SEPARATOR, isGatherChild, isScenarioV2, isStepsChild } from '../../model/scenario-types.ts';
import { placedBodies } from '../../model/scenario-paths.ts';
import type { TraceEvent } from '../../model/outcome.ts';

/** What a task's body is, as far as drawing it needs: a gather body or a leaf child body. */
export type TaskBody =
  | { kind: 'gather'; onCancel?: OnCancel }
  | { kind: 'leaf'; sleeps: number[]; end: LeafChild['end']; onCancel?: OnCancel }
  /** A format 2 steps body: what it suspends on is read by format2.ts. */
  | { kind: 'steps'; onCancel?: OnCancel };

/**
 * Every task the scenario can create, by path, in scenario order (depth first), the awaiter first; in format 2 a
 * task's created tasks right under it (model/scenario-paths.ts).
 */
export function scenarioTasks(scenario: AnyScenario): Map<string, TaskBody> {
  const tasks = new Map<string, TaskBody>();
  tasks.set(AWAITER, { kind: 'gather' });
  if (isScenarioV2(scenario)) {
    for (const { path, body } of placedBodies(scenario)) {
      if ('gather' in body) tasks.set(path, { kind: 'gather', onCancel: body.onCancel });
      else if (isStepsChild(body)) tasks.set(path, { kind: 'steps', onCancel: body.onCancel });
      else {
        const leaf = body as LeafChild;
        tasks.set(path, { kind: 'leaf', sleeps: leaf.sleeps, end: leaf.end, onCancel: leaf.onCancel });
      }
    }
    return tasks;
  }
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
export function taskOrder(scenario: AnyScenario, traces: TraceEvent[][]): string[] {
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
