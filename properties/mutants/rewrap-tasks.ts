// Mutant: existing tasks are wrapped into new tasks again.
import type { Mutant } from './mutant.ts';
import { brokenGather } from './broken-gather.ts';

export const rewrapTasks: Mutant = {
  name: 'rewrap-tasks',
  description: 'existing tasks are wrapped into new tasks again',
  gather: brokenGather({ rewrapTasks: true }),
};
