// Lazily enumerates every scenario up to a bound of children: ends, finish-time orders with ties, task/coroutine,
// cancel points (before/at/after each finish time), returnExceptions; for ≤ 2 children also onCancel kinds, own
// cancels, a child with two sleeps, gatherAfter and a nested gather (depth 2); at 2 children two format 2 families.
// describeEnumeration says it in words.
import type {
  Cancel,
  Child,
  End,
  GatherChild,
  LeafChild,
  OnCancel,
  Scenario,
  ScenarioV2,
  Step,
  StepsChild,
} from '../model/scenario-types.ts';
import { AWAITER } from '../model/scenario-types.ts';

export const DEFAULT_BOUND = 3;
/** Bumped whenever the enumeration or its trace hashes change: shard results of different versions are not merged. */
export const ENUMERATION_VERSION = 6;
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

function end(kind: EndKind, i: number | string): End {
  if (kind === 'return') return { return: `v${i}` };
  if (kind === 'raise') return { raise: `E${i}` };
  return 'hang';
}

function onCancel(kind: OnCancelKind, i: number | string): OnCancel {
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
  for (const c of scenario.children)
    if ('sleeps' in c && c.sleeps.length > 0) maxRank = Math.max(maxRank, c.sleeps[0]! / RANK_MS);
  const out: LeafChild[] = [];
  for (let r = 1; r <= maxRank + 1; r++) {
    const alt: LeafChild = { name: leaf.name, sleeps: [RANK_MS * r], end: { return: `v${i}` } };
    if (leaf.onCancel !== undefined) alt.onCancel = leaf.onCancel;
    if (leaf.task !== undefined) alt.task = leaf.task;
    if (!(leaf.end !== 'hang' && 'return' in leaf.end && leaf.sleeps[0] === alt.sleeps[0])) out.push(alt);
  }
  return out;
}

/** The flat family: n leaf children, each returning or raising after one sleep or hanging at once. */
export function* flatScenarios(n: number): Generator<Scenario> {
  const rich = n <= RICH_MAX_CHILDREN;
  const onCancelChoices: (OnCancelKind | undefined)[][] = rich
    ? [...tuples(ON_CANCEL_KINDS, n)]
    : [new Array(n).fill(undefined)];
  // Task flags and onCancel kinds outermost: scenarios differing only in a leaf's body (the reduction's
  // alternatives) then lie close together, inside one block.
  for (const tasks of tuples([false, true], n)) {
    const ownTargets = rich ? tasks.flatMap((isTask, i) => (isTask ? [childName(i)] : [])) : [];
    for (const onCancels of onCancelChoices) {
      for (const ends of tuples(END_KINDS, n)) {
        const finishing = ends.flatMap((kind, i) => (kind === 'hang' ? [] : [i]));
        for (const finishRanks of weakOrders(finishing.length)) {
          const rankOf = new Map(finishing.map((child, j) => [child, finishRanks[j]!]));
          const points = cancelPoints(Math.max(0, ...finishRanks));
          const children: Child[] = ends.map((kind, i) => {
            const rank = rankOf.get(i);
            const child: LeafChild = {
              name: childName(i),
              sleeps: rank === undefined ? [] : [RANK_MS * rank],
              end: end(kind, i),
            };
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

/** The families beyond the flat one go up to this many children (each multiplies the cases). */
export const SHAPES_MAX_CHILDREN = 2;
/** Children of a nested gather in the nested family. */
export const NESTED_MAX_CHILDREN = 2;

/** A leaf before timing: how it ends and how many sleeps it makes first (a hanging leaf makes none). */
interface LeafPlan {
  end: EndKind;
  sleeps: number;
}

/**
 * Every timing of the leaves' wake-ups: a weak order of all their sleeps' ends (ties share a rank), each leaf's own
 * wake-ups strictly increasing. Yields, per leaf, its wake ranks, and the number of distinct ranks.
 */
export function* wakeOrders(counts: readonly number[]): Generator<{ ranks: number[][]; distinct: number }> {
  const total = counts.reduce((a, b) => a + b, 0);
  for (const order of weakOrders(total)) {
    const ranks: number[][] = [];
    let k = 0;
    let ok = true;
    for (const c of counts) {
      const mine = order.slice(k, k + c);
      k += c;
      for (let j = 1; j < mine.length; j++) if (mine[j]! <= mine[j - 1]!) ok = false;
      ranks.push(mine);
    }
    if (ok) yield { ranks, distinct: Math.max(0, ...order) };
  }
}

/** A leaf waking at `ranks` (sleeps are the gaps); `label` names its value, error and swallow value. */
function timedLeaf(name: string, label: string, kind: EndKind, ranks: readonly number[]): LeafChild {
  const sleeps = ranks.map((r, j) => RANK_MS * (r - (j === 0 ? 0 : ranks[j - 1]!)));
  return { name, sleeps, end: end(kind, label) };
}

function withFlags<T extends Child>(child: T, oc: OnCancelKind | undefined, label: string, task: boolean): T {
  if (oc !== undefined) child.onCancel = onCancel(oc, label);
  if (task) child.task = true;
  return child;
}

/** Every plan of n leaves: each returns or raises after one sleep, or hangs at once. */
function* flatPlans(n: number): Generator<LeafPlan[]> {
  for (const ends of tuples(END_KINDS, n)) yield ends.map((e) => ({ end: e, sleeps: e === 'hang' ? 0 : 1 }));
}

/**
 * The two-sleeps family: n children, the one at some position returning or raising after two sleeps (so it wakes
 * once in the middle: a cancel or a sibling can come between), with each onCancel kind; the others flat and
 * propagating. Every wake order, task flags, own cancels of task children, returnExceptions, awaiter cancels.
 */
export function* twoSleepScenarios(n: number): Generator<Scenario> {
  for (let p = 0; p < n; p++) {
    for (const tasks of tuples([false, true], n)) {
      const ownTargets = tasks.flatMap((isTask, i) => (isTask ? [childName(i)] : []));
      for (const oc of ON_CANCEL_KINDS) {
        for (const plans of flatPlans(n)) {
          if (plans[p]!.end === 'hang') continue;
          plans[p] = { ...plans[p]!, sleeps: 2 };
          for (const { ranks, distinct } of wakeOrders(plans.map((x) => x.sleeps))) {
            const points = cancelPoints(distinct);
            const children = plans.map((plan, i) =>
              withFlags(
                timedLeaf(childName(i), `${i}`, plan.end, ranks[i]!),
                i === p ? oc : undefined,
                `${i}`,
                tasks[i]!,
              ),
            );
            for (const returnExceptions of [false, true]) {
              for (const cancels of cancelPlans(points, ownTargets))
                yield { loopcheck: 1, profile: 'seed', returnExceptions, children, cancels };
            }
          }
        }
      }
    }
  }
}

/**
 * The gatherAfter family: n flat children, the awaiter sleeping gatherAfter (0, at or just after each finish time)
 * between creating its task children and calling gather. Task flags, own cancels, returnExceptions, awaiter cancels.
 */
export function* gatherAfterScenarios(n: number): Generator<Scenario> {
  for (const tasks of tuples([false, true], n)) {
    const ownTargets = tasks.flatMap((isTask, i) => (isTask ? [childName(i)] : []));
    for (const plans of flatPlans(n)) {
      for (const { ranks, distinct } of wakeOrders(plans.map((x) => x.sleeps))) {
        const points = cancelPoints(distinct);
        const children = plans.map((plan, i) =>
          withFlags(timedLeaf(childName(i), `${i}`, plan.end, ranks[i]!), undefined, `${i}`, tasks[i]!),
        );
        for (const gatherAfter of points) {
          for (const returnExceptions of [false, true]) {
            for (const cancels of cancelPlans(points, ownTargets))
              yield { loopcheck: 1, profile: 'seed', returnExceptions, gatherAfter, children, cancels };
          }
        }
      }
    }
  }
}

/**
 * The nested family: n children, the one at some position a gather of its own 1 or 2 flat coroutine children
 * (depth 2), the other flat. Every wake order over all leaves, both returnExceptions of both gathers, the nested
 * gather child as coroutine or task, propagating or swallowing; the other child's task flag; awaiter cancels and
 * own cancels of task children.
 */
export function* nestedScenarios(n: number): Generator<Scenario> {
  for (let p = 0; p < n; p++) {
    for (let k = 1; k <= NESTED_MAX_CHILDREN - (n - 1); k++) {
      for (const tasks of tuples([false, true], n)) {
        const ownTargets = tasks.flatMap((isTask, i) => (isTask ? [childName(i)] : []));
        for (const innerReturnExceptions of [false, true]) {
          for (const oc of ['propagate', 'swallow'] as const) {
            for (const outer of flatPlans(n - 1)) {
              for (const inner of flatPlans(k)) {
                const counts = [...outer.slice(0, p), ...inner, ...outer.slice(p)].map((x) => x.sleeps);
                for (const { ranks, distinct } of wakeOrders(counts)) {
                  const points = cancelPoints(distinct);
                  const innerChildren = inner.map((plan, j) =>
                    timedLeaf(childName(j), `${p}_${j}`, plan.end, ranks[p + j]!),
                  );
                  const children: Child[] = [];
                  for (let i = 0; i < n; i++) {
                    if (i === p) {
                      const g: GatherChild = {
                        name: childName(i),
                        gather: { returnExceptions: innerReturnExceptions, children: innerChildren },
                      };
                      children.push(withFlags(g, oc, `${i}`, tasks[i]!));
                    } else {
                      const o = i < p ? i : i - 1;
                      const r = i < p ? ranks[i]! : ranks[i - 1 + k]!;
                      children.push(
                        withFlags(timedLeaf(childName(i), `${i}`, outer[o]!.end, r), undefined, `${i}`, tasks[i]!),
                      );
                    }
                  }
                  for (const returnExceptions of [false, true]) {
                    for (const cancels of cancelPlans(points, ownTargets))
                      yield { loopcheck: 1, profile: 'seed', returnExceptions, children, cancels };
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}

/** The format 2 family (docs/rules.md §4b) has exactly this many children. */
export const FORMAT2_CHILDREN = 2;
/** A format 2 child has 1 to this many steps. */
export const FORMAT2_MAX_STEPS = 2;

/** The steps a format 2 child `self` draws from, `other` being its sibling. */
export function format2Steps(self: string, other: string): Step[] {
  return [
    { sleep: 0 },
    { sleep: 1 },
    { await: other },
    { cancel: self },
    { cancel: other },
    { timeout: 1, steps: [{ sleep: 2 }] },
    { shield: other },
  ];
}

/**
 * Format 2 (§4b): two coroutine children c0 and c1, each with 1 to FORMAT2_MAX_STEPS steps from format2Steps (sleep
 * 0 or 1, await the other, cancel itself or the other, timeout 1 around a sleep 2, shield the other), returning its
 * current value; returnExceptions true; shutdown off and on. The scenarios are format 2 ones typed as Scenario for
 * the exploration's stream (explore.ts reads `loopcheck` and skips the format 1 reduction for them).
 */
export function* format2Scenarios(n: number): Generator<Scenario> {
  if (n !== FORMAT2_CHILDREN) return;
  const bodies = (self: string, other: string): Step[][] => {
    const options = format2Steps(self, other);
    const out: Step[][] = [];
    for (let k = 1; k <= FORMAT2_MAX_STEPS; k++) out.push(...tuples(options, k));
    return out;
  };
  const first = bodies(childName(0), childName(1));
  const second = bodies(childName(1), childName(0));
  for (const a of first) {
    for (const b of second) {
      for (const shutdown of [false, true]) {
        const scenario: ScenarioV2 = {
          loopcheck: 2,
          profile: 'seed',
          returnExceptions: true,
          shutdown,
          cancels: [],
          children: [
            { name: childName(0), steps: a },
            { name: childName(1), steps: b },
          ],
        };
        yield scenario as unknown as Scenario;
      }
    }
  }
}

/** The long task every format 2 extra leans on: left out of the gather's arguments, it sleeps this long. */
export const LASTING_MS = 40;
/** The extras' cancel instants (ms): before and at the 3 ms timeouts they cut into, all before the gather ends. */
export const EXTRA_CANCEL_POINTS: readonly number[] = [1, 2, 3];

/** One extra of the format2-extras family: task children added to the gather's, left out of its args, and cancels. */
export interface Extra {
  /** Its kind, as the certificate names it. */
  kind: 'lasting' | 'shield' | 'await' | 'timeout' | 'timeout-cancel' | 'chain';
  children: StepsChild[];
  cancels: Cancel[];
}

/**
 * The extras, in the style of properties/arbitraries/format2-lift.ts (each beside the long task `zz`): nothing more
 * (shutdown-nothing-lost); `sh` shielding zz, propagating or swallowing, cancelled at each point (shield-isolation);
 * `aw` awaiting zz after sleep 0 or 1, never or cancelled at each point (await-result, cancel-through-chain); `to`
 * under timeout(2) sleeping 1, 2 or 5 or awaiting zz (timeout-bound); `tc` (after a sleep 0, which keeps its trace apart from
 * sh's: explore judges once per distinct trace) under timeout(3) sleeping 3 or 8, cancelled at each point
 * (timeout-vs-cancel); `ch` awaiting `aw` (sleep 0, await zz), cancelled at each point: the cancel goes
 * down the chain (cancel-through-chain).
 */
export function* format2Extras(): Generator<Extra> {
  yield { kind: 'lasting', children: [], cancels: [] };
  for (const swallow of [false, true])
    for (const at of EXTRA_CANCEL_POINTS)
      yield {
        kind: 'shield',
        children: [
          { name: 'sh', task: true, steps: [{ shield: 'zz' }], ...(swallow ? { onCancel: { swallow: 'sh' } } : {}) },
        ],
        cancels: [{ at, target: 'sh' }],
      };
  for (const sleep of [0, 1])
    for (const at of [null, ...EXTRA_CANCEL_POINTS])
      yield {
        kind: 'await',
        children: [{ name: 'aw', task: true, steps: [{ sleep }, { await: 'zz' }] }],
        cancels: at === null ? [] : [{ at, target: 'aw' }],
      };
  for (const inner of [{ sleep: 1 }, { sleep: 2 }, { sleep: 5 }, { await: 'zz' }] as Step[])
    yield {
      kind: 'timeout',
      children: [{ name: 'to', task: true, steps: [{ timeout: 2, steps: [inner] }, { return: 'to' }] }],
      cancels: [],
    };
  for (const sleep of [3, 8])
    for (const at of EXTRA_CANCEL_POINTS)
      yield {
        kind: 'timeout-cancel',
        children: [{ name: 'tc', task: true, steps: [{ sleep: 0 }, { timeout: 3, steps: [{ sleep }] }] }],
        cancels: [{ at, target: 'tc' }],
      };
  for (const at of EXTRA_CANCEL_POINTS)
    yield {
      kind: 'chain',
      children: [
        { name: 'aw', task: true, steps: [{ sleep: 0 }, { await: 'zz' }] },
        { name: 'ch', task: true, steps: [{ await: 'aw' }] },
      ],
      cancels: [{ at, target: 'ch' }],
    };
}

/**
 * The format2-extras family (with FORMAT2_CHILDREN children in the count, as format 2): a flat gather of 0 or 1
 * child (returning, raising or hanging at RANK_MS, coroutine or task; returnExceptions false; no cancel of its own)
 * beside each extra of format2Extras, the long task `zz` (LASTING_MS, propagating, cleaning up 2 ms or swallowing)
 * left out of the gather's args; shutdown off and on.
 */
export function* format2ExtrasScenarios(n: number): Generator<Scenario> {
  if (n !== FORMAT2_CHILDREN) return;
  const bases: LeafChild[][] = [[]];
  for (const task of [false, true])
    for (const kind of END_KINDS)
      bases.push([withFlags(timedLeaf(childName(0), '0', kind, kind === 'hang' ? [] : [1]), undefined, '0', task)]);
  const lastings: LeafChild[] = (['propagate', 'cleanup', 'swallow'] as const).map((oc) => ({
    name: 'zz',
    task: true,
    sleeps: [LASTING_MS],
    end: { return: 'zz' },
    ...(oc === 'cleanup' ? { onCancel: { cleanupMs: 2 } } : oc === 'swallow' ? { onCancel: { swallow: 'zz' } } : {}),
  }));
  for (const base of bases) {
    for (const extra of format2Extras()) {
      for (const zz of lastings) {
        for (const shutdown of [false, true]) {
          const scenario: ScenarioV2 = {
            loopcheck: 2,
            profile: 'seed',
            returnExceptions: false,
            shutdown,
            args: base.map((c) => c.name),
            cancels: extra.cancels,
            children: [...base, zz, ...extra.children],
          };
          yield scenario as unknown as Scenario;
        }
      }
    }
  }
}

/** The names of the families, in enumeration order within each number of children. */
export const FAMILIES = ['flat', 'two-sleeps', 'gather-after', 'nested', 'format2', 'format2-extras'] as const;
export type Family = (typeof FAMILIES)[number];

/** Every scenario of one family with exactly n children. */
export function* familyScenarios(family: Family, n: number): Generator<Scenario> {
  if (family === 'flat') yield* flatScenarios(n);
  else if (family === 'format2') yield* format2Scenarios(n);
  else if (family === 'format2-extras') yield* format2ExtrasScenarios(n);
  else if (n > SHAPES_MAX_CHILDREN) return;
  else if (family === 'two-sleeps') yield* twoSleepScenarios(n);
  else if (family === 'gather-after') yield* gatherAfterScenarios(n);
  else if (n >= 1) yield* nestedScenarios(n);
}

/** Every scenario with exactly n children: the flat family, then (n ≤ SHAPES_MAX_CHILDREN) the others. */
export function* scenariosWithChildren(n: number): Generator<Scenario> {
  for (const family of FAMILIES) yield* familyScenarios(family, n);
}

/**
 * Every scenario with 0 to `bound` children, smallest first, as a lazy stream. Children are named c0, c1, … by
 * position; a finishing child sleeps RANK_MS·rank then returns `v<i>` or raises `E<i>`; a hanging child hangs at once.
 * Children objects are shared between the scenarios that differ only in cancels or returnExceptions: do not mutate.
 */
export function* enumerateScenarios(bound: number = DEFAULT_BOUND): Generator<Scenario> {
  for (let n = 0; n <= bound; n++) yield* scenariosWithChildren(n);
}

/** What enumerateScenarios(bound) covers, in words (printed in every certificate). */
export function describeEnumeration(bound: number): string {
  const small = Math.min(bound, SHAPES_MAX_CHILDREN);
  const upTo = (k: number): string => (k === 1 ? 'up to 1 child' : `up to ${k} children`);
  const parts = [
    `Every seed-profile scenario whose awaiter gathers 0 to ${bound} children. Flat: each child returns or raises after one sleep, or hangs at once;`,
    'every order of the finish times, ties included; each child a coroutine or a task; returnExceptions false and true;',
    'the awaiter never cancelled, or cancelled at 0, at or just after any finish time;',
  ];
  if (small >= 1) {
    parts.push(
      `with ${upTo(small)} also every onCancel kind (propagate, cleanup, swallow) and a task child cancelled on its own at any such point.`,
      `With ${upTo(small)} also three more families: two sleeps (one child returns or raises after two sleeps, with each onCancel kind);`,
      'gatherAfter (the awaiter sleeps 0, at or just after a finish time between creating its task children and gathering);',
      `nested (one child is a gather, depth 2, coroutine or task, propagating or swallowing, both returnExceptions, of 1 or 2 children; ${NESTED_MAX_CHILDREN} leaves in all).`,
    );
  } else parts.push('and the awaiter sleeping gatherAfter 0 before it gathers.');
  if (bound >= FORMAT2_CHILDREN) {
    parts.push(
      `Format 2 (steps) at a small bound: ${FORMAT2_CHILDREN} coroutine children, each with 1 to ${FORMAT2_MAX_STEPS} steps from sleep 0, sleep 1, await the other,`,
      'cancel itself, cancel the other, timeout 1 around a sleep 2, shield the other; returnExceptions true; shutdown off and on',
      '(properties that do not read format 2 yet answer not applicable there).',
      `Format 2 extras: a gather of no child or of one (returning or raising after ${RANK_MS} ms, or hanging; coroutine or task), returnExceptions false, beside a task zz left out of its args`,
      `(sleeping ${LASTING_MS} ms; propagating, cleaning up 2 ms or swallowing) and one extra, shutdown off and on: nothing more; a task shielding zz, propagating or swallowing,`,
      `cancelled at ${EXTRA_CANCEL_POINTS.join(', ')} ms; a task awaiting zz after sleep 0 or 1, never cancelled or cancelled at one of those; a task under timeout 2 around sleep 1, 2, 5 or await zz, then returning;`,
      'a task that sleeps 0 then sleeps 3 or 8 under timeout 3, cancelled at one of those; a task awaiting one that sleeps 0 and awaits zz, cancelled at one of those.',
    );
  }
  return parts.join(' ');
}
