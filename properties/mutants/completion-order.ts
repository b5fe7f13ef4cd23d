// Mutant: results listed in completion order, not argument order.
import type { Mutant } from './mutant.ts';
import { brokenGather } from './broken-gather.ts';

export const completionOrder: Mutant = {
  name: 'completion-order',
  description: 'results listed in completion order, not argument order',
  gather: brokenGather({ completionOrder: true }),
};
