// Mutant: the result list is filled from index 1, leaving an empty slot where the first child's entry is due.
import type { Mutant } from './mutant.ts';
import { brokenGather } from './broken-gather.ts';

export const firstEntryEmpty: Mutant = {
  name: 'first-entry-empty',
  description: "the result list has an empty slot where the first child's entry is due (right length)",
  gather: brokenGather({ firstEntryEmpty: true }),
};
