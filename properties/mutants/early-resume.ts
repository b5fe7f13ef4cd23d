// Mutant: the awaiter is resumed before the last child ends.
import type { Mutant } from './mutant.ts';
import { brokenGather } from './broken-gather.ts';

export const earlyResume: Mutant = {
  name: 'early-resume',
  description: 'the awaiter is resumed before the last child ends',
  gather: brokenGather({ resumeEarly: true }),
};
