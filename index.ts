// loopcheck's public surface as a library (`import { … } from 'loopcheck'`): every export is listed here, once.
// Everything else under the folders is internal and may change without notice; `loopcheck/vitest` is library/vitest.ts.

// ── The loop (impl/): coroutines are generator functions, awaited with `yield*` ──────────────────────────────

/**
 * Runs a program on a fresh event loop; resolves with `main`'s value, rejects with its exception or a
 * DeadlockError. The real clock by default; a VirtualClock makes any sleep instant and the run deterministic.
 *
 * @public
 * @example
 * ```ts
 * import { gather, run, sleepMs, VirtualClock, type Coro } from 'loopcheck';
 *
 * function* fetch(name: string, ms: number): Coro<string> {
 *   yield* sleepMs(ms);
 *   return name;
 * }
 * const results = await run(function* () {
 *   return yield* gather(fetch('a', 100), fetch('b', 200));
 * }, { clock: new VirtualClock() });   // ['a', 'b'] at virtual t = 200
 * ```
 */
export { run, type RunOptions } from './impl/index.ts';

/**
 * asyncio's `gather`: runs its arguments (tasks, coroutines, futures) concurrently and gives their results in
 * argument order; the first exception in time is raised at once and the siblings still running are cancelled;
 * `{ returnExceptions: true }` as the last argument collects every result or exception instead. `gatherAll(array,
 * options)` is the same gather over an array or other iterable, for more children than a call takes arguments
 * (V8 refuses a spread of more than ~1.2·10^5).
 *
 * @public
 * @example
 * ```ts
 * import { gather, run, sleepMs, VirtualClock, type Coro } from 'loopcheck';
 *
 * function* after(ms: number, value: string): Coro<string> {
 *   yield* sleepMs(ms);
 *   return value;
 * }
 * await run(function* () {
 *   const [a, b] = yield* gather(after(50, 'a'), after(10, 'b'));            // ['a', 'b'] at t = 50
 *   const settled = yield* gather(after(5, 'c'), { returnExceptions: true }); // ['c']
 *   return [a, b, ...settled];
 * }, { clock: new VirtualClock() });
 * ```
 */
export {
  gather,
  gatherAll,
  GatherFuture,
  type GatherArg,
  type GatherOptions,
  type GatherResults,
  type GatherSettled,
} from './impl/index.ts';

/**
 * `createTask(coro, { name })` schedules a coroutine as a Task on the running loop (it starts at the loop's
 * next turn); `currentTask()` is the task running now, or null outside the loop.
 *
 * @public
 * @example
 * ```ts
 * import { createTask, currentTask, run, sleepMs, VirtualClock } from 'loopcheck';
 *
 * await run(function* () {
 *   const child = createTask((function* () { yield* sleepMs(10); return currentTask()!.name; })(), { name: 'child' });
 *   return yield* child;   // 'child'
 * }, { clock: new VirtualClock() });
 * ```
 */
export { createTask, currentTask } from './impl/index.ts';

/**
 * Suspends the calling task: `sleepMs(ms)` in milliseconds, `sleep(seconds)` as asyncio's; 0 yields once.
 * A negative, NaN or infinite delay is a RangeError.
 *
 * @public
 * @example
 * ```ts
 * import { run, sleep, sleepMs, VirtualClock } from 'loopcheck';
 *
 * const clock = new VirtualClock();
 * await run(function* () { yield* sleepMs(250); yield* sleep(1.5); }, { clock });
 * clock.now();   // 1750
 * ```
 */
export { sleep, sleepMs } from './impl/index.ts';

/**
 * The running loop (throws NoRunningLoopError outside one), and the test for a coroutine: what a gather
 * written by hand needs (see `GatherLike`).
 *
 * @public
 * @example
 * ```ts
 * import { getRunningLoop, isCoroutine, run, VirtualClock } from 'loopcheck';
 *
 * await run(function* () {
 *   const loop = getRunningLoop();
 *   return isCoroutine((function* () {})()) && loop.now() === 0;   // true
 * }, { clock: new VirtualClock() });
 * ```
 */
export { getRunningLoop, isCoroutine } from './impl/index.ts';

/**
 * The loop's objects: Task and Future (awaitable with `yield*`), the EventLoop itself, the clocks, and the errors
 * the loop raises.
 *
 * @public
 */
export {
  Task,
  Future,
  type DoneCallback,
  EventLoop,
  type EventLoopOptions,
  type RunSyncOptions,
  type UnhandledHandler,
  type Clock,
  VirtualClock,
  RealClock,
  type TimerHandle,
  type Coro,
  type Suspension,
  CancelledError,
  DeadlockError,
  InvalidStateError,
  NoRunningLoopError,
  StepLimitError,
} from './impl/index.ts';

/**
 * The observer's events: one per task lifecycle step and per gather decision, stamped with virtual time.
 *
 * @public
 */
export type { LoopEvent, Observer, TaskEvent, TaskEventKind, GatherEvent, GatherEventKind } from './impl/index.ts';

// ── Scenarios and the model (model/) ──────────────────────────────────────────────────────────────────────

/**
 * Validates untrusted JSON (`parseScenario`) or text (`parseScenarioText`) into a Scenario with its defaults
 * filled; every problem is reported with its JSON path in a ScenarioError, the total-size limit (25,000 tasks,
 * about 500,000 trace events) at `$`.
 *
 * @public
 * @example
 * ```ts
 * import { parseScenario, ScenarioError } from 'loopcheck';
 *
 * const scenario = parseScenario({ loopcheck: 1, children: [{ name: 'a', sleeps: [100], end: { return: 1 } }] });
 * try { parseScenario({ loopcheck: 1, children: [{ name: 'a' }] }); }
 * catch (e) { if (e instanceof ScenarioError) console.log(e.problems); }
 * ```
 */
export { parseScenario, parseScenarioText } from './properties/lib/parse-scenario.ts';

/**
 * What the parsers throw (every problem with its JSON path, in `problems`) and format 1's per-gather limits.
 *
 * @public
 */
export {
  ScenarioError,
  MAX_CHILDREN,
  MAX_DELAY_MS,
  MAX_NESTING,
} from './model/index.ts';

/**
 * Runs a scenario on the model (the statecharts, the executable specification): its Outcome and trace.
 *
 * @public
 * @example
 * ```ts
 * import { parseScenario, simulate } from 'loopcheck';
 *
 * const outcome = simulate(parseScenario({ loopcheck: 1, children: [
 *   { name: 'a', sleeps: [100], end: { return: 'a' } },
 *   { name: 'b', sleeps: [200], end: { return: 'b' } },
 * ] }));
 * outcome.awaiter;   // { status: 'returned', value: ['a', 'b'], at: 200 }
 * ```
 */
export { simulate, type SimulateOptions } from './model/index.ts';

/**
 * The scenario vocabulary and the Outcome format shared by the model, the loop, replay files and conformance.
 *
 * @public
 */
export {
  type Scenario,
  type GatherNode,
  type Child,
  type LeafChild,
  type GatherChild,
  type Cancel,
  type End,
  type OnCancel,
  type Json,
  type Profile,
  AWAITER,
  PATH_SEPARATOR,
  type Outcome,
  type TaskOutcome,
  type Status,
  type TraceEvent,
  type TraceEventName,
  TRACE_EVENT_NAMES,
} from './model/index.ts';

/**
 * Whether a scenario child is itself a gather (`{ name, gather: { … } }`) rather than a leaf that sleeps and ends.
 *
 * @public
 * @example
 * ```ts
 * import { isGatherChild, parseScenario } from 'loopcheck';
 *
 * const scenario = parseScenario({ loopcheck: 1, children: [{ name: 'inner', gather: { children: [] } }] });
 * isGatherChild(scenario.children[0]!);   // true
 * ```
 */
export { isGatherChild } from './model/index.ts';

/**
 * Scenario format 2 (docs/rules.md §4b): `parseAnyScenario` reads either format (`"loopcheck": 2`: steps with
 * await, shield, cancel, create, timeout; repeated `args`; a gather's `timeoutMs`; `shutdown`); `simulate` and
 * `runOnLoop` run both.
 *
 * @public
 * @example
 * ```ts
 * import { parseAnyScenario, simulate } from 'loopcheck';
 *
 * const outcome = simulate(parseAnyScenario({ loopcheck: 2, children: [
 *   { name: 'w', steps: [{ create: { name: 'h', sleeps: [50], end: { return: 1 } } }, { timeout: 20, steps: [{ await: 'w/h' }] }] },
 * ] }));
 * outcome.children.w;   // { status: 'raised', error: 'TimeoutError', at: 20 }
 * ```
 */
export { parseAnyScenario, parseAnyScenarioText } from './properties/lib/parse-scenario.ts';

/**
 * Format 2's types, its limits and the tests that tell its children and scenarios apart.
 *
 * @public
 * @example
 * ```ts
 * import { isScenarioV2, isStepsChild, parseAnyScenario } from 'loopcheck';
 *
 * const scenario = parseAnyScenario({ loopcheck: 2, children: [{ name: 'w', steps: [{ sleep: 1 }] }] });
 * isScenarioV2(scenario) && isStepsChild(scenario.children[0]!);   // true
 * ```
 */
export {
  isStepsChild,
  isScenarioV2,
  MAX_STEPS,
  MAX_TASKS,
  MAX_ARGS,
  MAX_TIMEOUT_NESTING,
  type AnyScenario,
  type ScenarioV2,
  type GatherNodeV2,
  type GatherChildV2,
  type ChildV2,
  type StepsChild,
  type CreatedChild,
  type Step,
} from './model/index.ts';

// ── Generators, properties, the checker (properties/) ─────────────────────────────────────────────────────

/**
 * The scenario arbitraries (fast-check), one per file: `scenarioArb(options)` draws whole scenarios; the
 * others draw their parts (delays, ends, onCancel, children, gather nodes, cancels).
 *
 * @public
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { scenarioArb, simulate } from 'loopcheck';
 *
 * fc.assert(fc.property(scenarioArb(), (scenario) => simulate(scenario).awaiter.status !== 'pending'));
 * ```
 */
export * from './properties/arbitraries/index.ts';

/**
 * The property registry: every property (name, one-line description, kind, profiles) in report order;
 * `findProperty(name)`, `propertiesFor(profile)`.
 *
 * @public
 * @example
 * ```ts
 * import { findProperty, propertiesFor } from 'loopcheck';
 *
 * const order = findProperty('order-preservation');
 * const names = propertiesFor('seed').map((p) => p.name);
 * ```
 */
export {
  PROPERTIES,
  findProperty,
  propertiesFor,
  type PropertySpec,
  type OutcomeProperty,
  type DeterminismProperty,
  type DifferentialProperty,
  type Verdict,
  type ScenarioFormat,
} from './properties/index.ts';

/**
 * Checks one property on one target with fast-check: runs, shrinks, and on failure returns the shrunk scenario,
 * seed and path and writes a replay file to `./reports/out/failures/` (under the current directory).
 * `describeFailure(result)` is the printable report.
 *
 * @public
 * @example
 * ```ts
 * import { checkProperty, describeFailure, findProperty, implRunner } from 'loopcheck';
 *
 * const result = await checkProperty(findProperty('max-not-sum')!, implRunner, { runs: 200, seed: 42 });
 * if (result.status === 'failed') console.error(describeFailure(result));
 * ```
 */
export {
  checkProperty,
  checkPropertySync,
  describeFailure,
  type CheckOptions,
  type CheckResult,
  type FailureRecord,
} from './properties/index.ts';

/**
 * Checks a property and throws a PropertyFailure whose message is the replay recipe when it fails: the body of
 * `loopcheckTest`, for any test runner.
 *
 * @public
 * @example
 * ```ts
 * import { test } from 'node:test';
 * import { assertProperty, implRunner } from 'loopcheck';
 *
 * test('the loop keeps argument order', () => assertProperty('order-preservation', implRunner));
 * ```
 */
export { assertProperty, PropertyFailure, type AssertPropertyOptions } from './library/assert-property.ts';

/**
 * The runners properties run on: the model and the loop (synchronous), `runnerFromTarget(target)` for a batch
 * Target (a real runtime, a user's adapter).
 *
 * @public
 * @example
 * ```ts
 * import { implRunner, modelRunner, parseScenario } from 'loopcheck';
 *
 * const scenario = parseScenario({ loopcheck: 1, children: [{ name: 'a', sleeps: [5], end: { raise: 'OSError' } }] });
 * modelRunner.run(scenario).awaiter.error === implRunner.run(scenario).awaiter.error;   // true: 'OSError'
 * ```
 */
export {
  modelRunner,
  implRunner,
  runnerFromTarget,
  type Runner,
  type SyncRunner,
  type AsyncRunner,
} from './properties/index.ts';

/**
 * The built-in runners by command-line name (`model`, `impl`), and the judgement of one scenario: the
 * property's violation (null when it holds) with the outcomes it compared. What `replay --emit-test` writes.
 *
 * @public
 * @example
 * ```ts
 * import { BUILTIN_RUNNERS, evaluateSync, findProperty, modelRunner, parseScenario } from 'loopcheck';
 *
 * const scenario = parseScenario({ loopcheck: 1, children: [{ name: 'a', sleeps: [1], end: { return: 1 } }] });
 * evaluateSync(findProperty('differential')!, scenario, BUILTIN_RUNNERS.get('impl')!, modelRunner).violation;   // null
 * ```
 */
export { BUILTIN_RUNNERS, evaluateSync, type Evaluation } from './properties/index.ts';

/**
 * Judges a failure file's property on its recorded target again (what `loopcheck replay FILE` and the tests
 * `replay --emit-test` writes do): `evaluation.violation` is null once the bug is fixed. Targets other than the
 * model, the loop and its mutants need `registerConformanceTargets()` first (and `closeOpenedTargets()` after).
 *
 * @public
 * @example
 * ```ts
 * import { parseScenario, rejudgeFailure } from 'loopcheck';
 *
 * const scenario = parseScenario({ loopcheck: 1, children: [{ name: 'a', sleeps: [1], end: { return: 1 } }] });
 * const { evaluation } = await rejudgeFailure({ property: 'order-preservation', target: 'impl', targetSpec: 'impl', profile: 'seed', scenario });
 * evaluation.violation;   // null
 * ```
 */
export { rejudgeFailure, type Judgeable, type Rejudgement } from './properties/index.ts';

/**
 * Makes the conformance targets (cpython, micropython, promise-all, …, adapters by path) known to the runners,
 * and closes the processes they opened.
 *
 * @public
 * @example
 * ```ts
 * import { closeOpenedTargets, registerConformanceTargets } from 'loopcheck';
 *
 * registerConformanceTargets();
 * // … rejudgeFailure({ …, targetSpec: 'cpython' }) …
 * await closeOpenedTargets();
 * ```
 */
export { closeOpenedTargets, registerConformanceTargets } from './conformance/register.ts';

/**
 * Runs one scenario on loopcheck's loop and builds its Outcome from the loop's events; `options.gather` replaces
 * the loop's gather (`implGather`) with one of your own, a `GatherLike`.
 *
 * @public
 * @example
 * ```ts
 * import { implGather, parseScenario, runOnLoop } from 'loopcheck';
 *
 * const scenario = parseScenario({ loopcheck: 1, children: [{ name: 'a', sleeps: [1], end: { return: 1 } }] });
 * runOnLoop(scenario, { gather: implGather }).awaiter;   // { status: 'returned', value: [1], at: 1 }
 * ```
 */
export { runOnLoop, implGather, type GatherLike, type RunOnLoopOptions } from './properties/run-on-loop.ts';

/**
 * A gather of your own, written on loopcheck's loop, as a target the properties run on:
 * `gatherRunner(name, gather)`, for `checkProperty`, `assertProperty` or `loopcheckTest`.
 *
 * @public
 * @example
 * ```ts
 * import { assertProperty, gatherRunner } from 'loopcheck';
 * import { myGather } from './my-gather.ts';   // a GatherLike: (args, { returnExceptions }) => a Future or a coroutine
 *
 * await assertProperty('order-preservation', gatherRunner('my-gather', myGather()));
 * ```
 */
export { gatherRunner, type GatherRunnerOptions } from './library/gather-runner.ts';

/**
 * A scenario run as JavaScript (rules.md §4: lazy children, FIFO task steps, @sinonjs/fake-timers), with `combine`
 * playing gather: the way to check a Promise combinator of your own. A whole adapter is a Target around it.
 *
 * @public
 * @example
 * ```ts
 * import { assertProperty, runJsScenario, type Target, type TargetResult } from 'loopcheck';
 *
 * const mine: Target = {
 *   name: 'my-all', description: 'my Promise combinator', profile: 'promise-all',
 *   async run(scenarios) {
 *     const results: TargetResult[] = [];
 *     for (const s of scenarios) results.push({ ok: true, outcome: await runJsScenario(s, (children) => Promise.all(children.map((c) => c.promise))) });
 *     return results;
 *   },
 * };
 * await assertProperty('order-preservation', { ...mine, profile: 'seed' });
 * ```
 */
export {
  runJsScenario,
  CancelledError as JsCancelledError,
  type Combine,
  type ChildHandle,
  type CombineOptions,
} from './conformance/targets/js-program.ts';

/**
 * A conformance target by name (`cpython`, `cpython-taskgroup`, `micropython`, `promise-all`,
 * `promise-allsettled`, `uvloop`, `trio`, `anyio`, `effection`) or a path to an adapter module; `close()` it when done
 * (the Python ones keep a process, and an adapter module runs in its own child process, its output in
 * `reports/out/adapters/` or `{ logDir }`).
 *
 * @public
 * @example
 * ```ts
 * import { assertProperty, loadTarget } from 'loopcheck';
 *
 * const cpython = await loadTarget('cpython');   // needs python3 ≥ 3.11
 * try { await assertProperty('order-preservation', cpython, { runs: 50 }); } finally { await cpython.close?.(); }
 * ```
 */
export { loadTarget } from './conformance/targets/index.ts';

/**
 * What any event loop must provide to be checked (conformance targets, user adapters): run a batch of
 * scenarios, report an Outcome (or why not) for each.
 *
 * @public
 */
export type { Target, TargetResult } from './properties/target.ts';
