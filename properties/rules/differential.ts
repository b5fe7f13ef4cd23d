// Property: a target's outcome equals the model's, event for event; a mismatch names the first differing event or field.
import type { DifferentialProperty } from './property-types.ts';
import { firstDifference } from '../format/first-difference.ts';

export const differential: DifferentialProperty = {
  kind: 'differential',
  name: 'differential',
  description: "the target's trace and outcome equal the model's, event for event",
  profiles: ['seed'],
  formats: [1, 2], // §4b: through the one walk (lib/scenario-walk.ts), or the outcomes alone
  check(_scenario, expected, observed) {
    return firstDifference(expected, observed, 'model', 'target');
  },
};
