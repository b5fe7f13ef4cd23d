// The total-size limit of a scenario (tasks, and trace events estimated before running), refused above it.
import type { Child, GatherNode } from '../../model/scenario-types.ts';

/** Most tasks a scenario may have, the awaiter included (the per-gather limits alone allow 64^5). */
export const MAX_TASKS = 25_000;
/** Most trace events a scenario may be estimated to produce (200,000 zero sleeps of one child make 400,011). */
export const MAX_EVENTS = 500_000;

export interface ScenarioSize {
  tasks: number;
  /**
   * The events of the model's trace when nothing is cancelled and nothing raises: per leaf created, started,
   * suspended + resumed per sleep, its end; per gather owner created, started, the gatherAfter sleep,
   * gather-started, suspended, resumed, the decision, its end. Cancels add at most a few events per task, counted
   * as 3 per task when the scenario has cancels or cleanups.
   */
  events: number;
}

/** Counts tasks and estimated events without recursion (the walk uses an explicit stack). */
export function scenarioSize(scenario: GatherNode & { cancels?: readonly unknown[] }): ScenarioSize {
  let tasks = 1;
  let events = 8;
  let cancels = (scenario.cancels?.length ?? 0) > 0;
  const stack: Array<readonly Child[]> = [scenario.children];
  for (let list = stack.pop(); list !== undefined; list = stack.pop()) {
    for (const child of list) {
      tasks++;
      if (child.onCancel !== undefined && child.onCancel !== 'propagate') cancels = true;
      if ('gather' in child) {
        events += 8;
        stack.push(child.gather.children);
      } else if ('steps' in child) {
        // format 2 (§4b): its own limits are the parser's; a step counts as a sleep here
        events += 3 + 2 * (child as { steps: readonly unknown[] }).steps.length;
      } else {
        events += 3 + 2 * child.sleeps.length;
        if (typeof child.end === 'object' && 'raise' in child.end) cancels = true;
      }
    }
  }
  if (cancels) events += 3 * tasks;
  return { tasks, events };
}

/** Why the scenario is too large to run, or null when it is within MAX_TASKS and MAX_EVENTS. */
export function scenarioSizeProblem(scenario: GatherNode & { cancels?: readonly unknown[] }): string | null {
  const { tasks, events } = scenarioSize(scenario);
  const n = (x: number): string => x.toLocaleString('en-US');
  if (tasks > MAX_TASKS) return `the scenario has ${n(tasks)} tasks, more than the limit of ${n(MAX_TASKS)}`;
  if (events > MAX_EVENTS)
    return `the scenario would produce about ${n(events)} trace events, more than the limit of ${n(MAX_EVENTS)}`;
  return null;
}
