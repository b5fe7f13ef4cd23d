// A format 2 family (docs/rules.md §4b): a chain of tasks each waiting on the one below (await, shield, or await inside a
// timeout), the awaiter gathering the top, and a cancel at a random depth — from outside, by the leaf, or the awaiter
// at its gather timeout's deadline — so cancel-through-chain, shield-isolation and timeout-vs-cancel engage.
import fc from 'fast-check';
import { parseAnyScenario } from '../../model/scenario.ts';
import type { Json, OnCancel, ScenarioV2, Step } from '../../model/scenario-types.ts';

/** How a task of the chain waits on the task below it. */
type Link = { k: 'await' } | { k: 'shield' } | { k: 'timeout'; ms: number };

/** What the leaf (the bottom task) does: sleep and end, or sleep, cancel a task of the chain (itself included), go on. */
type Leaf =
  | { k: 'sleeps'; ms: number; end: null | { return: Json } | { raise: string } | 'hang' }
  | {
      k: 'cancels';
      ms: number /** -1: itself */;
      depth: number;
      after: null | { return: Json } | { sleep: number } | 'hang';
    };

interface Chain {
  links: Link[];
  leaf: Leaf;
  onCancels: OnCancel[];
  /** A cancel from outside: its time and the depth of its target (0 is the awaiter, 1 the top of the chain). */
  outer: null | { at: number; depth: number };
  /** The awaiter cancelled as well, at its gather timeout's deadline or before. */
  awaiterAt: null | number;
  timeoutMs: null | number;
  shutdown: boolean;
  returnExceptions: boolean;
}

const onCancelArb: fc.Arbitrary<OnCancel> = fc.oneof(
  { weight: 3, arbitrary: fc.constant<OnCancel>('propagate') },
  { weight: 2, arbitrary: fc.constantFrom<OnCancel>({ swallow: 's' }, { cleanupMs: 3 }) },
);
const linkArb: fc.Arbitrary<Link> = fc.oneof(
  { weight: 3, arbitrary: fc.constant<Link>({ k: 'shield' }) },
  { weight: 3, arbitrary: fc.constant<Link>({ k: 'await' }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('timeout' as const), ms: fc.constantFrom(2, 5, 20) }) },
);
const leafArb: fc.Arbitrary<Leaf> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constant('sleeps' as const),
      ms: fc.constantFrom(10, 20),
      end: fc.constantFrom<Extract<Leaf, { k: 'sleeps' }>['end']>(null, { return: 0 }, { raise: 'ValueError' }, 'hang'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('cancels' as const),
      ms: fc.constantFrom(1, 4),
      depth: fc.oneof(fc.constant(-1), fc.nat(4)),
      after: fc.constantFrom<Extract<Leaf, { k: 'cancels' }>['after']>(null, { return: 1 }, { sleep: 5 }, 'hang'),
    }),
  },
);

const chainArb: fc.Arbitrary<Chain> = fc.record({
  links: fc.array(linkArb, { minLength: 1, maxLength: 4 }),
  leaf: leafArb,
  onCancels: fc.array(onCancelArb, { minLength: 5, maxLength: 5 }),
  outer: fc.option(fc.record({ at: fc.constantFrom(1, 2, 3), depth: fc.nat(4) }), { nil: null, freq: 6 }),
  awaiterAt: fc.option(fc.constantFrom(2, 4, 5), { nil: null }),
  timeoutMs: fc.option(fc.constantFrom(5, 15), { nil: null, freq: 3 }),
  shutdown: fc.boolean(),
  returnExceptions: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
});

/**
 * The scenario: tasks c0 (the leaf) … cN (the top, link N waits on c(N-1)); the awaiter gathers the top and a sleeper
 * `w` (so it still waits when a cancel comes); a depth of 0 is the awaiter, d > 0 the task d from the top.
 */
function build(c: Chain): ScenarioV2 {
  const n = c.links.length;
  const name = (i: number) => `c${i}`;
  const fromTop = (depth: number) => (depth === 0 ? 'awaiter' : name(n - ((depth - 1) % (n + 1))));
  const leafSteps: Step[] =
    c.leaf.k === 'sleeps'
      ? [{ sleep: c.leaf.ms }, ...(c.leaf.end === null ? [] : [c.leaf.end as Step])]
      : [
          { sleep: c.leaf.ms },
          { cancel: c.leaf.depth === -1 ? name(0) : fromTop(c.leaf.depth) },
          ...(c.leaf.after === null ? [] : [c.leaf.after as Step]),
        ];
  const withOnCancel = (i: number) => (c.onCancels[i] === 'propagate' ? {} : { onCancel: c.onCancels[i] });
  const chain = [{ name: name(0), task: true, steps: leafSteps, ...withOnCancel(0) }];
  c.links.forEach((link, j) => {
    const below = name(j);
    const wait: Step =
      link.k === 'await'
        ? { await: below }
        : link.k === 'shield'
          ? { shield: below }
          : { timeout: link.ms, steps: [{ await: below }] };
    chain.push({ name: name(j + 1), task: true, steps: [wait], ...withOnCancel(j + 1) });
  });
  const cancels: { at: number; target: string }[] = [];
  if (c.outer !== null) cancels.push({ at: c.outer.at, target: fromTop(c.outer.depth) });
  if (c.awaiterAt !== null)
    cancels.push({ at: c.timeoutMs === null ? c.awaiterAt : Math.min(c.awaiterAt, c.timeoutMs), target: 'awaiter' });
  return parseAnyScenario({
    loopcheck: 2,
    shutdown: c.shutdown,
    returnExceptions: c.returnExceptions,
    ...(c.timeoutMs === null ? {} : { timeoutMs: c.timeoutMs }),
    args: [name(n), 'w'],
    children: [...chain, { name: 'w', sleeps: [30], end: { return: 'w' } }],
    cancels,
  }) as ScenarioV2;
}

/** Await chains with a cancel at a random depth (mixed into format2ScenarioArb). */
export const awaitChainArb: fc.Arbitrary<ScenarioV2> = chainArb.map(build);
