// The one walk over a scenario's tree (every property, generator and runner in properties/ uses it): every task
// path, every gather owner with its arguments and its children, each child's undisturbed start and duration, for
// format 1 and format 2 (docs/rules.md §4b: `args` with repeats, steps children, created tasks, `timeoutMs`).
import { AWAITER, PATH_SEPARATOR, isGatherChild, isStepsChild } from '../../model/scenario-types.ts';
import type {
  AnyScenario,
  Child,
  ChildV2,
  GatherNode,
  GatherNodeV2,
  OnCancel,
  Step,
} from '../../model/scenario-types.ts';
import { scenarioTaskPaths } from '../../model/scenario-paths.ts';

/** A child as placed in the run: its task path and the owner (the task that gathers it). */
export interface PlacedChild<C extends ChildV2 = Child> {
  path: string;
  child: C;
  owner: string;
  index: number;
  /** When it starts if nothing disturbs the run (rules §4): task children with their owner, coroutines at the gather call. */
  start: number;
}

/** A task that runs the gather body: the awaiter or a nested-gather child. */
export interface GatherOwner<C extends ChildV2 = Child, N extends GatherNodeV2 = GatherNode> {
  path: string;
  node: N;
  onCancel?: OnCancel;
  /**
   * The gather's arguments in argument order, one entry per argument: format 1 every child once; format 2 its
   * `args`, a repeated name twice (the same task, G1a), a task child left out not at all.
   */
  children: PlacedChild<C>[];
  /** Every child of the node once, in scenario order (the gather's arguments and the task children left out). */
  members: PlacedChild<C>[];
}

/** The tree laid out: owners (the awaiter first, then nested ones in scenario order) and children depth first. */
export interface ScenarioTree<C extends ChildV2 = Child, N extends GatherNodeV2 = GatherNode> {
  owners: GatherOwner<C, N>[];
  children: PlacedChild<C>[];
}

/** The tree of a scenario of either format (what the properties read). */
export type AnyScenarioTree = ScenarioTree<ChildV2, GatherNodeV2>;
export type AnyGatherOwner = GatherOwner<ChildV2, GatherNodeV2>;
export type AnyPlacedChild = PlacedChild<ChildV2>;

export function childPath(owner: string, name: string): string {
  return owner === AWAITER ? name : `${owner}${PATH_SEPARATOR}${name}`;
}

/** Walks the tree below `root` (the awaiter's gather, started at `start`): the single recursion over gather nodes. */
export function walkScenario(root: GatherNode, start?: number): ScenarioTree;
export function walkScenario(root: GatherNodeV2, start?: number): AnyScenarioTree;
export function walkScenario(root: GatherNodeV2, start = 0): AnyScenarioTree {
  const owners: AnyGatherOwner[] = [];
  const all: AnyPlacedChild[] = [];
  const visit = (path: string, node: GatherNodeV2, at: number, onCancel?: OnCancel): void => {
    const members = node.children.map(
      (child, index): AnyPlacedChild => ({
        path: childPath(path, child.name),
        child,
        owner: path,
        index,
        start: at + (child.task === true ? 0 : (node.gatherAfter ?? 0)),
      }),
    );
    const byName = new Map(members.map((m) => [m.child.name, m]));
    const children = node.args === undefined ? members : node.args.map((name) => byName.get(name)!);
    owners.push({ path, node, ...(onCancel === undefined ? {} : { onCancel }), children, members });
    for (const placed of members) {
      all.push(placed);
      if (isGatherChild(placed.child as Child))
        visit(placed.path, (placed.child as { gather: GatherNodeV2 }).gather, placed.start, placed.child.onCancel);
    }
  };
  visit(AWAITER, root, start);
  return { owners, children: all };
}

/** Every gather owner, the awaiter first, then nested ones in scenario order. */
export function gatherOwners(scenario: AnyScenario): AnyGatherOwner[] {
  return walkScenario(scenario as GatherNodeV2).owners;
}

/** Every child of a gather node, depth first in scenario order (format 1: the order of `Outcome.children`). */
export function allChildren(scenario: AnyScenario | GatherNodeV2): AnyPlacedChild[] {
  return walkScenario(scenario as GatherNodeV2).children;
}

/** Every task path of the scenario: the awaiter and every other task (format 2: created tasks too), in outcome order. */
export function allTaskPaths(scenario: AnyScenario): string[] {
  return [AWAITER, ...scenarioTaskPaths(scenario)];
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
 * How long steps run when nothing disturbs them, or null when it depends on other tasks (an await, a shield): sleeps
 * add up, a cancel of another task and a create do not suspend, a timeout of steps lasts them (an expiry is a
 * `cancel-requested`, a disturbance), `hang` is forever.
 */
function stepsDuration(steps: readonly Step[]): number | null {
  let total = 0;
  for (const s of steps) {
    if (s === 'hang') return Infinity;
    if ('sleep' in s) total += s.sleep;
    else if ('timeout' in s) {
      const inner = stepsDuration(s.steps);
      if (inner === null) return null;
      total += inner;
    } else if ('await' in s || 'shield' in s) return null;
  }
  return total;
}

/**
 * How long a task runs from its start when nothing cancels it and no gather in it raises (rules §4), or null when
 * that depends on other tasks (format 2: an await, a shield): a leaf sleeps the sum of its sleeps (forever when it
 * hangs); a gather body's task children start with it, its coroutine children start after `gatherAfter`, and the
 * gather returns when its last argument has ended (a task child left out of `args` does not hold it).
 */
export function durationOf(child: ChildV2 | GatherNodeV2): number | null {
  if ('sleeps' in child) return child.end === 'hang' ? Infinity : child.sleeps.reduce((a, b) => a + b, 0);
  if (isStepsChild(child as ChildV2)) return stepsDuration((child as { steps: Step[] }).steps);
  const node = 'gather' in child ? child.gather : (child as GatherNodeV2);
  const after = node.gatherAfter ?? 0;
  const byName = new Map(node.children.map((c) => [c.name, c]));
  const args = node.args === undefined ? node.children : node.args.map((n) => byName.get(n)!);
  let end = after;
  for (const c of args) {
    const d = durationOf(c);
    if (d === null) return null;
    end = Math.max(end, (c.task === true ? 0 : after) + d);
  }
  return end;
}

/** `durationOf` for format 1, where it is always known. */
export function undisturbedDuration(child: Child | GatherNode): number {
  return durationOf(child)!;
}
