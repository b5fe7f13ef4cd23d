// Lazily enumerates every scenario up to a bound of children: ends, finish-time orders with ties, task/coroutine,
// cancel points (before/at/after each finish time), returnExceptions; onCancel kinds and own cancels for ≤ 2 children.
import type { Cancel, Child, End, LeafChild, OnCancel, Scenario } from '../model/scenario-types.ts';
import { AWAITER } from '../model/scenario-types.ts';

export const DEFAULT_BOUND = 3;
/** Finish rank r (1, 2, …) is the delay RANK_MS·r; equal ranks are ties. */
export const RANK_MS = 10;
/** A cancel "just after" finish rank r (and just before rank r + 1) fires at RANK_MS·r + AFTER_MS. */
export const AFTER_MS = 5;
/** The cleanup a `{ cleanupMs }` child does when cancelled: one rank, so it can tie with a later finish. */
export const CLEANUP_MS = RANK_MS;
/** Scenarios with at most this many children also vary onCancel and get a task child cancelled on its own. */
export const RICH_MAX_CHILDREN = 2;

export type EndKind = 'return' | 'raise' | 'hang';
export const END_KINDS: readonly EndKind[] = ['return', 'raise', 'hang'];
export type OnCancelKind = 'propagate' | 'cleanup' | 'swallow';
export const ON_CANCEL_KINDS: readonly OnCancelKind[] = ['propagate', 'cleanup', 'swallow'];

/** Child i's name; also the source of its return value, error name and swallow value. */
export function childName(i: number): string {
  return `c${i}`;
}

function end(kind: EndKind, i: number): End {
  if (kind === 'return') return { return: `v${i}` };
  if (kind === 'raise') return { raise: `E${i}` };
  return 'hang';
}

function onCancel(kind: OnCancelKind, i: number): OnCancel {
  if (kind === 'cleanup') return { cleanupMs: CLEANUP_MS };
  if (kind === 'swallow') return { swallow: `s${i}` };
  return 'propagate';
}

/** Every tuple of `length` items drawn from `items` (the last position varies fastest). */
export function* tuples<T>(items: readonly T[], length: number): Generator<T[]> {
  if (length === 0) {
    yield [];
    return;
  }
  for (const head of tuples(items, length - 1)) for (const item of items) yield [...head, item];
}

/**
 * Every weak order of k items as dense ranks: rank[i] in 1..m and every rank 1..m used (ties share a rank).
 * There are Fubini(k) of them: 1, 1, 3, 13, 75, …
 */
export function* weakOrders(k: number): Generator<number[]> {
  for (const ranks of tuples(
    Array.from({ length: k }, (_, i) => i + 1),
    k,
  )) {
    const used = new Set(ranks);
    if (used.size === Math.max(0, ...ranks)) yield ranks;
  }
}

/**
 * The distinct moments a cancel can fire, given m distinct finish ranks: 0 (every child has run its first step and
 * is sleeping — a timer cannot fire earlier, rule S2), then for each rank r: exactly at its finish time (the cancel
 * timer was set first, so it fires before the children's timers at that deadline, §4 step 2) and just after it
 * (strictly between rank r and rank r + 1, or after the last one).
 */
export function cancelPoints(m: number): number[] {
  const points = [0];
  for (let r = 1; r <= m; r++) points.push(RANK_MS * r, RANK_MS * r + AFTER_MS);
  return points;
}

/**
 * Every cancel list: the awaiter cancelled never or at a point; when `ownTargets` is given, also never or one of
 * those children cancelled on its own at a point. Sorted by time; two cancels at the same time in both file orders
 * (file order is timer order, and the first set fires first).
 */
export function* cancelPlans(points: readonly number[], ownTargets: readonly string[]): Generator<Cancel[]> {
  const awaiterOptions: (number | null)[] = [null, ...points];
  const own: (Cancel | null)[] = [null];
  for (const target of ownTargets) for (const at of points) own.push({ at, target });
  for (const awaiterAt of awaiterOptions) {
    for (const o of own) {
      const a: Cancel | null = awaiterAt === null ? null : { at: awaiterAt, target: AWAITER };
      if (a && o) {
        if (a.at < o.at) yield [a, o];
        else if (o.at < a.at) yield [o, a];
        else {
          yield [a, o];
          yield [o, a];
        }
      } else if (a) yield [a];
      else if (o) yield [o];
      else yield [];
    }
  }
}

/**
 * The bodies an enumerated leaf could have in a scenario enumerated before it (for the Reducer): returning at each
 * finish rank of the scenario or one past the last. Return comes first among the ends, so these are the earliest.
 */
export function leafAlternatives(leaf: LeafChild, scenario: Scenario): LeafChild[] {
  const i = leaf.name.slice(1);
  let maxRank = 0;
  for (const c of scenario.children) if ('sleeps' in c && c.sleeps.length > 0) maxRank = Math.max(maxRank, c.sleeps[0]! / RANK_MS);
  const out: LeafChild[] = [];
  for (let r = 1; r <= maxRank + 1; r++) {
    const alt: LeafChild = { name: leaf.name, sleeps: [RANK_MS * r], end: { return: `v${i}` } };
    if (leaf.onCancel !== undefined) alt.onCancel = leaf.onCancel;
    if (leaf.task !== undefined) alt.task = leaf.task;
    if (!(leaf.end !== 'hang' && 'return' in leaf.end && leaf.sleeps[0] === alt.sleeps[0])) out.push(alt);
  }
  return out;
}

/** Every scenario with exactly n children (see enumerateScenarios). */
export function* scenariosWithChildren(n: number): Generator<Scenario> {
  const rich = n <= RICH_MAX_CHILDREN;
  const onCancelChoices: (OnCancelKind | undefined)[][] = rich ? [...tuples(ON_CANCEL_KINDS, n)] : [new Array(n).fill(undefined)];
  for (const ends of tuples(END_KINDS, n)) {
    const finishing = ends.flatMap((kind, i) => (kind === 'hang' ? [] : [i]));
    for (const finishRanks of weakOrders(finishing.length)) {
      const rankOf = new Map(finishing.map((child, j) => [child, finishRanks[j]!]));
      const points = cancelPoints(Math.max(0, ...finishRanks));
      for (const tasks of tuples([false, true], n)) {
        const ownTargets = rich ? tasks.flatMap((isTask, i) => (isTask ? [childName(i)] : [])) : [];
        for (const onCancels of onCancelChoices) {
          const children: Child[] = ends.map((kind, i) => {
            const rank = rankOf.get(i);
            const child: LeafChild = { name: childName(i), sleeps: rank === undefined ? [] : [RANK_MS * rank], end: end(kind, i) };
            const oc = onCancels[i];
            if (oc !== undefined) child.onCancel = onCancel(oc, i);
            if (tasks[i]) child.task = true;
            return child;
          });
          for (const returnExceptions of [false, true]) {
            for (const cancels of cancelPlans(points, ownTargets)) {
              yield { loopcheck: 1, profile: 'seed', returnExceptions, children, cancels };
            }
          }
        }
      }
    }
  }
}

/**
 * Every scenario with 0 to `bound` children, smallest first, as a lazy stream. Children are named c0, c1, … by
 * position; a finishing child sleeps RANK_MS·rank then returns `v<i>` or raises `E<i>`; a hanging child hangs at once.
 * Children objects are shared between the scenarios that differ only in cancels or returnExceptions: do not mutate.
 */
export function* enumerateScenarios(bound: number = DEFAULT_BOUND): Generator<Scenario> {
  for (let n = 0; n <= bound; n++) yield* scenariosWithChildren(n);
}
