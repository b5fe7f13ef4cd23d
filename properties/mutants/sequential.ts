// Mutant: coroutine children run one after another (sum, not max).
import type { Mutant } from './mutant.ts';
import { brokenGather } from './broken-gather.ts';

export const sequential: Mutant = {
  name: 'sequential',
  description: 'coroutine children run one after another (sum, not max)',
  gather: brokenGather({ sequential: true }),
};
