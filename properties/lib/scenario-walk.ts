// The one walk over a scenario's tree (every property, generator and runner in properties/ uses it): every task
// path, every gather owner and its children, each child's undisturbed start and duration.
import { AWAITER, PATH_SEPARATOR, isGatherChild } from '../../model/scenario-types.ts';
import type { Child, GatherNode, OnCancel, Scenario } from '../../model/scenario-types.ts';

/** A child as placed in the run: its task path and the owner (the task that gathers it). */
export interface PlacedChild {
  path: string;
  child: Child;
  owner: string;
  index: number;
  /** When it starts if nothing disturbs the run (rules §4): task children with their owner, coroutines at the gather call. */
  start: number;
}

/** A task that runs the gather body: the awaiter or a nested-gather child. */
export interface GatherOwner {
  path: string;
  node: GatherNode;
  onCancel?: OnCancel;
  children: PlacedChild[];
}

/** The tree laid out: owners (the awaiter first, then nested ones in scenario order) and children depth first. */
export interface ScenarioTree {
  owners: GatherOwner[];
  children: PlacedChild[];
}

export function childPath(owner: string, name: string): string {
  return owner === AWAITER ? name : `${owner}${PATH_SEPARATOR}${name}`;
}

/** Walks the tree below `root` (the awaiter's gather, started at `start`): the single recursion over gather nodes. */
export function walkScenario(root: GatherNode, start = 0): ScenarioTree {
  const owners: GatherOwner[] = [];
  const all: PlacedChild[] = [];
  const visit = (path: string, node: GatherNode, at: number, onCancel?: OnCancel): void => {
    const children = node.children.map(
      (child, index): PlacedChild => ({
        path: childPath(path, child.name),
        child,
        owner: path,
        index,
        start: at + (child.task === true ? 0 : (node.gatherAfter ?? 0)),
      }),
    );
    owners.push({ path, node, ...(onCancel === undefined ? {} : { onCancel }), children });
    for (const placed of children) {
      all.push(placed);
      if (isGatherChild(placed.child)) visit(placed.path, placed.child.gather, placed.start, placed.child.onCancel);
    }
  };
  visit(AWAITER, root, start);
  return { owners, children: all };
}

/** Every gather owner, the awaiter first, then nested ones in scenario order. */
export function gatherOwners(scenario: Scenario): GatherOwner[] {
  return walkScenario(scenario).owners;
}

/** Every child, depth first in scenario order (the order of `Outcome.children`). */
export function allChildren(scenario: GatherNode): PlacedChild[] {
  return walkScenario(scenario).children;
}

/** Every task path of the scenario: the awaiter and every child. */
export function allTaskPaths(scenario: Scenario): string[] {
  return [AWAITER, ...allChildren(scenario).map((c) => c.path)];
}

/** Paths that a `cancels` entry may target: the awaiter and every child created with `task: true`. */
export function cancelTargets(scenario: GatherNode): string[] {
  return [
    AWAITER,
    ...allChildren(scenario)
      .filter((c) => c.child.task === true)
      .map((c) => c.path),
  ];
}

/**
 * How long a task runs from its start when nothing cancels it and no gather in it raises (rules §4):
 * a leaf sleeps the sum of its sleeps (forever when it hangs); a gather body's task children start with it,
 * its coroutine children start after `gatherAfter`, and the gather returns when the last child has ended.
 */
export function undisturbedDuration(child: Child | GatherNode): number {
  if ('sleeps' in child) return child.end === 'hang' ? Infinity : child.sleeps.reduce((a, b) => a + b, 0);
  const node = 'gather' in child ? child.gather : child;
  const after = node.gatherAfter ?? 0;
  let end = after;
  for (const c of node.children) end = Math.max(end, (c.task === true ? 0 : after) + undisturbedDuration(c));
  return end;
}
