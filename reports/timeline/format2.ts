// What a format 2 run adds to its timeline (docs/rules.md §4b): awaits of tasks, shields, timeout scopes and deadlines,
// read off the trace by walking each task's program (model/program.ts) along its steps.
import type { TraceEvent } from '../../model/outcome.ts';
import { childBodyV2, gatherBodyV2, type Instruction } from '../../model/program.ts';
import { placedBodies } from '../../model/scenario-paths.ts';
import { AWAITER, type ScenarioV2 } from '../../model/scenario-types.ts';
import type { Point } from './types.ts';

/** A suspension of a task on an awaitable of format 2 (the span after its `suspended`). */
export type Format2Suspension = 'sleep' | 'await' | 'shield' | 'gather' | 'hang';

/** `await PATH` or `shield PATH`: from the awaiting task's `suspended` to the awaited task's end. */
export interface AwaitArrow {
  task: string;
  target: string;
  shield: boolean;
  /** The awaiting task's `suspended` event (index into the trace). */
  from: number;
  /** The awaited task's final event, `null` when it never ended. */
  to: number | null;
}

/** A `timeout(ms, …)` scope (TO1): entered at `from`, its deadline at `deadline`, left at `to`. */
export interface TimeoutScope {
  task: string;
  ms: number;
  /** The event that began the step in which the scope was entered. */
  from: Point;
  /** Virtual time of the deadline (entry time + ms). */
  deadline: number;
  /** Where the scope was left: the end of the step that left it, or the run's end when still open. */
  to: Point;
  /** The deadline fired (the scope was still open at the deadline). */
  fired: boolean;
}

export interface Format2Marks {
  /** What each `suspended` event (by trace index) waits on. */
  suspensions: Map<number, Format2Suspension>;
  awaits: AwaitArrow[];
  scopes: TimeoutScope[];
  /**
   * `cancel-requested` events (by trace index) of a task suspended on `await`, forwarded to the awaited task (T4g)
   * and never delivered: the awaited task did not end cancelled, so the awaiter got its result.
   */
  forwarded: Set<number>;
}

const END_EVENTS = new Set(['returned', 'raised', 'cancelled']);
const DECISIONS = new Set(['gather-returned', 'gather-raised', 'gather-cancelled']);

interface Walker {
  instructions: Instruction[];
  pc: number;
  /** Stopped following the program (a CancelledError was delivered, or the task ended). */
  done: boolean;
  pendingCancel: boolean;
  gatherDecided: boolean;
  sliceStart: Point | null;
  /** The task it is suspended on by `await`, while so. */
  awaiting: string | null;
  /** Cancel requests received while suspended on `await` (forwarded to it, T4g). */
  forwardedHere: number[];
  open: { ms: number; from: Point; deadline: number }[];
}

/** Every task's program by path: the awaiter's gather body, the children's bodies, the created tasks' bodies. */
function programs(scenario: ScenarioV2): Map<string, Instruction[]> {
  const out = new Map<string, Instruction[]>([[AWAITER, gatherBodyV2(scenario).instructions]]);
  for (const placed of placedBodies(scenario)) out.set(placed.path, childBodyV2(placed.body, placed.path).instructions);
  return out;
}

/** The awaits, shields, timeout scopes and suspension kinds of one format 2 run. */
export function format2Marks(scenario: ScenarioV2, trace: TraceEvent[], points: Point[], end: number): Format2Marks {
  const walkers = new Map<string, Walker>();
  for (const [task, instructions] of programs(scenario)) {
    walkers.set(task, {
      instructions,
      pc: 0,
      done: false,
      pendingCancel: false,
      gatherDecided: false,
      sliceStart: null,
      awaiting: null,
      forwardedHere: [],
      open: [],
    });
  }
  const endIndex = new Map<string, number>();
  const forwarded = new Set<number>();
  const suspensions = new Map<number, Format2Suspension>();
  const awaits: AwaitArrow[] = [];
  const scopes: TimeoutScope[] = [];

  const closeScope = (task: string, w: Walker, to: Point): void => {
    const scope = w.open.pop();
    if (scope !== undefined)
      scopes.push({ task, ms: scope.ms, from: scope.from, deadline: scope.deadline, to, fired: false });
  };
  /** Runs the task's instructions of one step; `suspendedAt` is the `suspended` event ending it (else the task ended). */
  const runStep = (task: string, w: Walker, index: number, at: Point, suspendedAt: boolean): void => {
    const from = w.sliceStart ?? at;
    while (w.pc < w.instructions.length) {
      const ins = w.instructions[w.pc]!;
      w.pc += 1;
      switch (ins.op) {
        case 'timeoutEnter':
          w.open.push({ ms: ins.ms, from, deadline: from.at + ins.ms });
          break;
        case 'timeoutExit':
          closeScope(task, w, at);
          break;
        case 'sleep':
          if (suspendedAt) return void suspensions.set(index, 'sleep');
          break;
        case 'hang':
          if (suspendedAt) return void suspensions.set(index, 'hang');
          break;
        case 'awaitGather':
          if (suspendedAt && !w.gatherDecided) return void suspensions.set(index, 'gather');
          break;
        case 'awaitTask':
        case 'shieldTask':
          // a finished task does not suspend its awaiter (§4b, SH3)
          if (suspendedAt && !endIndex.has(ins.target)) {
            suspensions.set(index, ins.op === 'awaitTask' ? 'await' : 'shield');
            awaits.push({ task, target: ins.target, shield: ins.op === 'shieldTask', from: index, to: null });
            if (ins.op === 'awaitTask') w.awaiting = ins.target;
            return;
          }
          break;
        default:
          break;
      }
    }
  };
  /** A CancelledError reached the body (or it ended): every open scope ends here, the steps are left. */
  const stop = (task: string, w: Walker, at: Point): void => {
    while (w.open.length > 0) closeScope(task, w, at);
    w.done = true;
  };

  trace.forEach((event, index) => {
    const w = walkers.get(event.task);
    const at = points[index]!;
    if (END_EVENTS.has(event.event)) endIndex.set(event.task, index);
    if (w === undefined) return;
    switch (event.event) {
      case 'started':
      case 'resumed':
        w.sliceStart = at;
        if (w.awaiting !== null && w.forwardedHere.length > 0) {
          // T4g: the cancel went to the awaited task; it reaches this one only if that task ended cancelled
          const targetEnd = endIndex.get(w.awaiting);
          if (targetEnd === undefined || trace[targetEnd]!.event !== 'cancelled') {
            for (const i of w.forwardedHere) forwarded.add(i);
            w.pendingCancel = false;
          }
        }
        w.awaiting = null;
        w.forwardedHere = [];
        if (w.pendingCancel && !w.done) stop(event.task, w, at);
        w.pendingCancel = false;
        break;
      case 'cancel-requested':
        w.pendingCancel = true;
        if (w.awaiting !== null) w.forwardedHere.push(index);
        break;
      case 'gather-started':
        w.gatherDecided = false;
        break;
      case 'suspended':
        if (!w.done) runStep(event.task, w, index, at, true);
        break;
      case 'returned':
      case 'raised':
      case 'cancelled':
        if (!w.done) {
          runStep(event.task, w, index, at, false);
          stop(event.task, w, at);
        }
        break;
      default:
        if (DECISIONS.has(event.event)) w.gatherDecided = true;
    }
  });
  const endPoint: Point = { at: end, slot: 'end' };
  for (const [task, w] of walkers) while (w.open.length > 0) closeScope(task, w, endPoint);
  for (const arrow of awaits) arrow.to = endIndex.get(arrow.target) ?? null;
  for (const scope of scopes)
    scope.fired = scope.to.at > scope.deadline || (scope.to.at === scope.deadline && firedAt(trace, scope));
  scopes.sort(
    (a, b) =>
      a.from.at - b.from.at ||
      (a.from.slot === 'end' ? 1 : (a.from.slot as number)) - (b.from.slot === 'end' ? 1 : (b.from.slot as number)),
  );
  return { suspensions, awaits, scopes, forwarded };
}

/** A scope left at its deadline's instant fired when its task got a cancel request at that instant (TO1). */
function firedAt(trace: TraceEvent[], scope: TimeoutScope): boolean {
  return trace.some((e) => e.task === scope.task && e.at === scope.deadline && e.event === 'cancel-requested');
}
