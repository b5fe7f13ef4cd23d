// Format 2 scenarios MicroPython 1.27 can run (profile micropython, docs/rules.md §7 F2m): 1–4 steps children with
// sleeps, awaits, cancels (itself included, T4f-m), creates and ends; task children left out of the gather for
// others to await; shutdown on/off (R1m); sometimes a gatherAfter or a nested gather. Never a shield, a timeout
// or a repeated argument, never an await of a gathered task (refused under the profile). One runtime limit is
// kept out by construction: an await chain never loops (a child awaits only the awaiter, later task children and
// its own created tasks), since MicroPython's Task.cancel follows a loop forever (docs/conformance.md). A cancel step may
// reach the canceller back through an await chain (T4g-m). Shrinks towards fewer, shorter bodies.
import fc from 'fast-check';
import { parseAnyScenario } from '../../model/scenario.ts';
import { format2EndArb, format2OnCancelArb, type Format2End } from './format2-body-end.ts';
import type { OnCancel, ScenarioV2, Step } from '../../model/scenario-types.ts';

type Abstract = { k: 'sleep'; ms: number } | { k: 'await' | 'cancel'; n: number } | { k: 'create'; ms: number };
type AbstractEnd = Format2End;

interface AbstractChild {
  task: boolean;
  /** A task child left out of the gather's args (it runs on its own and may be awaited). */
  free: boolean;
  steps: Abstract[];
  end: AbstractEnd;
  onCancel: OnCancel;
}

interface Shape {
  children: AbstractChild[];
  shutdown: boolean;
  returnExceptions: boolean;
  gatherAfter: number | null;
  nested: number[] | null;
  cancels: { at: number; n: number }[];
}

const msArb = fc.constantFrom(0, 1, 5, 10);
const onCancelArb = format2OnCancelArb;
const stepArb: fc.Arbitrary<Abstract> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ k: fc.constant('sleep' as const), ms: msArb }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('await' as const), n: fc.nat(7) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('cancel' as const), n: fc.nat(9) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('create' as const), ms: msArb }) },
);
const endArb = format2EndArb;
const childArb: fc.Arbitrary<AbstractChild> = fc.record({
  task: fc.boolean(),
  free: fc.boolean(),
  steps: fc.array(stepArb, { maxLength: 4 }),
  end: endArb,
  onCancel: onCancelArb,
});

function build(shape: Shape): ScenarioV2 {
  const names = shape.children.map((_, i) => `c${i}`);
  const free = shape.children.map((c) => c.task && c.free);
  const everyPath = [
    'awaiter',
    ...names,
    ...(shape.nested === null ? [] : ['g', ...shape.nested.map((_, j) => `g/x${j}`)]),
  ];
  const created: string[] = [];
  const bodies = shape.children.map((child, i) => {
    const self = names[i]!;
    // awaitable: later free task children (no loop), what this child created; else sometimes the awaiter (which
    // awaits only its gather: a gathered child awaiting it deadlocks until a cancel)
    const awaitable = names.filter((_, j) => j > i && free[j]);
    const steps: Step[] = [];
    let made = 0;
    for (const a of child.steps) {
      if (a.k === 'sleep') steps.push({ sleep: a.ms });
      else if (a.k === 'create') {
        const name = `h${made++}`;
        steps.push({ create: { name, sleeps: [a.ms], end: { return: name } } });
        awaitable.push(`${self}/${name}`);
        created.push(`${self}/${name}`);
      } else if (a.k === 'await') {
        if (awaitable.length > 0) steps.push({ await: awaitable[a.n % awaitable.length]! });
        else steps.push(a.n % 3 === 0 ? { await: 'awaiter' } : { sleep: 1 });
      } else steps.push({ cancel: everyPath[a.n % everyPath.length]! });
    }
    if (child.end !== null) steps.push(child.end as Step);
    if (steps.length === 0) steps.push({ return: null });
    return {
      name: self,
      ...(child.task ? { task: true } : {}),
      steps,
      ...(child.onCancel === 'propagate' ? {} : { onCancel: child.onCancel }),
    };
  });
  const args = names.filter((_, i) => !free[i]);
  const all: object[] = [...bodies];
  if (shape.nested !== null) {
    args.push('g');
    all.push({
      name: 'g',
      gather: {
        returnExceptions: false,
        children: shape.nested.map((ms, j) => ({ name: `x${j}`, sleeps: [ms], end: { return: j } })),
      },
    });
  }
  const targets = [...everyPath, ...created];
  return parseAnyScenario({
    loopcheck: 2,
    profile: 'micropython',
    shutdown: shape.shutdown,
    returnExceptions: shape.returnExceptions,
    ...(shape.gatherAfter === null ? {} : { gatherAfter: shape.gatherAfter }),
    args,
    children: all,
    cancels: shape.cancels.map((c) => ({ at: c.at, target: targets[c.n % targets.length]! })),
  }) as ScenarioV2;
}

/** Small format 2 scenarios under profile micropython, for the micropython target's differential. */
export const format2MicroPythonScenarioArb: fc.Arbitrary<ScenarioV2> = fc
  .record({
    children: fc.array(childArb, { minLength: 1, maxLength: 4 }),
    shutdown: fc.boolean(),
    returnExceptions: fc.boolean(),
    gatherAfter: fc.option(fc.constantFrom(0, 1, 5), { nil: null, freq: 4 }),
    nested: fc.option(fc.array(msArb, { minLength: 1, maxLength: 2 }), { nil: null, freq: 4 }),
    cancels: fc.array(fc.record({ at: msArb, n: fc.nat(11) }), { maxLength: 2 }),
  })
  .map(build);
