// Mutant: cancelling the awaiter does not cancel the children of its gather.
import type { Mutant } from './mutant.ts';
import { brokenGather } from './broken-gather.ts';

export const cancelNotForwarded: Mutant = {
  name: 'cancel-not-forwarded',
  description: 'cancelling the awaiter does not cancel the children of its gather',
  gather: brokenGather({ noCancelForwarding: true }),
};
