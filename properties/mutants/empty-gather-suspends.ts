// Mutant: an empty gather suspends and decides on a zero-delay timer.
import type { Mutant } from './mutant.ts';
import { brokenGather } from './broken-gather.ts';

export const emptyGatherSuspends: Mutant = {
  name: 'empty-gather-suspends',
  description: 'an empty gather suspends and decides on a zero-delay timer',
  gather: brokenGather({ emptySuspends: true }),
};
