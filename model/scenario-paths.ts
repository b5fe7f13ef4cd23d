// Every task path of a scenario of either format, in outcome order: depth first, a steps child's created tasks
// right after it (docs/rules.md §4b); the one listing both the model and the loop runner use.
import {
  PATH_SEPARATOR,
  isStepsChild,
  type AnyScenario,
  type ChildV2,
  type CreatedChild,
  type GatherNodeV2,
  type Step,
} from './scenario-types.ts';

/** A task's body as the scenario gives it, by path (the awaiter excluded). */
export interface PlacedBody {
  path: string;
  body: ChildV2 | CreatedChild;
  /** Created by a `create` step (not a gather node's child). */
  created: boolean;
}

function join(prefix: string, name: string): string {
  return prefix === '' ? name : prefix + PATH_SEPARATOR + name;
}

/** Every task below the awaiter, in outcome order. */
export function placedBodies(scenario: AnyScenario): PlacedBody[] {
  const out: PlacedBody[] = [];
  const createdBy = (path: string, steps: readonly Step[]): void => {
    for (const step of steps) {
      if (step === 'hang') continue;
      if ('create' in step) {
        const p = path + PATH_SEPARATOR + step.create.name;
        out.push({ path: p, body: step.create, created: true });
        if (isStepsChild(step.create)) createdBy(p, step.create.steps);
      } else if ('timeout' in step) createdBy(path, step.steps);
    }
  };
  const visit = (prefix: string, node: GatherNodeV2): void => {
    for (const child of node.children) {
      const path = join(prefix, child.name);
      out.push({ path, body: child, created: false });
      if ('gather' in child) visit(path, child.gather);
      else if (isStepsChild(child)) createdBy(path, child.steps);
    }
  };
  visit('', scenario as GatherNodeV2);
  return out;
}

/** Every task path below the awaiter, in outcome order (format 1: exactly depth first). */
export function scenarioTaskPaths(scenario: AnyScenario): string[] {
  return placedBodies(scenario).map((p) => p.path);
}
