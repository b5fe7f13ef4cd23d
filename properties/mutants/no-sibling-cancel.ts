// Mutant: a raising gather leaves its unfinished children running.
import type { Mutant } from './mutant.ts';
import { brokenGather } from './broken-gather.ts';

export const noSiblingCancel: Mutant = {
  name: 'no-sibling-cancel',
  description: 'a raising gather leaves its unfinished children running',
  gather: brokenGather({ siblingCancel: 'none' }),
};
