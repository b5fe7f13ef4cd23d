// The model's run: a thin discrete-event driver (virtual clock, FIFO ready queue, timer list) feeding the machines.
import { AWAITER, PATH_SEPARATOR, type AnyScenario, type GatherNodeV2 } from './scenario-types.ts';
import type { Outcome, TaskOutcome, TraceEvent, TraceEventName } from './outcome.ts';
import type { Coverage } from './coverage-types.ts';
import type { LoopWorld, Received, TaskResult } from './loop-world.ts';
import { childBody, childBodyV2, gatherBody, gatherBodyV2, type Program } from './program.ts';
import { placedBodies } from './scenario-paths.ts';
import { resultAsReceived } from './gather-machine.ts';
import type { Child } from './scenario-types.ts';
import { machinesFor, type ProfileMachines } from './profiles.ts';
import type { TaskEvent } from './task-machine.ts';
import type { GatherEvent } from './gather-machine.ts';
import { CoverageCounter } from './coverage-counter.ts';
import { isRunning, MachinePump, type MachineState } from './machine-pump.ts';

export interface SimulateOptions {
  /**
   * Adds one to every state entered and every transition taken (ids as in modelGraph()), and, when the Coverage
   * has them, to every guard outcome and transition pair (coverage-counter.ts).
   */
  coverage?: Coverage;
  /**
   * How the machines are stepped: `compiled` (default; compiled-machine.ts, the same semantics without xstate's
   * per-step overhead) or `xstate` (`machine.transition`; always used with `coverage`).
   */
  engine?: 'compiled' | 'xstate';
  /**
   * TIE (rules.md §7), only for a profile whose order among equal deadlines is open (`equalDeadlinesOrdered:
   * false`): called whenever more than one entry may run next at this instant, with how many may; returns the
   * index of the one to run (0: the FIFO order of S1/S2, the order `simulate` uses without this option). The
   * candidates are the timers due now that have not run yet (sleep ends, scenario cancels) up to the first other
   * entry of the ready queue, in queue order, then that entry. allowed-outcomes.ts enumerates every answer.
   */
  chooseTieOrder?: (candidates: number) => number;
}

/** A body as the scenario describes it, by task path. */
interface Spec {
  path: string;
  program: Program;
  /** The gather this body calls (awaiter and nested-gather children). */
  node?: GatherNodeV2;
  /** The gather's arguments as task paths, in argument order (a path may repeat, G1a). */
  childPaths: string[];
  /** Per argument: an existing task (a task child, or a coroutine already wrapped for an earlier argument, G1a). */
  existing: boolean[];
  /** `node`'s task children, in order (created before the gather, §4). */
  taskChildren: string[];
}

/** Who is told when a task ends, in the order they registered (T5). */
type Waiter =
  | { gather: string; index: number }
  | { task: string }
  | { shield: string }
  /** R1: the awaiter's end queues the shutdown. */
  | { shutdown: true }
  /** R1: one of the tasks the shutdown waits for. */
  | { shutdownCount: true }
  /** R1m: the awaiter's end stops the run at once. */
  | { stopNow: true };

interface TaskRef {
  spec: Spec;
  snapshot: MachineState;
  timer?: Timer;
  /** TO1: the deadline timers of its open timeout scopes, by depth… */
  deadlines: (Timer | undefined)[];
  /** …and whether each has fired. */
  expired: boolean[];
  result?: TaskResult;
  endOrder?: number;
  at?: number;
}

interface GatherRef {
  snapshot: MachineState;
}

interface Timer {
  deadline: number;
  /** A task's sleep, or a scenario cancel of `cancelTarget`, or a timeout scope's deadline. */
  task?: TaskRef;
  cancelTarget?: string;
  scope?: { task: TaskRef; depth: number };
  /** A deadline removed after it joined the ready queue: it does nothing when it runs. */
  cancelled?: boolean;
}

/** A task's step, a scenario cancel, a sleep timer's callback (S2 variant), or a gather's done callback (T5c). */
type ReadyEntry =
  | { task: TaskRef }
  | { cancelTarget: string }
  | { sleepTimer: Timer }
  | { childReport: { caller: string; index: number } }
  | { deadlineTimer: Timer }
  /** SH4 (cpython): the shield's done callback for the shielded task's end. */
  | { shieldReport: { shield: string; target: string } }
  | { shutdown: true };

const STEP: TaskEvent = { type: 'STEP' };
const RUN: TaskEvent = { type: 'RUN' };
const TIMER: TaskEvent = { type: 'TIMER' };
const CANCEL: TaskEvent = { type: 'CANCEL' };
const CALL: GatherEvent = { type: 'CALL' };
const CANCEL_GATHER: GatherEvent = { type: 'CANCEL' };
const CALLER_RUNS: GatherEvent = { type: 'CALLER_RUNS' };
const FORWARDED: TaskEvent = { type: 'FORWARDED' };
/** A body takes at most a few RUNs per instruction; more means a model bug. */
const MAX_RUNS_PER_STEP = 10_000;

class Simulation implements LoopWorld {
  now = 0;
  private endCount = 0;
  private readonly ready: ReadyEntry[] = [];
  private head = 0;
  private readonly timers: Timer[] = [];
  readonly events: TraceEvent[] = [];
  readonly specs = new Map<string, Spec>();
  readonly order: string[] = [];
  readonly tasks = new Map<string, TaskRef>();
  private readonly gathers = new Map<string, GatherRef>();
  /** G6m: callers whose gather cancels its children when they next run. */
  private readonly childCancelsDeferred = new Set<string>();
  /** G6m (decided gather): callers their gather has woken and that have not run since… */
  private readonly wokenByGather = new Set<string>();
  /** …and those of them cancelled meanwhile: their gather cancels its unfinished children when they run. */
  private readonly decidedGatherCancels = new Set<string>();
  /** The task whose step runs now (a gather deciding at its call wakes its running caller: G2). */
  private runningTask: string | undefined;
  /** T5: who waits for each task, in registration order. */
  private readonly waiters = new Map<string, Waiter[]>();
  /** R1: tasks the shutdown still waits for; the run stops when it reaches 0. */
  private shutdownRemaining = 0;
  private stopped = false;
  /** SH4: shields (awaiting task, shielded task) whose awaiting task has not been cancelled. */
  private readonly shieldsAttached = new Set<string>();
  /** R1c: the shutdown ran in this turn; its cancels come when the turn ends. */
  private shutdownDue = false;

  /** Steps the machines (compiled or xstate, counting coverage when asked): machine-pump.ts. */
  private readonly pump: MachinePump;
  private readonly counter: CoverageCounter | undefined;
  private readonly machines: ProfileMachines;

  constructor(
    private readonly scenario: AnyScenario,
    machines: ProfileMachines,
    coverage: Coverage | undefined,
    engine: 'compiled' | 'xstate',
    private readonly chooseTieOrder?: (candidates: number) => number,
  ) {
    this.counter = coverage === undefined ? undefined : new CoverageCounter(coverage);
    // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: equivalent: the compiled interpreter and xstate take the same transitions (compiled-machine.test.ts); with coverage xstate is used either way
    this.pump = new MachinePump(engine === 'compiled' && coverage === undefined, this.counter);
    this.machines =
      this.counter === undefined
        ? machines
        : { ...machines, task: this.counter.machine(machines.task), gather: this.counter.machine(machines.gather) };
    const v2 = scenario.loopcheck === 2;
    const root = scenario as GatherNodeV2;
    this.addSpec(
      AWAITER,
      v2 ? gatherBodyV2(root) : gatherBody(scenario as Extract<AnyScenario, { loopcheck: 1 }>),
      root,
      '',
    );
    for (const placed of placedBodies(scenario)) {
      const body = placed.body;
      const program = v2
        ? childBodyV2(body, placed.path, machines.cancelSelfRaisesRuntimeError)
        : childBody(body as Child);
      this.addSpec(placed.path, program, 'gather' in body ? body.gather : undefined, placed.path + PATH_SEPARATOR);
      this.order.push(placed.path);
    }
  }

  private addSpec(path: string, program: Program, node: GatherNodeV2 | undefined, prefix: string): void {
    const spec: Spec = { path, program, childPaths: [], existing: [], taskChildren: [] };
    if (node) {
      spec.node = node;
      const names = node.args ?? node.children.map((c) => c.name);
      names.forEach((name, i) => {
        const child = node.children.find((c) => c.name === name)!;
        spec.childPaths.push(prefix + name);
        spec.existing.push(child.task === true || names.indexOf(name) < i); // G1a: wrapped once
      });
      for (const c of node.children) if (c.task === true) spec.taskChildren.push(prefix + c.name);
    }
    this.specs.set(path, spec);
  }

  private sendTask(task: TaskRef, event: TaskEvent): void {
    this.pump.advance(this.machines.task, task, task.snapshot, event, (s) => (task.snapshot = s));
  }

  private sendGather(gather: GatherRef, event: GatherEvent): void {
    this.pump.advance(this.machines.gather, gather, gather.snapshot, event, (s) => (gather.snapshot = s));
  }

  private task(path: string): TaskRef {
    const t = this.tasks.get(path);
    // Stryker disable next-line ConditionalExpression,StringLiteral: a model-bug guard: the machines name only tasks that exist
    if (!t) throw new Error(`model: no task ${JSON.stringify(path)}`);
    return t;
  }

  // --- LoopWorld: what the machines may do ------------------------------------------------------------
  trace(task: string, event: TraceEventName): void {
    this.events.push({ at: this.now, task, event });
  }

  appendStep(path: string): void {
    this.ready.push({ task: this.task(path) });
  }

  setSleepTimer(path: string, ms: number): void {
    const task = this.task(path);
    task.timer = this.addTimer({ deadline: this.now + ms, task });
  }

  removeSleepTimer(path: string): void {
    const task = this.task(path);
    const timer = task.timer;
    if (!timer) return;
    const i = this.timers.indexOf(timer);
    if (i >= 0) this.timers.splice(i, 1);
    task.timer = undefined;
  }

  createTaskChildren(path: string): void {
    for (const child of this.specs.get(path)!.taskChildren) this.createTask(child);
  }

  callGather(path: string): void {
    const spec = this.specs.get(path)!;
    const node = spec.node!;
    const gather: GatherRef = {
      snapshot: this.pump.initial(this.machines.gather, {
        world: this,
        caller: path,
        children: spec.childPaths,
        existing: spec.existing,
        returnExceptions: node.returnExceptions,
      }),
    };
    this.gathers.set(path, gather);
    this.sendGather(gather, CALL);
    // T5: one registration per argument (a task passed twice tells the gather twice), for those not ended yet
    spec.childPaths.forEach((child, index) => {
      if (this.tasks.get(child)?.result === undefined) this.addWaiter(child, { gather: path, index });
    });
  }

  private addWaiter(path: string, waiter: Waiter): void {
    const list = this.waiters.get(path);
    if (list) list.push(waiter);
    else this.waiters.set(path, [waiter]);
  }

  forwardCancelToGather(path: string): void {
    const gather = this.gathers.get(path);
    // Stryker disable next-line ConditionalExpression,StringLiteral: a model-bug guard: the task machine awaits a gather only after making one
    if (!gather) throw new Error(`model: ${path} awaits no gather`);
    this.sendGather(gather, CANCEL_GATHER);
  }

  taskEnded(path: string, result: TaskResult): void {
    const task = this.task(path);
    task.result = result;
    task.endOrder = this.endCount++;
    task.at = this.now;
    const waiters = this.waiters.get(path);
    if (!waiters) return;
    // told in place: a shield cancelled while this list is being told leaves it before its turn (SH1)
    for (const w of waiters) {
      if ('gather' in w) {
        if (this.machines.childEndsReportedByCallback)
          this.queueChildReport(w.gather, w.index); // T5c
        else this.sendGather(this.gathers.get(w.gather)!, { type: 'CHILD_ENDED', index: w.index, result }); // T5
      } else if ('task' in w) this.wakeTask(w.task, resultAsReceived(result));
      else if ('shield' in w) {
        if (this.machines.shieldEndReportedByCallback)
          this.ready.push({ shieldReport: { shield: w.shield, target: path } }); // SH4
        else this.wakeTask(w.shield, resultAsReceived(result)); // SH2: cancelled → the shield is too
      } else if ('shutdown' in w)
        // Stryker disable next-line BooleanLiteral: equivalent: the ready entry's kind is read with `'shutdown' in entry`, never its value
        this.ready.push({ shutdown: true }); // R1: after the steps already queued
      else if ('stopNow' in w)
        this.stopped = true; // R1m: nothing runs after the awaiter's end
      else if (--this.shutdownRemaining === 0) this.stopped = true;
    }
    this.waiters.delete(path);
  }

  setDeadline(path: string, depth: number, ms: number): void {
    const task = this.task(path);
    if (ms === 0 && this.machines.timeoutOfZeroCallsSoon) {
      // TO1c (cpython): the expiry is queued at once (call_soon), not set as a timer
      const timer: Timer = { deadline: this.now, scope: { task, depth } };
      this.ready.push({ deadlineTimer: timer });
      task.deadlines[depth] = timer;
    } else task.deadlines[depth] = this.addTimer({ deadline: this.now + ms, scope: { task, depth } });
    task.expired[depth] = false;
  }

  deadlineExpired(path: string, depth: number): boolean {
    return this.task(path).expired[depth] === true;
  }

  removeDeadline(path: string, depth: number): void {
    const task = this.task(path);
    const timer = task.deadlines[depth];
    if (!timer) return;
    const i = this.timers.indexOf(timer);
    if (i >= 0) this.timers.splice(i, 1);
    else timer.cancelled = true; // already in the ready queue
    task.deadlines[depth] = undefined;
  }

  awaitTask(path: string, target: string): void {
    this.addWaiter(target, { task: path });
  }

  shieldTask(path: string, target: string): void {
    this.addWaiter(target, { shield: path });
    this.shieldsAttached.add(`${path}\0${target}`);
  }

  detachShield(path: string, target: string): void {
    this.shieldsAttached.delete(`${path}\0${target}`);
    const list = this.waiters.get(target);
    const i = list ? list.findIndex((w) => 'shield' in w && w.shield === path) : -1;
    if (i >= 0) list!.splice(i, 1);
  }

  forwardCancelToTask(path: string, target: string): void {
    this.cancel(target);
    this.sendTask(this.task(path), FORWARDED);
  }

  /** R1: every task not ended, in creation order, is cancelled; the run stops once they have all ended. */
  private shutDown(): void {
    const left = [...this.tasks.values()].filter((t) => t.result === undefined);
    if (left.length === 0) {
      this.stopped = true;
      return;
    }
    this.shutdownRemaining = left.length;
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: equivalent: the wake dispatch counts a waiter of no other kind as a shutdown waiter; the flag is never read
    for (const t of left) this.addWaiter(t.spec.path, { shutdownCount: true });
    for (const t of left) this.cancel(t.spec.path);
  }

  cancelChildrenWhenCallerRuns(caller: string): void {
    this.childCancelsDeferred.add(caller);
  }

  callerRuns(path: string): void {
    if (this.decidedGatherCancels.delete(path)) {
      // G6m, decided gather: MicroPython's gather cleanup runs with the CancelledError thrown in (cancel_all)
      for (const child of this.specs.get(path)!.childPaths)
        if (this.tasks.get(child)?.result === undefined) this.cancel(child);
    }
    if (!this.childCancelsDeferred.delete(path)) return;
    this.sendGather(this.gathers.get(path)!, CALLER_RUNS);
  }

  queueChildReport(caller: string, index: number): void {
    this.ready.push({ childReport: { caller, index } });
  }

  createTask(path: string): void {
    const spec = this.specs.get(path);
    // Stryker disable next-line ConditionalExpression,StringLiteral: a model-bug guard: every task path has its body in specs
    if (!spec) throw new Error(`model: no body for ${JSON.stringify(path)}`);
    const task: TaskRef = {
      spec,
      deadlines: [],
      expired: [],
      snapshot: this.pump.initial(this.machines.task, { world: this, path, program: spec.program }),
    };
    this.tasks.set(path, task);
    this.sendTask(task, { type: 'CREATE' });
  }

  /** A gather wakes its caller (G2–G6); a waiting task or shield is woken by `wakeTask`. */
  wake(path: string, received: Received): void {
    if (
      this.machines.childrenCancelledWhenCallerRuns &&
      path !== this.runningTask &&
      !this.childCancelsDeferred.has(path)
    )
      this.wokenByGather.add(path); // G6m, decided gather
    this.wakeTask(path, received);
  }

  private wakeTask(path: string, received: Received): void {
    this.sendTask(this.task(path), { type: 'WAKE', received });
  }

  cancel(path: string): void {
    const task = this.tasks.get(path);
    if (!task) return;
    // T4g-m: the running task is reached only through an await chain back to it (a self-cancel raises, T4f-m)
    if (this.machines.cancelForwardedToRunningTaskLost && path === this.runningTask) return;
    if (this.wokenByGather.delete(path)) this.decidedGatherCancels.add(path); // G6m, decided gather
    this.sendTask(task, CANCEL);
  }

  resultOf(path: string): TaskResult | undefined {
    return this.tasks.get(path)?.result;
  }

  endOrderOf(path: string): number | undefined {
    return this.tasks.get(path)?.endOrder;
  }

  // --- the loop (S1–S5, §4) -----------------------------------------------------------------------------
  private addTimer(timer: Timer): Timer {
    // S1: ordered by (deadline, order set); insert after every timer with deadline <= this one
    let lo = 0;
    let hi = this.timers.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.timers[mid]!.deadline <= timer.deadline) lo = mid + 1;
      else hi = mid;
    }
    this.timers.splice(lo, 0, timer);
    return timer;
  }

  private runEntry(entry: ReadyEntry): void {
    if ('shutdown' in entry) {
      if (this.machines.shutdownAfterTurn && this.machines.dueTimersJoinEveryTurn)
        this.shutdownDue = true; // R1c (cpython): at the end of this turn
      else this.shutDown();
      return;
    }
    if ('shieldReport' in entry) {
      // SH4: the shield's future follows the shielded task now, unless its awaiting task was cancelled meanwhile
      const { shield, target } = entry.shieldReport;
      if (this.shieldsAttached.delete(`${shield}\0${target}`))
        this.wake(shield, resultAsReceived(this.task(target).result!));
      return;
    }
    if ('deadlineTimer' in entry) {
      // TO1: the deadline marks its scope expired and cancels the task (unless the scope was left meanwhile)
      const timer = entry.deadlineTimer;
      if (timer.cancelled) return;
      const { task, depth } = timer.scope!;
      task.deadlines[depth] = undefined;
      task.expired[depth] = true;
      this.cancel(task.spec.path);
      return;
    }
    if ('cancelTarget' in entry) {
      // §4.2: a target that does not exist yet is left alone (a finished one ignores the cancel, T4)
      this.cancel(entry.cancelTarget);
      return;
    }
    if ('childReport' in entry) {
      // T5c: the gather's done callback for one child runs
      const { caller, index } = entry.childReport;
      const path = this.specs.get(caller)!.childPaths[index]!; // the argument's task
      this.sendGather(this.gathers.get(caller)!, { type: 'CHILD_ENDED', index, result: this.task(path).result! });
      return;
    }
    if ('sleepTimer' in entry) {
      // S2 variant: a sleep's timer callback wakes the task, unless a cancel removed the timer first (T4c)
      const task = entry.sleepTimer.task!;
      if (task.timer !== entry.sleepTimer) return;
      task.timer = undefined;
      this.sendTask(task, TIMER);
      return;
    }
    const task = entry.task;
    this.wokenByGather.delete(task.spec.path);
    this.runningTask = task.spec.path;
    this.sendTask(task, STEP);
    // Stryker disable next-line UpdateOperator: equivalent: runs only feeds the model-bug guard below, which never fires
    for (let runs = 0; isRunning(task.snapshot); runs++) {
      // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: a model-bug guard: every body ends or suspends within a few runs
      if (runs > MAX_RUNS_PER_STEP) throw new Error(`model: ${task.spec.path} runs without end`);
      this.sendTask(task, RUN);
    }
    this.runningTask = undefined;
  }

  /** TIE: a due timer's entry that may run at any point of this instant (an entry of another kind keeps FIFO). */
  private isDueTimerEntry(entry: ReadyEntry): boolean {
    return 'cancelTarget' in entry || 'sleepTimer' in entry || 'deadlineTimer' in entry;
  }

  /** TIE: a due timer's entry that does nothing whenever it runs (a removed sleep timer, a cancel of a finished task). */
  private isNoOp(entry: ReadyEntry): boolean {
    if ('sleepTimer' in entry) return entry.sleepTimer.task!.timer !== entry.sleepTimer;
    if ('cancelTarget' in entry) return this.tasks.get(entry.cancelTarget)?.result !== undefined;
    if ('deadlineTimer' in entry) return entry.deadlineTimer.cancelled === true;
    return false;
  }

  /** TIE: runs one entry chosen by `chooseTieOrder` among the due timers before the first other entry, and that entry. */
  private runChosenEntry(choose: (candidates: number) => number): void {
    const candidates: number[] = [];
    for (let i = this.head; i < this.ready.length; i++) {
      const entry = this.ready[i]!;
      if (!this.isDueTimerEntry(entry)) {
        candidates.push(i);
        break;
      }
      if (this.isNoOp(entry)) continue; // running it now or later is the same
      candidates.push(i);
    }
    let pick = this.head;
    if (candidates.length > 1) {
      const chosen = choose(candidates.length);
      if (!Number.isInteger(chosen) || chosen < 0 || chosen >= candidates.length)
        throw new Error(`model: tie choice ${chosen} of ${candidates.length}`);
      pick = candidates[chosen]!;
    }
    const [entry] = this.ready.splice(pick, 1);
    this.runEntry(entry!);
  }

  /** TIE: the S2 variant's loop with open equal deadlines: every entry of an instant is picked by `choose`. */
  private runWithOpenTies(choose: (candidates: number) => number): void {
    for (;;) {
      if (this.head === this.ready.length) {
        if (this.timers.length === 0) return; // S4: idle
        this.now = Math.max(this.now, this.timers[0]!.deadline);
      }
      // Every timer due at this instant joins now: timers set during the instant are due later (S3: ms > 0).
      this.appendDueTimers();
      while (this.head < this.ready.length && !this.stopped) this.runChosenEntry(choose);
      if (this.stopped) return; // R1m
    }
  }

  run(): Outcome {
    this.createTask(AWAITER); // §4.1
    // Stryker disable next-line BooleanLiteral: equivalent: a waiter's kind is read with `'shutdown' in w` / `'stopNow' in w`, never its value
    if (this.scenario.loopcheck === 2 && this.scenario.shutdown)
      this.addWaiter(AWAITER, this.machines.shutdownStopsAtOnce ? { stopNow: true } : { shutdown: true }); // R1, R1m
    for (const c of this.scenario.cancels) this.addTimer({ deadline: c.at, cancelTarget: c.target }); // §4.2
    if (
      this.chooseTieOrder !== undefined &&
      this.machines.dueTimersJoinEveryTurn &&
      !this.machines.equalDeadlinesOrdered
    ) {
      this.runWithOpenTies(this.chooseTieOrder);
      return this.outcome();
    }
    for (;;) {
      if (this.machines.dueTimersJoinEveryTurn) {
        // S2 variant (profiles.ts): each turn appends the due timers, then runs only what is queued by then
        if (this.head === this.ready.length) {
          if (this.timers.length === 0) break; // S4: idle
          this.now = Math.max(this.now, this.timers[0]!.deadline);
        }
        this.appendDueTimers();
        const turnEnd = this.ready.length;
        while (this.head < turnEnd && !this.stopped) this.runEntry(this.ready[this.head++]!);
        if (this.shutdownDue && !this.stopped) {
          this.shutdownDue = false;
          this.shutDown(); // R1c
        }
        if (this.stopped) break;
        continue;
      }
      // S2: run the ready queue until empty
      while (this.head < this.ready.length && !this.stopped) this.runEntry(this.ready[this.head++]!);
      if (this.stopped) break; // R1: every task left has ended; timers nobody waits for are dropped
      if (this.timers.length === 0) break; // S4: idle
      // S2: jump to the earliest deadline; every timer due then is appended, in the order set
      this.now = Math.max(this.now, this.timers[0]!.deadline);
      this.appendDueTimers();
    }
    return this.outcome();
  }

  /** S2: every timer due now is appended to the ready queue, in the order set (S5: a sleep's wakes its task). */
  private appendDueTimers(): void {
    while (this.timers.length > 0 && this.timers[0]!.deadline <= this.now) {
      const timer = this.timers.shift()!;
      if (timer.task && this.machines.dueTimersJoinEveryTurn) {
        this.ready.push({ sleepTimer: timer }); // the timer's callback wakes the task when it runs
      } else if (timer.task) {
        timer.task.timer = undefined;
        this.sendTask(timer.task, TIMER); // S5: the woken task appends itself
      } else if (timer.scope) {
        this.ready.push({ deadlineTimer: timer });
      } else {
        this.ready.push({ cancelTarget: timer.cancelTarget! });
      }
    }
  }

  private outcomeOf(path: string): TaskOutcome {
    const r = this.tasks.get(path)?.result;
    const at = this.tasks.get(path)?.at ?? this.now;
    if (!r) return { status: 'pending', at: this.now };
    if (r.status === 'returned') return { status: 'returned', value: r.value, at };
    if (r.status === 'raised') return { status: 'raised', error: r.error, at };
    return { status: 'cancelled', at };
  }

  private outcome(): Outcome {
    // fromEntries defines own keys: a child named `__proto__` is an entry, not the object's prototype
    const children: Record<string, TaskOutcome> = Object.fromEntries(
      this.order.map((path) => [path, this.outcomeOf(path)]),
    );
    return { awaiter: this.outcomeOf(AWAITER), children, end: this.now, trace: this.events };
  }
}

/** Runs a (validated) scenario on the model: synchronous and deterministic. */
export function simulate(scenario: AnyScenario, options: SimulateOptions = {}): Outcome {
  return new Simulation(
    scenario,
    machinesFor(scenario.profile),
    options.coverage,
    // Stryker disable next-line LogicalOperator,StringLiteral: equivalent: the compiled interpreter and xstate take the same transitions (compiled-machine.test.ts); the engine is speed only
    options.engine ?? 'compiled',
    options.chooseTieOrder,
  ).run();
}
