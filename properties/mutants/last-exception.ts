// Mutant: waits for every child and raises the last exception in time.
import type { Mutant } from './mutant.ts';
import { brokenGather } from './broken-gather.ts';

export const lastException: Mutant = {
  name: 'last-exception',
  description: 'waits for every child and raises the last exception in time',
  gather: brokenGather({ exception: 'last' }),
};
