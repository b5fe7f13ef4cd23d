// The mutant zoo: deliberately broken gathers on impl's public API (and loop patches), each caught by some property.
import type { Mutant } from './mutant.ts';
import { completionOrder } from './completion-order.ts';
import { sequential } from './sequential.ts';
import { noSiblingCancel } from './no-sibling-cancel.ts';
import { reverseSiblingCancel } from './reverse-sibling-cancel.ts';
import { lastException } from './last-exception.ts';
import { argumentOrderException } from './argument-order-exception.ts';
import { returnExceptionsIgnored } from './return-exceptions-ignored.ts';
import { cancelNotForwarded } from './cancel-not-forwarded.ts';
import { rewrapTasks } from './rewrap-tasks.ts';
import { nondeterministicOrder } from './nondeterministic-order.ts';
import { earlyResume } from './early-resume.ts';
import { lostWakeup } from './lost-wakeup.ts';
import { emptyGatherSuspends } from './empty-gather-suspends.ts';
import { cancelLostInCleanup } from './cancel-lost-in-cleanup.ts';
import { firstEntryEmpty } from './first-entry-empty.ts';
import { heapMisorder } from './heap-misorder.ts';
import { queueDropOnBlock } from './queue-drop-on-block.ts';
import { cancelKeptAfterForward } from './cancel-kept-after-forward.ts';
import { shieldForwardsCancel } from './shield-forwards-cancel.ts';
import { outerCancelAsTimeout } from './outer-cancel-as-timeout.ts';
import { timeoutOneTurnLate } from './timeout-one-turn-late.ts';
import { shutdownSkipsCleanup } from './shutdown-skips-cleanup.ts';
import { lostSelfCancel } from './lost-self-cancel.ts';
import { coroutineWrappedTwice } from './coroutine-wrapped-twice.ts';
import { timeoutBeforeCleanup } from './timeout-before-cleanup.ts';
import { awaitCancelNotForwarded } from './await-cancel-not-forwarded.ts';
import { micropythonGatherCancelLost } from './micropython-gather-cancel-lost.ts';

export { type Mutant, mutantRunner } from './mutant.ts';
export { brokenGather, type Breakage } from './broken-gather.ts';
export { runMatrix, formatMatrix, cell, type MatrixCell, type MutantMatrix, type MatrixOptions } from './matrix.ts';

export const MUTANTS: readonly Mutant[] = [
  completionOrder,
  sequential,
  noSiblingCancel,
  reverseSiblingCancel,
  lastException,
  argumentOrderException,
  returnExceptionsIgnored,
  cancelNotForwarded,
  rewrapTasks,
  nondeterministicOrder,
  earlyResume,
  lostWakeup,
  emptyGatherSuspends,
  cancelLostInCleanup,
  firstEntryEmpty,
  heapMisorder,
  queueDropOnBlock,
];

/**
 * Mutants of what only format 2 scenarios reach (docs/rules.md §4b: awaits, shields, timeouts, shutdown): killed by
 * the format 2 properties, on check's generators (mutants.test.ts) and on arbitraries/format2-scenario.ts
 * (format2/properties.test.ts).
 */
export const FORMAT2_MUTANTS: readonly Mutant[] = [
  cancelKeptAfterForward,
  shieldForwardsCancel,
  outerCancelAsTimeout,
  timeoutOneTurnLate,
  shutdownSkipsCleanup,
  lostSelfCancel,
  coroutineWrappedTwice,
  timeoutBeforeCleanup,
  awaitCancelNotForwarded,
];

/**
 * Mutants of a profile the loop does not implement (`Mutant.profile`): the model under that profile, patched per run;
 * judged on that profile's scenarios (`check --profile micropython --target mutant:<name>`; micropython-mutants.test.ts).
 */
export const PROFILE_MUTANTS: readonly Mutant[] = [micropythonGatherCancelLost];

/** Every mutant, by the name `--target mutant:<name>` and `explore --mutant` take. */
export const ALL_MUTANTS: readonly Mutant[] = [...MUTANTS, ...FORMAT2_MUTANTS, ...PROFILE_MUTANTS];
