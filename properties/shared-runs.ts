// A target run once per scenario for several checks: the first run's outcome (frozen) stands for the next.
import type { Scenario } from '../model/scenario-types.ts';
import type { Outcome } from '../model/outcome.ts';
import type { SyncRunner } from './runners.ts';
import { deepFreeze } from './arbitraries/shared-draws.ts';

/**
 * `runner`, run once per scenario: for a deterministic target (the model, the loop, a mutant without a random
 * choice) the outcome is a function of the scenario's JSON (what a replay file keeps), so the first run's stands for
 * the next — across the checks of several properties on the same drawn cases (arbitraries/shared-draws.ts), and
 * across the shrinks two checks walk alike. Frozen: a property that changed it would throw. Not for determinism,
 * whose point is to run twice; not for a target whose runs may differ.
 */
export function runOncePerScenario(runner: SyncRunner): SyncRunner {
  const byObject = new WeakMap<Scenario, Outcome>();
  const byText = new Map<string, Outcome>();
  return {
    ...runner,
    run: (s) => {
      let outcome = byObject.get(s);
      if (outcome !== undefined) return outcome;
      const text = JSON.stringify(s);
      outcome = byText.get(text);
      if (outcome === undefined) {
        outcome = deepFreeze(runner.run(s));
        byText.set(text, outcome);
      }
      byObject.set(s, outcome);
      return outcome;
    },
  };
}
