// Property: a target's outcome (statuses, values, `at`, `end`) equals one the model allows under the same profile; traces are not compared.
import { NOT_APPLICABLE, type DifferentialProperty } from './property-types.ts';
import { hasOpenTie, modelOutcomeDifference } from '../lib/profile-rules.ts';

export const outcomeDifferential: DifferentialProperty = {
  kind: 'differential',
  name: 'outcome-differential',
  description:
    "the target's statuses, values, times and end equal the model's under the profile, in some order of equal deadlines it leaves open (traces not compared)",
  profiles: ['seed', 'cpython', 'micropython'],
  formats: [1, 2], // §4b: through the one walk (lib/scenario-walk.ts), or the outcomes alone
  check(scenario, expected, observed) {
    // TIE (rules.md §7): a case whose equal-deadline orders ran past the bound without a match is not judged.
    if (hasOpenTie(scenario, expected, observed)) return NOT_APPLICABLE;
    return modelOutcomeDifference(scenario, expected, observed);
  },
};
