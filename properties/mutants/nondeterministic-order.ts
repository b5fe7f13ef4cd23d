// Mutant: coroutine children are wrapped in a random order.
import type { Mutant } from './mutant.ts';
import { brokenGather } from './broken-gather.ts';

export const nondeterministicOrder: Mutant = {
  name: 'nondeterministic-order',
  description: 'coroutine children are wrapped in a random order',
  gather: brokenGather({ shuffleWrapping: true }),
  random: true,
};
