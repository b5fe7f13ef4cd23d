// Property: a target's outcome (statuses, values, `at`, `end`) equals the model's under the same profile; traces are not compared.
import { NOT_APPLICABLE, type DifferentialProperty } from './property-types.ts';
import { firstDifference } from '../format/first-difference.ts';
import { hasOpenTie } from '../lib/profile-rules.ts';

export const outcomeDifferential: DifferentialProperty = {
  kind: 'differential',
  name: 'outcome-differential',
  description: 'the target\'s statuses, values, times and end equal the model\'s under the profile (traces not compared)',
  profiles: ['seed', 'cpython', 'micropython'],
  check(scenario, expected, observed) {
    // A runtime whose order among equal deadlines is open (rules.md §7) cannot be compared on such a case.
    if (hasOpenTie(scenario, expected)) return NOT_APPLICABLE;
    return firstDifference({ ...expected, trace: [] }, { ...observed, trace: [] }, `model(${scenario.profile})`, 'target');
  },
};
