// Exhaustive bounded exploration: every enumerated scenario on the model and the loop, every property on both and
// the differential, once per distinct trace; the result is a certificate, and a counterexample becomes a replay file.
import { join } from 'node:path';
import type { Outcome } from '../model/outcome.ts';
import type { Scenario } from '../model/scenario-types.ts';
import { DEFAULT_FAILURES_DIR, type FailureRecord, writeFailureFile } from '../properties/failure-file.ts';
import { propertiesFor } from '../properties/rules/index.ts';
import type { PropertySpec } from '../properties/rules/property-types.ts';
import { implRunner, modelRunner, type SyncRunner } from '../properties/runners.ts';
import { judge } from '../properties/evaluate.ts';
import { EngagementTally } from '../properties/engagement.ts';
import { traceHash } from './canonical.ts';
import { DEFAULT_BOUND, enumerateScenarios, leafAlternatives } from './enumerate.ts';
import { Reducer, summarise } from './reduction.ts';

/** Where explore writes its replay files (a folder of the failures folder `loopcheck check` uses). */
export const EXPLORE_FAILURES_DIR = join(DEFAULT_FAILURES_DIR, 'explore');
/** The pseudo-property under which a target that throws is reported. */
export const CRASH = 'crash';

export interface ExploreOptions {
  /** Most children per scenario (default 3). */
  bound?: number;
  /** The reference (default: the model). */
  model?: SyncRunner;
  /** The loop side (default: impl; a mutant runner to see explore catch it). */
  loop?: SyncRunner;
  /** Go on after the first failure and report the first failure of every property × target. */
  allFailures?: boolean;
  /** Where replay files go (default EXPLORE_FAILURES_DIR); null writes none. */
  failuresDir?: string | null;
  /** The scenarios (default: enumerateScenarios(bound)). */
  scenarios?: Iterable<Scenario>;
  /** Skip scenarios provably equal to one already run (default true; see reduction.ts). */
  reduce?: boolean;
  /** Called every PROGRESS_EVERY scenarios with the count so far. */
  onProgress?: (scenarios: number) => void;
}

export const PROGRESS_EVERY = 2_000;

export interface PropertyResult {
  name: string;
  held: boolean;
  /** Checks made: one per distinct case and target (the differential: one per distinct case). */
  checked: number;
  /** Of those, the checks that reached the property's comparison (properties/engagement.ts). */
  engaged: number;
}

export interface ExploreFailure {
  property: string;
  target: string;
  message: string;
  /** 0-based position of the scenario in the enumeration. */
  case: number;
  scenario: Scenario;
  /** The replay file written, if any. */
  file?: string;
}

export interface Certificate {
  bound: number;
  /** Scenarios enumerated (and covered: run, or proved equal to one that was). */
  scenarios: number;
  /** Distinct normalised model traces among them: the cases every property was checked on. */
  distinctTraces: number;
  /** Scenarios not run because the reduction proved their run equal to an earlier one. */
  reduced: number;
  /** Model runs made to find the distinct traces (not counting determinism's second runs). */
  modelRuns: number;
  /** The loop side's name: `impl`, or `mutant:<name>`. */
  loop: string;
  properties: PropertyResult[];
  timeMs: number;
  /** False when exploration stopped at the first failure before the end. */
  complete: boolean;
  failures: ExploreFailure[];
}

interface Tally {
  spec: { name: string };
  held: boolean;
  count: EngagementTally;
}

/** Runs `runner`, turning an exception into a one-line message. */
function attempt(runner: SyncRunner, scenario: Scenario): Outcome | string {
  try {
    return runner.run(scenario);
  } catch (e) {
    return `${runner.name} crashed: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`;
  }
}

/**
 * Explores every scenario of the stream (default: up to `bound` children). Error stack traces are switched off while
 * it runs: both sides create an exception per cancelled or raising task, only messages are reported, and capturing
 * stacks was a tenth of the time.
 */
export function explore(options: ExploreOptions = {}): Certificate {
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return exploreStream(options);
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

function exploreStream(options: ExploreOptions): Certificate {
  const started = performance.now();
  const bound = options.bound ?? DEFAULT_BOUND;
  const model = options.model ?? modelRunner;
  const loop = options.loop ?? implRunner;
  const failuresDir = options.failuresDir === undefined ? EXPLORE_FAILURES_DIR : options.failuresDir;
  const reducer = options.reduce === false ? undefined : new Reducer(leafAlternatives);
  const seen = new Set<string>();
  const specs: PropertySpec[] = propertiesFor('seed');
  const tallies = new Map<string, Tally>(specs.map((p) => [p.name, { spec: p, held: true, count: new EngagementTally() }]));
  const failures: ExploreFailure[] = [];
  const reported = new Set<string>();
  let scenarios = 0;
  let reduced = 0;
  let modelRuns = 0;
  let stopped = false;

  const fail = (index: number, scenario: Scenario, property: string, target: string, message: string, observed: Outcome | null, expected?: Outcome): void => {
    const tally = tallies.get(property);
    if (tally) tally.held = false;
    const key = `${property}\u0000${target}`;
    if (reported.has(key)) return;
    reported.add(key);
    const failure: ExploreFailure = { property, target, message, case: index, scenario };
    if (failuresDir !== null) {
      const record: FailureRecord = {
        loopcheck: 1,
        kind: 'failure',
        property,
        target,
        profile: scenario.profile,
        seed: 0,
        path: `explore --children ${bound}, case ${index}`,
        scenario,
        message,
        observed,
      };
      if (expected !== undefined) record.expected = expected;
      failure.file = writeFailureFile(record, failuresDir);
    }
    failures.push(failure);
    if (options.allFailures !== true) stopped = true;
  };

  const check = (spec: PropertySpec, scenario: Scenario, observed: Outcome, other?: Outcome): string | null => {
    const j = judge(spec, scenario, observed, other);
    tallies.get(spec.name)!.count.record(j);
    return j.violation;
  };

  let index = -1;
  for (const scenario of options.scenarios ?? enumerateScenarios(bound)) {
    index++;
    scenarios++;
    if (options.onProgress !== undefined && scenarios % PROGRESS_EVERY === 0) options.onProgress(scenarios);
    const equal = reducer?.equivalent(scenario);
    if (equal !== undefined) {
      reducer!.remember(scenario, equal);
      reduced++;
      continue;
    }
    modelRuns++;
    const expected = attempt(model, scenario);
    if (typeof expected === 'string') {
      fail(index, scenario, CRASH, model.name, expected, null);
      if (stopped) break;
      continue;
    }
    const hash = traceHash(scenario, expected);
    reducer?.remember(scenario, summarise(expected, hash));
    if (seen.has(hash)) continue;
    seen.add(hash);

    const observed = attempt(loop, scenario);
    if (typeof observed === 'string') fail(index, scenario, CRASH, loop.name, observed, null, expected);
    const targets: Array<[SyncRunner, Outcome]> = [[model, expected]];
    if (typeof observed !== 'string') targets.push([loop, observed]);
    for (const spec of specs) {
      if (stopped) break;
      if (spec.kind === 'outcome') {
        for (const [runner, outcome] of targets) {
          const v = check(spec, scenario, outcome);
          if (v !== null) fail(index, scenario, spec.name, runner.name, v, outcome, runner === loop ? expected : undefined);
          if (stopped) break;
        }
      } else if (spec.kind === 'determinism') {
        for (const [runner, outcome] of targets) {
          const again = attempt(runner, scenario);
          const v = typeof again === 'string' ? again : check(spec, scenario, outcome, again);
          if (v !== null) fail(index, scenario, spec.name, runner.name, v, typeof again === 'string' ? null : again, outcome);
          if (stopped) break;
        }
      } else if (typeof observed !== 'string') {
        const v = check(spec, scenario, observed, expected);
        if (v !== null) fail(index, scenario, spec.name, loop.name, v, observed, expected);
      }
    }
    if (stopped) break;
  }

  return {
    bound,
    scenarios,
    distinctTraces: seen.size,
    reduced,
    modelRuns,
    loop: loop.name,
    properties: [...tallies.values()].map((t) => ({ name: t.spec.name, held: t.held, checked: t.count.cases, engaged: t.count.engaged })),
    timeMs: Math.round(performance.now() - started),
    complete: !stopped,
    failures,
  };
}
