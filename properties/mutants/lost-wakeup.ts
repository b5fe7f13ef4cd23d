// Mutant: the gather decides but never wakes its caller.
import type { Mutant } from './mutant.ts';
import { brokenGather } from './broken-gather.ts';

export const lostWakeup: Mutant = {
  name: 'lost-wakeup',
  description: 'the gather decides but never wakes its caller',
  gather: brokenGather({ lostWakeup: true }),
};
