// Records the model's coverage: random scenarios from the property generators, then targeted ones for the gaps.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { emptyCoverage, modelGraph, parseScenarioText, simulate, type Coverage, type ModelGraph, type Scenario } from '../../model/index.ts';
import { PROFILES } from '../../model/scenario.ts';
import { scenarioArb } from '../../properties/arbitraries/index.ts';
import { enumerateScenarios } from '../../explore/enumerate.ts';
import { TARGETED_SCENARIOS } from './targeted-scenarios.ts';

const REGRESSIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'regressions');

export interface TargetedScenario {
  /** Where it came from: `regressions/<file>`, `targeted: <aim>`, `enumerated #n`. */
  source: string;
  scenario: Scenario;
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

function copy(coverage: Coverage): Coverage {
  return { states: new Map(coverage.states), transitions: new Map(coverage.transitions) };
}

function add(into: Coverage, from: Coverage): void {
  for (const [id, n] of from.states) into.states.set(id, (into.states.get(id) ?? 0) + n);
  for (const [id, n] of from.transitions) into.transitions.set(id, (into.transitions.get(id) ?? 0) + n);
}

function missingIds(graph: ModelGraph, coverage: Coverage): Set<string> {
  return new Set([
    ...graph.states.filter((s) => !(coverage.states.get(s.id)! > 0)).map((s) => s.id),
    ...graph.transitions.filter((t) => !(coverage.transitions.get(t.id)! > 0)).map((t) => t.id),
  ]);
}

function* corpus(): Generator<{ source: string; scenario: Scenario }> {
  if (existsSync(REGRESSIONS_DIR)) {
    for (const file of readdirSync(REGRESSIONS_DIR).filter((f) => f.endsWith('.json')).sort()) {
      yield { source: `regressions/${file}`, scenario: parseScenarioText(readFileSync(join(REGRESSIONS_DIR, file), 'utf8')) };
    }
  }
  for (const { aim, scenario } of TARGETED_SCENARIOS) yield { source: `targeted: ${aim}`, scenario };
}

/** Random scenarios in both returnExceptions modes (and every profile), then targeted ones while gaps remain. */
export function collectModelCoverage(options: CollectOptions): CollectedCoverage {
  const graph = modelGraph();
  const coverage = emptyCoverage();
  let randomScenarios = 0;
  for (const profile of PROFILES) {
    for (const returnExceptions of [false, true]) {
      const arb = scenarioArb().map((s): Scenario => ({ ...s, profile, returnExceptions }));
      for (const scenario of fc.sample(arb, { numRuns: options.runs, seed: options.seed + (returnExceptions ? 1 : 0) })) {
        simulate(scenario, { coverage });
        randomScenarios += 1;
      }
    }
  }
  const before = copy(coverage);
  const targeted: TargetedScenario[] = [];
  let missing = missingIds(graph, coverage);
  let candidates = 0;
  const budget = options.enumerationBudget ?? 5000;
  const tryScenario = (source: string, scenario: Scenario): void => {
    candidates += 1;
    const one = emptyCoverage();
    simulate(scenario, { coverage: one });
    const reached = [...missing].filter((id) => (one.states.get(id) ?? one.transitions.get(id) ?? 0) > 0);
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
    `${randomScenarios} random scenarios from the property generators (seed ${options.seed}; ${options.runs} per returnExceptions mode, profiles: ${PROFILES.join(', ')})`,
    `${targeted.length} targeted scenario(s) kept out of ${candidates} tried (regression corpus, hand-written, bounded enumeration)`,
  ];
  return { graph, before, after: coverage, targeted, randomScenarios, candidates, notes };
}
