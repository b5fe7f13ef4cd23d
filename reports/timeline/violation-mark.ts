// What a timeline marks: the event or task that breaks the failing property, the first trace difference for the differential.
import type { Outcome } from '../../model/outcome.ts';
import { AWAITER } from '../../model/scenario-types.ts';
import type { Divergence, TimelineInput } from './types.ts';
import { firstDivergence } from './divergence.ts';

const TERMINAL = new Set(['returned', 'raised', 'cancelled']);
const DECISION = new Set(['gather-returned', 'gather-raised', 'gather-cancelled']);
const BEFORE = new Set([' ', '"', "'", '(', '[', '{']);
const AFTER = new Set([' ', '"', "'", ',', ':', ';', ')', ']', '}', '.', '@']);

/** The first place in `message` where `name` stands as a word (a path, not part of a longer name), or -1. */
function wordAt(message: string, name: string): number {
  for (let i = message.indexOf(name); i !== -1; i = message.indexOf(name, i + 1)) {
    const before = i === 0 ? ' ' : message[i - 1]!;
    const after = i + name.length === message.length ? ' ' : message[i + name.length]!;
    if (BEFORE.has(before) && AFTER.has(after)) return i;
  }
  return -1;
}

/**
 * Where a violation message points in an outcome (the convention the properties' messages follow): the event it
 * names as `event #N`, else the first task it names: its gather's decision when the message says `<task>'s gather`,
 * else its final event (`awaiter should return …` → the awaiter's `returned`: where the wrong value is); else null.
 */
export function locateViolation(message: string, outcome: Outcome): { index: number | null; task: string } | null {
  const trace = outcome.trace;
  for (const m of message.matchAll(/event #(\d+)/g)) {
    const index = Number(m[1]);
    if (index < trace.length) return { index, task: trace[index]!.task };
  }
  const names = [...new Set([AWAITER, ...Object.keys(outcome.children), ...trace.map((e) => e.task)])];
  let best: { at: number; name: string } | null = null;
  for (const name of names) {
    const at = wordAt(message, name);
    if (at !== -1 && (best === null || at < best.at || (at === best.at && name.length > best.name.length)))
      best = { at, name };
  }
  if (best === null) return null;
  const task = best.name;
  const last = (wanted: (event: string) => boolean): number => {
    for (let i = trace.length - 1; i >= 0; i--) if (trace[i]!.task === task && wanted(trace[i]!.event)) return i;
    return -1;
  };
  let index = -1;
  if (message.startsWith("'s gather", best.at + task.length)) {
    index = last((e) => DECISION.has(e));
    if (index === -1) index = last((e) => e === 'gather-started');
  }
  if (index === -1) index = last((e) => TERMINAL.has(e));
  if (index === -1) index = last(() => true);
  return { index: index === -1 ? null : index, task };
}

/**
 * The mark of a timeline: for the differential (or no known violation) the first trace difference; for the
 * outcome-only differential the first task whose outcome differs; for any other property what its message names
 * on the judged run. Null when there is nothing to mark.
 */
export function violationMark(input: TimelineInput): Divergence | null {
  const v = input.violation;
  if (v === undefined || v.property === 'differential') return firstDivergence(input.outcomes);
  if (v.property === 'outcome-differential')
    return firstDivergence(input.outcomes.map((o) => ({ ...o, outcome: { ...o.outcome, trace: [] } })));
  const labelled = v.run === undefined ? -1 : input.outcomes.findIndex((o) => o.label === v.run);
  const run = labelled === -1 ? input.outcomes.length - 1 : labelled;
  const judged = input.outcomes[run]?.outcome;
  const where = judged === undefined ? null : locateViolation(v.message, judged);
  if (where === null) return null;
  return {
    index: where.index,
    task: where.task,
    events: input.outcomes.map((o, r) =>
      r === run && where.index !== null ? o.outcome.trace[where.index] : undefined,
    ),
    description: v.message.split('\n')[0]!,
    run,
    heading: `${v.property} violated`,
  };
}
