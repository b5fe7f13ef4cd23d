// TIE (docs/rules.md §7): every outcome a profile allows for a scenario, over the orders its loop leaves open.
import type { AnyScenario } from './scenario-types.ts';
import type { Outcome } from './outcome.ts';
import { PROFILE_CHOICES, isModelledProfile } from './profiles.ts';
import { simulate } from './simulate.ts';

/**
 * The most model runs (one per order of the equal-deadline entries) spent on one scenario. A scenario with more
 * orders is `complete: false`: 3.8 % of the micropython cases of the default generators; a comparison stops at
 * the first match, so against MicroPython 0.06 % stay uncompared (docs/conformance.md).
 */
export const MAX_TIE_ORDERS = 512;

export interface AllowedOutcomes {
  /** The distinct outcomes (traces not compared: statuses, values, `at`, `end`), the FIFO order's first. */
  outcomes: Outcome[];
  /** Model runs made (orders tried). */
  orders: number;
  /** False when the orders ran past the bound: `outcomes` are then only some of the allowed ones. */
  complete: boolean;
}

/** True when the scenario's profile leaves the order among equal deadlines open (a TIE enumeration is needed). */
export function hasOpenOrder(scenario: AnyScenario): boolean {
  return isModelledProfile(scenario.profile) && !PROFILE_CHOICES[scenario.profile].equalDeadlinesOrdered;
}

/** An outcome without its trace, as a string: equal keys, equal outcomes (key order is the model's, fixed). */
export function outcomeKey(outcome: Outcome): string {
  return JSON.stringify({ ...outcome, trace: [] });
}

/**
 * Runs the model once per order the profile allows among entries due at the same instant (depth first over the
 * choices `chooseTieOrder` is asked, the FIFO order first), until `stop` says an outcome is the one sought or
 * `maxOrders` runs were made. A profile with ordered deadlines has one order: the plain `simulate`.
 */
export function allowedOutcomes(
  scenario: AnyScenario,
  options: { maxOrders?: number; stop?: (outcome: Outcome) => boolean } = {},
): AllowedOutcomes {
  if (!hasOpenOrder(scenario)) {
    const only = simulate(scenario);
    return { outcomes: [only], orders: 1, complete: true };
  }
  const maxOrders = options.maxOrders ?? MAX_TIE_ORDERS;
  const seen = new Map<string, Outcome>();
  // The choices of the current run: [index chosen, how many there were], depth first like an odometer.
  let prefix: Array<[number, number]> = [];
  let orders = 0;
  for (;;) {
    const made: Array<[number, number]> = [];
    const outcome = simulate(scenario, {
      chooseTieOrder: (n) => {
        const depth = made.length;
        const chosen = depth < prefix.length ? prefix[depth]![0] : 0;
        made.push([chosen, n]);
        return chosen;
      },
    });
    orders++;
    const key = outcomeKey(outcome);
    if (!seen.has(key)) seen.set(key, outcome);
    if (options.stop?.(outcome)) return { outcomes: [...seen.values()], orders, complete: false };
    // next order: the last choice that has an untried alternative is advanced; the ones after it start again at 0
    let d = made.length - 1;
    while (d >= 0 && made[d]![0] + 1 >= made[d]![1]) d--;
    if (d < 0) return { outcomes: [...seen.values()], orders, complete: true };
    if (orders >= maxOrders) return { outcomes: [...seen.values()], orders, complete: false };
    prefix = made.slice(0, d);
    prefix.push([made[d]![0] + 1, made[d]![1]]);
  }
}
