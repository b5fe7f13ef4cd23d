// Runs a scenario as a program on the production loop (docs/rules.md §4) and builds its Outcome from the loop's events.
import {
  CancelledError,
  type Coro,
  createTask,
  EventLoop,
  Future,
  gather,
  type GatherArg,
  type LoopEvent,
  shield,
  sleepMs,
  StepLimitError,
  type Task,
  timeout,
  VirtualClock,
} from '../impl/index.ts';
import { errorValue, type Outcome, type TaskOutcome, type TraceEvent, type TraceEventName } from '../model/outcome.ts';
import {
  AWAITER,
  type AnyScenario,
  type ChildV2,
  type CreatedChild,
  type GatherNodeV2,
  isStepsChild,
  type Json,
  type LeafChild,
  type OnCancel,
  PATH_SEPARATOR,
  type Scenario,
  type Step,
} from '../model/scenario-types.ts';
import { scenarioTaskPaths } from '../model/scenario-paths.ts';
import type { Target, TargetResult } from './target.ts';

/**
 * A gather written on impl's public API (impl's own, or a deliberately broken "mutant"): receives the arguments
 * in order (existing tasks and coroutines) and returns something to `yield*` that gives the list of results.
 */
export type GatherLike = (
  aws: readonly GatherArg[],
  options: { returnExceptions: boolean },
) => Coro<unknown[]> | Future<unknown[]>;

export interface RunOnLoopOptions {
  /** Substitute gather (default: impl's). */
  gather?: GatherLike;
  /** Step budget before giving up with StepLimitError (default 1e6): a broken gather must not hang the harness. */
  maxSteps?: number;
}

/** An exception no task retrieved (recorded instead of printed). */
export interface UnhandledRecord {
  task: string | null;
  error: string;
}

export const implGather: GatherLike = (aws, options) => gather(...aws, options);

/** The scenario's error: an Error whose `name` is the scenario's error name. */
export class ScenarioRaisedError extends Error {
  constructor(name: string) {
    super(`${name} raised by the scenario`);
    this.name = name;
  }
}

/** Runs the scenario on a fresh virtual-clock loop; returns its Outcome and the unhandled exceptions it recorded. */
export function runOnLoopDetailed(
  scenario: AnyScenario,
  options: RunOnLoopOptions = {},
): { outcome: Outcome; unhandled: UnhandledRecord[] } {
  const gatherFn = options.gather ?? implGather;
  const pathOfCoro = new WeakMap<object, string>(); // every body we create, by path: names wrapped tasks too
  const taskByPath = new Map<string, Task<unknown>>();
  const bodies: RunBodies = { gatherFn, pathOfCoro, taskByPath };
  const finalAt = new Map<string, number>();
  const trace: TraceEvent[] = [];
  const unhandled: UnhandledRecord[] = [];

  const nameOf = (task: Task<unknown>): string => pathOfCoro.get(task.getCoro()) ?? task.name;
  const observer = (e: LoopEvent): void => {
    const name = nameOf(e.task);
    const event = (e.kind.startsWith('task-') ? e.kind.slice(5) : e.kind) as TraceEventName;
    trace.push({ at: e.at, task: name, event });
    if (event === 'created' && !taskByPath.has(name)) taskByPath.set(name, e.task);
    if (event === 'returned' || event === 'raised' || event === 'cancelled') finalAt.set(name, e.at);
  };
  const loop = new EventLoop({
    clock: new VirtualClock(),
    observer,
    onUnhandled: (error, task) =>
      unhandled.push({ task: task === null ? null : nameOf(task), error: errorName(error) }),
  });

  const awaiterBody = gatherBody(bodies, scenario as GatherNodeV2, null);
  pathOfCoro.set(awaiterBody, AWAITER);
  const awaiter = loop.createTask(awaiterBody, { name: AWAITER });
  awaiter.addDoneCallback((t) => t.exception()); // the outcome reads it: not "unhandled"
  if (scenario.loopcheck === 2 && scenario.shutdown) shutDownAfter(loop, awaiter);
  for (const cancel of scenario.cancels) {
    loop.callLater(cancel.at, () => {
      const target = taskByPath.get(cancel.target);
      if (target !== undefined && !target.done()) target.cancel();
    });
  }
  loop.runSync({ maxSteps: options.maxSteps ?? 1_000_000 });

  const end = loop.now();
  const outcomeOf = (task: Task<unknown> | undefined, path: string): TaskOutcome => {
    if (task === undefined || !task.done()) return { status: 'pending', at: end };
    const at = finalAt.get(path) ?? end;
    if (task.cancelled()) return { status: 'cancelled', at };
    if (task.failed()) return { status: 'raised', error: errorName(task.exception()), at };
    return { status: 'returned', value: toJson(task.result()), at };
  };
  // own keys, even `__proto__`
  const children: Record<string, TaskOutcome> = Object.fromEntries(
    scenarioTaskPaths(scenario).map((path) => [path, outcomeOf(taskByPath.get(path), path)]),
  );
  return { outcome: { awaiter: outcomeOf(awaiter, AWAITER), children, end, trace }, unhandled };
}

/** Runs the scenario on the production loop (virtual clock, synchronous) and returns its Outcome. */
export function runOnLoop(scenario: AnyScenario, options: RunOnLoopOptions = {}): Outcome {
  return runOnLoopDetailed(scenario, options).outcome;
}

/** The loop as a Target (`impl`, profile `seed`). `timeoutMs` is not measured: a step budget stops runaway cases. */
export const loopTarget: Target = {
  name: 'impl',
  description: 'the production loop (impl/) on a virtual clock',
  profile: 'seed',
  async run(scenarios: Scenario[]): Promise<TargetResult[]> {
    return scenarios.map((scenario): TargetResult => {
      try {
        return { ok: true, outcome: runOnLoop(scenario) };
      } catch (error) {
        const kind = error instanceof StepLimitError ? 'timeout' : 'crash';
        return { ok: false, kind, error: error instanceof Error ? error.message : String(error) };
      }
    });
  },
};

/**
 * What a run's bodies share: the gather they call, the path of every body made (it names wrapped tasks too) and the
 * tasks created so far, by path.
 *
 * The bodies are module-level generator functions handed this state, not generators nested in runOnLoopDetailed:
 * V8 (Node 20) gives a generator function, once called, an initial map in old space that points back to the function,
 * and so to its scope. A nested one is a new function per run, so every run (its loop, tasks and trace, everything its
 * scope reached) stayed reachable from old space until the next mark-compact, and each scavenge promoted it: explore
 * N = 3's 171,684 loop runs, in one thread, promoted 1,063 MB and spent 3.8 of 7.8 s CPU in GC; now 0.1 MB, 0.05 of
 * 2.6 s (measured 2026-11-30, branch explore-gc). Keep generator functions (and constructors) out of per-run closures.
 */
interface RunBodies {
  readonly gatherFn: GatherLike;
  readonly pathOfCoro: WeakMap<object, string>;
  readonly taskByPath: Map<string, Task<unknown>>;
}

function* gatherBody(run: RunBodies, node: GatherNodeV2, prefix: string | null): Coro<unknown[]> {
  const byName = new Map<string, GatherArg>();
  for (const child of node.children) {
    const path = prefix === null ? child.name : prefix + PATH_SEPARATOR + child.name;
    const body = bodyOf(run, child, path);
    run.pathOfCoro.set(body, path);
    byName.set(child.name, child.task === true ? createTask(body, { name: path }) : body);
  }
  // §4b: `args` may repeat a name (the same task, or the same coroutine: wrapped once, G1a) or leave a task out
  const args = (node.args ?? node.children.map((c) => c.name)).map((name) => byName.get(name)!);
  if (node.gatherAfter !== undefined) yield* sleepMs(node.gatherAfter);
  const gathered = run.gatherFn(args, { returnExceptions: node.returnExceptions });
  if (node.timeoutMs !== undefined) return yield* timeout(node.timeoutMs, gathered); // TO1–TO4
  return yield* gathered;
}

function bodyOf(run: RunBodies, child: ChildV2 | CreatedChild, path: string): Coro<unknown> {
  const body: Coro<unknown> =
    'gather' in child
      ? gatherBody(run, child.gather, path)
      : isStepsChild(child)
        ? stepsBody(run, child.steps, path)
        : leafBody(child as LeafChild);
  return child.onCancel === undefined || child.onCancel === 'propagate' ? body : withOnCancel(body, child.onCancel);
}

function taskAt(run: RunBodies, path: string): Task<unknown> {
  const task = run.taskByPath.get(path);
  if (task === undefined)
    throw new Error(`runner: no task ${JSON.stringify(path)} yet (the validator should have refused this)`);
  return task;
}

/** §4b: a steps body; returns its current value (the last await, shield or timeout), null if none. */
function* stepsBody(run: RunBodies, steps: readonly Step[], path: string): Coro<unknown> {
  let current: unknown = null;
  for (const step of steps) {
    if (step === 'hang') return yield* new Future<never>();
    if ('sleep' in step) yield* sleepMs(step.sleep);
    else if ('await' in step) current = yield* taskAt(run, step.await);
    else if ('shield' in step)
      current = yield* shield(taskAt(run, step.shield)); // SH1–SH3
    else if ('cancel' in step)
      run.taskByPath.get(step.cancel)?.cancel(); // T4, T4f; not created yet: nothing
    else if ('create' in step) {
      const created = path + PATH_SEPARATOR + step.create.name;
      const body = bodyOf(run, step.create, created);
      run.pathOfCoro.set(body, created);
      createTask(body, { name: created });
    } else if ('timeout' in step)
      current = yield* timeout(step.timeout, stepsBody(run, step.steps, path)); // TO1–TO4
    else if ('return' in step) return step.return;
    else throw new ScenarioRaisedError(step.raise);
  }
  return current;
}

/**
 * R1, as impl/run.ts does it for `run(main)`: when the awaiter ends, after the steps already queued, every task not
 * done is cancelled in creation order, and the loop stops once they have all ended (timers left are dropped).
 */
function shutDownAfter(loop: EventLoop, awaiter: Task<unknown>): void {
  const stopped = new Future<void>();
  loop._stopOn = stopped;
  awaiter.addDoneCallback(() =>
    loop._callSoon(() => {
      const left = loop.allTasks();
      let remaining = left.length;
      if (remaining === 0) return stopped.setResult(undefined);
      const ended = (): void => {
        if (--remaining === 0) stopped.setResult(undefined);
      };
      for (const t of left) t.addDoneCallback(ended);
      for (const t of left) t.cancel();
    }),
  );
}

function* leafBody(child: LeafChild): Coro<Json> {
  for (const ms of child.sleeps) yield* sleepMs(ms);
  const end = child.end;
  if (end === 'hang') return yield* new Future<never>(); // wait forever (until cancelled)
  if ('return' in end) return end.return;
  throw new ScenarioRaisedError(end.raise);
}

function* withOnCancel(body: Coro<unknown>, onCancel: Exclude<OnCancel, 'propagate'>): Coro<unknown> {
  try {
    return yield* body;
  } catch (error) {
    if (!(error instanceof CancelledError)) throw error;
    if ('cleanupMs' in onCancel) {
      yield* sleepMs(onCancel.cleanupMs);
      throw error;
    }
    return onCancel.swallow;
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : String(error);
}

/** Results as JSON: exceptions inside a value (return_exceptions entries) become `{ error: Name }`. */
function toJson(value: unknown): Json {
  if (value instanceof Error) return errorValue(value.name);
  if (Array.isArray(value)) return value.map(toJson);
  return value as Json;
}
