// The scenario parsers every entry point uses (the library's exports, `loopcheck replay`, failure and regression
// files): the model's validation (model/scenario.ts), then the total-size limit (scenario-size.ts), refused with a
// ScenarioError at `$` like any other problem.
import type { AnyScenario, Scenario } from '../../model/scenario-types.ts';
import * as model from '../../model/scenario.ts';
import { ScenarioError } from '../../model/scenario-checker.ts';
import { scenarioSizeProblem } from './scenario-size.ts';

function sized<S extends AnyScenario>(scenario: S): S {
  const problem = scenarioSizeProblem(scenario);
  if (problem !== null) throw new ScenarioError([`$: ${problem} (scenario limits: README.md)`]);
  return scenario;
}

/** Validates untrusted JSON into a format 1 Scenario (docs/rules.md §4); ScenarioError lists every problem. */
export function parseScenario(json: unknown): Scenario {
  return sized(model.parseScenario(json));
}

/** parseScenario of JSON text (`$: not valid JSON (…)` when it is not JSON). */
export function parseScenarioText(text: string): Scenario {
  return sized(model.parseScenarioText(text));
}

/** Validates a scenario of either format (`"loopcheck": 2` is format 2, §4b). */
export function parseAnyScenario(json: unknown): AnyScenario {
  return sized(model.parseAnyScenario(json));
}

/** parseAnyScenario of JSON text. */
export function parseAnyScenarioText(text: string): AnyScenario {
  return sized(model.parseAnyScenarioText(text));
}
