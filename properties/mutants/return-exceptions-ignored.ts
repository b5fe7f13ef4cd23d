// Mutant: return_exceptions is treated as false.
import type { Mutant } from './mutant.ts';
import { brokenGather } from './broken-gather.ts';

export const returnExceptionsIgnored: Mutant = {
  name: 'return-exceptions-ignored',
  description: 'return_exceptions is treated as false',
  gather: brokenGather({ ignoreReturnExceptions: true }),
};
