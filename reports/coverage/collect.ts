// Records the model's coverage (states, transitions, guard outcomes, transition pairs): random scenarios from the
// property generators, then targeted ones for what is still reachable and unreached.
import { readdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { readReplayFile } from '../../properties/failure-file.ts';
import {
  emptyCoverage,
  modelGraph,
  simulate,
  unreachableReason,
  type AnyScenario,
  type Coverage,
  type ModelGraph,
  type Scenario,
} from '../../model/index.ts';
import { PROFILES } from '../../model/scenario.ts';
import { scenarioArb } from '../../properties/arbitraries/index.ts';
import { enumerateScenarios } from '../../explore/enumerate.ts';
import { format2ScenarioArb } from '../../properties/arbitraries/format2-scenario.ts';
import { FORMAT2_TARGETED_SCENARIOS, TARGETED_SCENARIOS } from './targeted-scenarios.ts';

const REGRESSIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'regressions');

export interface TargetedScenario {
  /** Where it came from: `regressions/<file>`, `targeted: <aim>`, `enumerated #n`. */
  source: string;
  scenario: AnyScenario;
  /** The ids it reached that nothing before it had. */
  reached: string[];
}

export interface CollectedCoverage {
  graph: ModelGraph;
  /** After the random scenarios only. */
  before: Coverage;
  /** After the targeted scenarios too. */
  after: Coverage;
  targeted: TargetedScenario[];
  randomScenarios: number;
  /** How many candidate targeted scenarios were simulated. */
  candidates: number;
  notes: string[];
}

export interface CollectOptions {
  /** Random scenarios per returnExceptions mode and profile. */
  runs: number;
  seed: number;
  /** Most enumerated scenarios tried while something is still unreached. */
  enumerationBudget?: number;
}

const KINDS = ['states', 'transitions', 'guards', 'pairs'] as const;

function copy(coverage: Coverage): Coverage {
  const out = emptyCoverage();
  add(out, coverage);
  return out;
}

function add(into: Coverage, from: Coverage): void {
  for (const kind of KINDS) {
    const target = into[kind];
    if (target === undefined) continue;
    for (const [id, n] of from[kind] ?? []) target.set(id, (target.get(id) ?? 0) + n);
  }
}

function hits(coverage: Coverage, id: string): number {
  for (const kind of KINDS) {
    const n = coverage[kind]?.get(id);
    if (n !== undefined) return n;
  }
  return 0;
}

/** What is listed, not reached, and not known to be unreachable (coverage-unreachable.ts). */
function missingIds(graph: ModelGraph, coverage: Coverage): Set<string> {
  const listed = [...graph.states, ...graph.transitions, ...(graph.guards ?? []), ...(graph.pairs ?? [])];
  return new Set(
    listed.map((item) => item.id).filter((id) => hits(coverage, id) === 0 && unreachableReason(id) === undefined),
  );
}

function* corpus(): Generator<{ source: string; scenario: AnyScenario }> {
  if (existsSync(REGRESSIONS_DIR)) {
    for (const file of readdirSync(REGRESSIONS_DIR)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      yield { source: `regressions/${file}`, scenario: readReplayFile(join(REGRESSIONS_DIR, file)).scenario };
    }
  }
  for (const { aim, scenario } of TARGETED_SCENARIOS) yield { source: `targeted: ${aim}`, scenario };
  for (const { aim, scenario } of FORMAT2_TARGETED_SCENARIOS) yield { source: `targeted: ${aim}`, scenario };
}

/** Random scenarios in both returnExceptions modes (and every profile), then targeted ones while gaps remain. */
export function collectModelCoverage(options: CollectOptions): CollectedCoverage {
  const graph = modelGraph();
  const coverage = emptyCoverage();
  let randomScenarios = 0;
  for (const profile of PROFILES) {
    for (const returnExceptions of [false, true]) {
      const arb = scenarioArb().map((s): Scenario => ({ ...s, profile, returnExceptions }));
      for (const scenario of fc.sample(arb, {
        numRuns: options.runs,
        seed: options.seed + (returnExceptions ? 1 : 0),
      })) {
        simulate(scenario, { coverage });
        randomScenarios += 1;
      }
    }
  }
  // format 2 (seed only, docs/rules.md §4b)
  for (const scenario of fc.sample(format2ScenarioArb, { numRuns: options.runs, seed: options.seed })) {
    simulate(scenario, { coverage });
    randomScenarios += 1;
  }
  const before = copy(coverage);
  const targeted: TargetedScenario[] = [];
  let missing = missingIds(graph, coverage);
  let candidates = 0;
  const budget = options.enumerationBudget ?? 5000;
  const tryScenario = (source: string, scenario: AnyScenario): void => {
    candidates += 1;
    const one = emptyCoverage();
    simulate(scenario, { coverage: one });
    const reached = [...missing].filter((id) => hits(one, id) > 0);
    if (reached.length > 0) {
      add(coverage, one);
      targeted.push({ source, scenario, reached });
      missing = missingIds(graph, coverage);
    }
  };
  if (missing.size > 0) {
    for (const { source, scenario } of corpus()) {
      if (missing.size === 0) break;
      tryScenario(source, scenario);
    }
  }
  if (missing.size > 0) {
    let n = 0;
    for (const scenario of enumerateScenarios()) {
      if (missing.size === 0 || n >= budget) break;
      n += 1;
      tryScenario(`enumerated #${n}`, scenario);
    }
  }
  const notes = [
    `${randomScenarios} random scenarios from the property generators (seed ${options.seed}; ${options.runs} per returnExceptions mode, profiles: ${PROFILES.join(', ')}; ${options.runs} of format 2, seed)`,
    `${targeted.length} targeted scenario(s) kept out of ${candidates} tried (regression corpus, hand-written, bounded enumeration)`,
  ];
  return { graph, before, after: coverage, targeted, randomScenarios, candidates, notes };
}
