// Property: the same scenario run twice on the same target gives byte-identical outcomes and traces.
import type { DeterminismProperty } from './property-types.ts';
import { firstDifference } from '../format/first-difference.ts';

export const determinism: DeterminismProperty = {
  kind: 'determinism',
  name: 'determinism',
  description: 'the same scenario twice gives byte-identical traces and outcomes',
  profiles: ['seed', 'cpython', 'micropython'],
  formats: [1, 2], // §4b: through the one walk (lib/scenario-walk.ts), or the outcomes alone
  check(_scenario, first, second) {
    if (JSON.stringify(first) === JSON.stringify(second) && firstDifference(first, second) === null) return null; // text alone writes an empty slot as null
    const where = firstDifference(first, second, 'first run', 'second run') ?? 'same content, different key order';
    return `two runs differ: ${where}`;
  },
};
