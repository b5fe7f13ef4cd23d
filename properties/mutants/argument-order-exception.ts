// Mutant: waits for every child and raises the first exception in argument order.
import type { Mutant } from './mutant.ts';
import { brokenGather } from './broken-gather.ts';

export const argumentOrderException: Mutant = {
  name: 'argument-order-exception',
  description: 'waits for every child and raises the first exception in argument order',
  gather: brokenGather({ exception: 'argument-order' }),
};
