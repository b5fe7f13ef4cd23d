// Mutant: a raising gather cancels its unfinished children in reverse argument order.
import type { Mutant } from './mutant.ts';
import { brokenGather } from './broken-gather.ts';

export const reverseSiblingCancel: Mutant = {
  name: 'reverse-sibling-cancel',
  description: 'a raising gather cancels its unfinished children in reverse argument order',
  gather: brokenGather({ siblingCancel: 'reverse' }),
};
