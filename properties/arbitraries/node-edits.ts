// Edits of a generated gather node that the scenario families use (settle leaves, make room for more children).
import type { Child, GatherNode, LeafChild } from '../../model/scenario-types.ts';
import { isGatherChild } from '../../model/scenario-types.ts';
import { nameAt } from './child-names.ts';

/**
 * The same tree with no leaf hanging (a hang becomes a return of its position) and, unless `keepRaises`, none
 * raising either: every gather in it returns or raises in time.
 */
export function settled(node: GatherNode, keepRaises = false): GatherNode {
  return {
    ...node,
    children: node.children.map((c, i): Child => {
      if (isGatherChild(c)) return { ...c, gather: settled(c.gather, keepRaises) };
      if (c.end === 'hang' || (!keepRaises && 'raise' in c.end)) return { ...c, end: { return: i } };
      return c;
    }),
  };
}

/** The node with at least `n` children (fresh leaves returning after `sleeps`, named after their position). */
export function withAtLeast(node: GatherNode, n: number, sleeps: number[] = [3]): GatherNode {
  const children = [...node.children];
  while (children.length < n)
    children.push({ name: nameAt(children.length), sleeps, end: { return: children.length } } satisfies LeafChild);
  return { ...node, children };
}

/** The node with its `pick`-th child (modulo) a leaf that raises `error` after its own sleeps (or none, for a gather). */
export function withRaise(node: GatherNode, pick: number, error: string): GatherNode {
  if (node.children.length === 0) return node;
  const children = [...node.children];
  const k = pick % children.length;
  const c = children[k]!;
  const { name, task, onCancel } = c;
  const sleeps = isGatherChild(c) ? [] : c.sleeps;
  children[k] = {
    name,
    sleeps,
    end: { raise: error },
    ...(task ? { task } : {}),
    ...(onCancel === undefined ? {} : { onCancel }),
  } as Child;
  return { ...node, children };
}

/** The node with an empty nested gather (G2: decides at once) put in at position `pick` (modulo), if there is room. */
export function withEmptyGather(node: GatherNode, pick: number, max = 8): GatherNode {
  if (node.children.length >= max) return node;
  const children: Child[] = [...node.children];
  children.splice(pick % (children.length + 1), 0, {
    name: '',
    gather: { returnExceptions: node.returnExceptions, children: [] },
  });
  return { ...node, children: children.map((c, i) => ({ ...c, name: nameAt(i) })) };
}

/** A return_exceptions gather that returns: nothing hangs, at least `least` children, one raising `error`. */
export function returningNode(node: GatherNode, pick: number, error: string, least = 2): GatherNode {
  const base = withAtLeast(settled({ ...node, returnExceptions: true }, true), least);
  const raises = base.children.some((c) => 'end' in c && typeof c.end === 'object' && 'raise' in c.end);
  return raises ? base : withRaise(base, pick, error);
}

/**
 * The node, made to wait a while once its gather is called: when its gather would decide at once or within a
 * millisecond, nothing in it fails and a coroutine child sleeping `ms` joins (if there is room).
 */
export function waitingAWhile(node: GatherNode, quiet: (n: GatherNode) => number[], ms = 5, max = 8): GatherNode {
  if (quiet(node).length > 0) return node;
  const calm = settled(node);
  if (calm.children.length >= max || quiet(calm).length > 0) return calm;
  return {
    ...calm,
    children: [
      ...calm.children,
      { name: nameAt(calm.children.length), sleeps: [ms], end: { return: calm.children.length } },
    ],
  };
}
