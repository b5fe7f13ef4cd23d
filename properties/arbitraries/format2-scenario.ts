// A small format 2 scenario generator (docs/rules.md §4b): 1–4 children, ≤ 4 steps each, awaits, shields, cancels,
// creates, timeouts, repeated args, shutdown on/off, a cancel at the awaiter's timeout deadline (TO3) or of a child waiting on a shield or a timeout, sometimes a gatherAfter or a nested gather; valid by construction (targets picked among the tasks that
// surely exist at that step), shrinking towards fewer, shorter bodies.
import fc from 'fast-check';
import { parseAnyScenario } from '../../model/scenario.ts';
import { format2EndArb, format2OnCancelArb, type Format2End } from './format2-body-end.ts';
import type { OnCancel, ScenarioV2, Step } from '../../model/scenario-types.ts';
import { awaitChainArb } from './await-chain.ts';

type Abstract =
  | { k: 'sleep'; ms: number }
  | { k: 'await' | 'shield' | 'cancel'; n: number }
  | { k: 'create'; ms: number; onCancel: OnCancel }
  | { k: 'timeout'; ms: number; inner: Abstract[] };

type AbstractEnd = Format2End;

interface AbstractChild {
  task: boolean;
  steps: Abstract[];
  end: AbstractEnd;
  onCancel: OnCancel;
}

const msArb = fc.constantFrom(0, 1, 5, 10, 20);
const onCancelArb = format2OnCancelArb;
const innerArb: fc.Arbitrary<Abstract> = fc.oneof(
  fc.record({ k: fc.constant('sleep' as const), ms: msArb }),
  fc.record({ k: fc.constantFrom('await' as const, 'shield' as const), n: fc.nat(7) }),
);
const stepArb: fc.Arbitrary<Abstract> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ k: fc.constant('sleep' as const), ms: msArb }) },
  {
    weight: 3,
    arbitrary: fc.record({ k: fc.constantFrom('await' as const, 'shield' as const, 'cancel' as const), n: fc.nat(7) }),
  },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('create' as const), ms: msArb, onCancel: onCancelArb }) },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('timeout' as const),
      ms: msArb,
      inner: fc.array(innerArb, { minLength: 1, maxLength: 2 }),
    }),
  },
);
const endArb = format2EndArb;
const childArb: fc.Arbitrary<AbstractChild> = fc.record({
  task: fc.boolean(),
  steps: fc.array(stepArb, { maxLength: 4 }),
  end: endArb,
  onCancel: onCancelArb,
});

/** Builds the scenario: names c0…, created tasks h0… of each child, targets taken modulo what surely exists. */
function build(
  children: AbstractChild[],
  repeats: number[],
  shutdown: boolean,
  returnExceptions: boolean,
  timeoutMs: number | null,
  cancels: { at: number; n: number }[],
  extras: Extras,
): ScenarioV2 {
  const names = children.map((_, i) => `c${i}`);
  const nested = extras.nested;
  const gathered = nested === null ? names : [...names, 'g'];
  const everyPath = ['awaiter', ...gathered, ...(nested === null ? [] : nested.ms.map((_, j) => `g/x${j}`))];
  const bodies = children.map((child, i) => {
    const self = names[i]!;
    // a task child may run before a gatherAfter's gather wraps the non-task siblings (§4b)
    const early = extras.gatherAfter !== null && child.task;
    const sure = gathered.filter((n, j) => n !== self && (!early || (j < children.length && children[j]!.task)));
    let created = 0;
    const convert = (a: Abstract, inTimeout: boolean): Step => {
      if (a.k === 'sleep') return { sleep: a.ms };
      if (a.k === 'cancel') {
        const targets = [...everyPath, ...sure.filter((p) => p.includes('/'))];
        return { cancel: targets[a.n % targets.length]! };
      }
      if (a.k === 'await' || a.k === 'shield') {
        if (sure.length === 0) return { sleep: 1 };
        return a.k === 'await' ? { await: sure[a.n % sure.length]! } : { shield: sure[a.n % sure.length]! };
      }
      if (a.k === 'create') {
        if (inTimeout) return { sleep: a.ms };
        const name = `h${created++}`;
        const path = `${self}/${name}`;
        const onCancel = a.onCancel === 'propagate' ? {} : { onCancel: a.onCancel };
        // a created steps body awaits something its creator surely sees (or the creator itself)
        const body = extras.createdSteps
          ? {
              name,
              steps: [{ sleep: a.ms }, { await: [self, ...sure][a.ms % (sure.length + 1)]! }] as Step[],
              ...onCancel,
            }
          : { name, sleeps: [a.ms], end: { return: name }, ...onCancel };
        sure.push(path);
        everyPath.push(path);
        return { create: body };
      }
      const t = a as Extract<Abstract, { k: 'timeout' }>;
      return { timeout: t.ms, steps: t.inner.map((x) => convert(x, true)) };
    };
    const steps = child.steps.map((s) => convert(s, false));
    if (child.end !== null) steps.push(child.end as Step);
    if (steps.length === 0) steps.push({ return: null });
    return {
      name: self,
      ...(child.task ? { task: true } : {}),
      steps,
      ...(child.onCancel === 'propagate' ? {} : { onCancel: child.onCancel }),
    };
  });
  // args: every child once, plus repeats (indexes modulo the children), task children sometimes left out
  const args: string[] = [];
  names.forEach((n, i) => {
    if (!(children[i]!.task && repeats.includes(-1 - i))) args.push(n);
  });
  for (const r of repeats) if (r >= 0) args.push(names[r % names.length]!);
  const all: object[] = [...bodies];
  if (nested !== null) {
    args.push('g');
    const xs = nested.ms.map((ms, j) => ({ name: `x${j}`, sleeps: [ms], end: { return: j } }));
    all.push({
      name: 'g',
      gather: {
        returnExceptions: nested.returnExceptions,
        ...(nested.timeoutMs === null ? {} : { timeoutMs: nested.timeoutMs }),
        ...(nested.repeat ? { args: [...xs.map((x) => x.name), 'x0'] } : {}),
        children: xs,
      },
    });
  }
  const waiting = bodies
    .filter((b) => b.steps.some((x) => x !== 'hang' && ('shield' in x || 'timeout' in x)))
    .map((b) => b.name);
  const json = {
    loopcheck: 2,
    shutdown,
    returnExceptions,
    ...(timeoutMs === null ? {} : { timeoutMs }),
    ...(extras.gatherAfter === null ? {} : { gatherAfter: extras.gatherAfter }),
    args,
    children: all,
    // at -1: the awaiter cancelled at its gather timeout's deadline (or @5), the instant TO3 is about
    // at -2: a child with a shield or timeout step cancelled @1 or @5, while it likely waits there (SH1, TO3)
    cancels: cancels.map((c) =>
      c.at === -1
        ? { at: (extras.gatherAfter ?? 0) + (timeoutMs ?? 5), target: 'awaiter' }
        : c.at === -2 && waiting.length > 0
          ? { at: c.n % 2 === 0 ? 1 : 5, target: waiting[c.n % waiting.length]! }
          : { at: Math.max(0, c.at), target: everyPath[c.n % everyPath.length]! },
    ),
  };
  return parseAnyScenario(json) as ScenarioV2;
}

/** Rarer shapes: a gatherAfter, one nested gather child `g` (args with a repeat, a timeout), created steps bodies. */
interface Extras {
  gatherAfter: number | null;
  nested: null | { ms: number[]; repeat: boolean; returnExceptions: boolean; timeoutMs: number | null };
  createdSteps: boolean;
}

const extrasArb: fc.Arbitrary<Extras> = fc.record({
  gatherAfter: fc.option(fc.constantFrom(0, 1, 5), { nil: null, freq: 4 }),
  nested: fc.option(
    fc.record({
      ms: fc.array(msArb, { minLength: 1, maxLength: 2 }),
      repeat: fc.boolean(),
      returnExceptions: fc.boolean(),
      timeoutMs: fc.option(fc.constantFrom(3, 12), { nil: null }),
    }),
    { nil: null, freq: 3 },
  ),
  createdSteps: fc.boolean(),
});

/** Small format 2 scenarios of every shape above. */
const format2ShapesArb: fc.Arbitrary<ScenarioV2> = fc
  .tuple(
    fc.array(childArb, { minLength: 1, maxLength: 4 }),
    fc.array(fc.integer({ min: -4, max: 3 }), { maxLength: 2 }),
    fc.boolean(),
    fc.boolean(),
    fc.option(fc.constantFrom(5, 15, 30), { nil: null }),
    fc.array(
      fc.record({
        at: fc.oneof(
          { weight: 3, arbitrary: msArb },
          { weight: 2, arbitrary: fc.constant(-1) },
          { weight: 2, arbitrary: fc.constant(-2) },
        ),
        n: fc.nat(9),
      }),
      { maxLength: 2 },
    ),
    extrasArb,
  )
  .map(([children, repeats, shutdown, returnExceptions, timeoutMs, cancels, extras]) =>
    build(children, repeats, shutdown, returnExceptions, timeoutMs, cancels, extras),
  );

/** Small format 2 scenarios for the differential (model ≡ loop) and the properties: the shapes above, and await chains. */
export const format2ScenarioArb: fc.Arbitrary<ScenarioV2> = fc.oneof(
  { weight: 1, arbitrary: format2ShapesArb },
  { weight: 1, arbitrary: awaitChainArb },
);
