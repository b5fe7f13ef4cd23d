// Each profile's choices at the model's variation points, in one place; `seed` is shared/seed/gather-chapter.txt.
import type { Profile } from './scenario-types.ts';
import type { TaskResult } from './loop-world.ts';
import { gatherMachine } from './gather-machine.ts';
import { suspendsOnAwaitWithCancelPending, taskMachine } from './task-machine.ts';

/**
 * The gather rules on which real runtimes differ from the seed (../shared/semantics.md), as guard values:
 * - `siblingsCancelledOnFailure` (G3): seed cancels siblings still running when the first exception decides;
 *   MicroPython and CPython gather let them keep running.
 * - `callerWokenAtOnceOnAwaiterCancel` (G6): seed (and MicroPython) wake the cancelled awaiter at once;
 *   CPython wakes it only when its children have ended.
 * - `deferredCallerWakeDue` (G6, used only when the wake is deferred): for CPython, without return_exceptions the
 *   first child that ends by an exception (a cancelled one included; one that swallows the cancel and returns
 *   does not count) or else the last child; with return_exceptions the last child (`_GatheringFuture`,
 *   `_done_callback` in Lib/asyncio/tasks.py).
 *   `remainingChildren` counts the children not ended before this one (1: this one is the last).
 *
 * Only outcome-level differences are profiles (docs/rules.md, "Profiles"); where in the trace a runtime reports
 * its events is compared loosely by conformance instead.
 */
export interface ProfileChoices {
  /**
   * S2 variant (the loop, not gather): asyncio's and MicroPython's loops move due timers to the ready queue on
   * every turn and run only what was queued when the turn began, so a cancel timer due at 0 runs before the
   * steps of tasks created in the first turn (a task cancelled before it starts); seed: only once the queue is empty.
   */
  dueTimersJoinEveryTurn: boolean;
  siblingsCancelledOnFailure: boolean;
  /** G3: among children that ended before gather was called, which exception decides: first in time (seed) or argument order. */
  earlyExceptionsInArgumentOrder: boolean;
  callerWokenAtOnceOnAwaiterCancel: boolean;
  /**
   * TIE: whether the runtime's order among things due at the same virtual time is known (FIFO, S1). MicroPython's
   * task queue is a pairing heap, so a timer due at an instant (a sleep's end, a scenario cancel) may run before
   * or after the other entries of that instant: `simulate` runs the FIFO order, allowed-outcomes.ts every allowed
   * order, and conformance accepts any of their outcomes (docs/rules.md §7, TIE).
   */
  equalDeadlinesOrdered: boolean;
  deferredCallerWakeDue: (remainingChildren: number, returnExceptions: boolean, ended: TaskResult['status']) => boolean;
  /**
   * T5c / G2c (CPython): a gather learns that a child ended through a done callback queued on the ready queue
   * (`call_soon`), not at once; a child already ended when gather is called is reported the same way, its
   * callback queued at the call in argument order (`add_done_callback` on a done future). So a gather whose
   * children have all ended, or one of which already raised, still suspends and decides only when the callbacks
   * run — after whatever was queued before them (a sibling ending at the same instant can decide first).
   * A gather with no children decides at once (CPython returns a done future). Seed and MicroPython: at once (T5, G2).
   */
  childEndsReportedByCallback: boolean;
  /**
   * G6m (MicroPython): cancelling the task that awaits an undecided gather queues that task with CancelledError
   * (`Task.cancel` pushes it on the task queue); the gather cancels its unfinished children only when the task
   * runs (the `except CancelledError` of `gather` in extmod/asyncio/funcs.py), so children queued before it
   * run first (a child can still raise, return or start). Seed and CPython: at once (G6).
   */
  childrenCancelledWhenCallerRuns: boolean;
  /**
   * Format 2 (docs/rules.md §4b, §7 TO1c): `timeout(0)`'s expiry is queued at once on the ready queue (CPython's
   * `Timeout.reschedule` uses `call_soon` for a deadline not in the future), behind what is queued already; seed:
   * a timer at `now + 0`, which joins the queue with the other due timers (S2).
   */
  timeoutOfZeroCallsSoon: boolean;
  /**
   * G6 variant (CPython `_done_callback`, reached through format 2's cancel steps, G6c): when the deferred wake
   * of a cancelled awaiter is due because a child *raised* (without return_exceptions), the awaiter receives that
   * child's exception, not CancelledError (the gather's cancel was accepted by its children, so the awaiter keeps
   * no cancel of its own). Seed never defers the wake.
   */
  deferredWakeCarriesChildError: boolean;
  /**
   * Format 2 (T4f-await, cpython): a task with a pending cancel (it cancelled itself, or was cancelled while
   * running) that awaits an unfinished task forwards the cancel to it (`Task.__step`: `_fut_waiter.cancel()`) and,
   * as it is accepted, keeps awaiting without a cancel of its own (as T4g): it receives what the awaited task ends
   * with. Seed: forwards it and receives CancelledError itself at once (T4f).
   */
  awaitForwardsPendingCancel: boolean;
  /**
   * Format 2 (SH4, cpython): a shielded task's end reaches the shield's future through a done callback queued on
   * the ready queue (`_inner_done_callback`, call_soon), and the awaiting task is woken only when it runs, so a
   * cancel of the awaiting task in between still cancels the shield (SH1). Seed: at once (T5).
   */
  shieldEndReportedByCallback: boolean;
  /**
   * Format 2 (R1c): the shutdown cancels the tasks left at the end of the loop turn in which it runs (asyncio.run
   * stops the loop from the main task's done callback; `loop.stop()` lets the rest of that turn run), so entries
   * queued behind it in that turn run first (only with `dueTimersJoinEveryTurn`); seed: at once, when it runs.
   */
  shutdownAfterTurn: boolean;
  // --- format 2 (docs/rules.md §4b), MicroPython's side: rules T4f-m, R1m, F2m ---
  /**
   * T4f-m: a `{cancel: <itself>}` step raises RuntimeError there (MicroPython's `Task.cancel`: "can't cancel self"),
   * where seed and CPython make the cancel pending (T4f, T4h).
   */
  cancelSelfRaisesRuntimeError: boolean;
  /**
   * R1m: with `shutdown`, the run stops the moment the awaiter ends: nothing else runs, tasks not done stay
   * `pending` (MicroPython's `asyncio.run` is `run_until_complete`, which returns at the main task's end and
   * cancels nothing); seed and CPython: R1 (leftovers cancelled, their cleanup run).
   */
  shutdownStopsAtOnce: boolean;
  /**
   * F2m: the format 2 constructs the runtime has: `shield` and `timeout` steps and a gather's `timeoutMs`
   * (MicroPython 1.27 has no shield and no timeout scope; its `wait_for_ms` runs the awaitable in tasks of its
   * own). False: the model refuses them under the profile, with their JSON path.
   */
  shieldAndTimeoutScopesExist: boolean;
  /**
   * F2m: `args` may name a child twice (G1a). MicroPython wraps one coroutine twice into two tasks stepping it
   * (`[None, v]`) and refuses a running task twice (RuntimeError "can't gather", whose leftover done callback
   * then kills the scheduler with NameError): false refuses a repeat under the profile.
   */
  argsMayRepeat: boolean;
  /**
   * F2m: an `await` step may name a task a gather also waits for. MicroPython's task keeps one kind of waiter:
   * awaiting a gathered task raises RuntimeError "can't wait", gathering an awaited one "can't gather" (which can
   * crash the scheduler, see `argsMayRepeat`): false refuses an await of any gathered child under the profile.
   */
  awaitOfGatheredTaskAllowed: boolean;
  /**
   * T4g-m: a cancel that reaches the running task through an await chain (it cancels a task that awaits it) is
   * lost: MicroPython's `Task.cancel` marks the running task, and its next suspension or its end overwrites the
   * mark. Seed and CPython: pending, delivered at its next suspension (T4f, T4h).
   */
  cancelForwardedToRunningTaskLost: boolean;
}

export const PROFILE_CHOICES: Record<Profile, ProfileChoices> = {
  seed: {
    dueTimersJoinEveryTurn: false,
    siblingsCancelledOnFailure: true,
    earlyExceptionsInArgumentOrder: false,
    callerWokenAtOnceOnAwaiterCancel: true,
    equalDeadlinesOrdered: true,
    deferredCallerWakeDue: () => false,
    childEndsReportedByCallback: false,
    childrenCancelledWhenCallerRuns: false,
    timeoutOfZeroCallsSoon: false,
    deferredWakeCarriesChildError: false,
    awaitForwardsPendingCancel: false,
    shieldEndReportedByCallback: false,
    shutdownAfterTurn: false,
    cancelSelfRaisesRuntimeError: false,
    shutdownStopsAtOnce: false,
    shieldAndTimeoutScopesExist: true,
    argsMayRepeat: true,
    awaitOfGatheredTaskAllowed: true,
    cancelForwardedToRunningTaskLost: false,
  },
  // CPython 3.11+ asyncio.gather
  cpython: {
    dueTimersJoinEveryTurn: true,
    siblingsCancelledOnFailure: false,
    earlyExceptionsInArgumentOrder: true,
    callerWokenAtOnceOnAwaiterCancel: false,
    equalDeadlinesOrdered: true,
    deferredCallerWakeDue: (remaining, returnExceptions, ended) =>
      remaining === 1 || (!returnExceptions && ended !== 'returned'),
    childEndsReportedByCallback: true,
    childrenCancelledWhenCallerRuns: false,
    timeoutOfZeroCallsSoon: true,
    deferredWakeCarriesChildError: true,
    awaitForwardsPendingCancel: true,
    shieldEndReportedByCallback: true,
    shutdownAfterTurn: true,
    cancelSelfRaisesRuntimeError: false,
    shutdownStopsAtOnce: false,
    shieldAndTimeoutScopesExist: true,
    argsMayRepeat: true,
    awaitOfGatheredTaskAllowed: true,
    cancelForwardedToRunningTaskLost: false,
  },
  // MicroPython 1.27 asyncio.gather (extmod/asyncio/funcs.py)
  micropython: {
    dueTimersJoinEveryTurn: true,
    siblingsCancelledOnFailure: false,
    earlyExceptionsInArgumentOrder: true,
    callerWokenAtOnceOnAwaiterCancel: true,
    equalDeadlinesOrdered: false,
    deferredCallerWakeDue: () => false,
    childEndsReportedByCallback: false,
    childrenCancelledWhenCallerRuns: true,
    timeoutOfZeroCallsSoon: false,
    deferredWakeCarriesChildError: false,
    awaitForwardsPendingCancel: false,
    shieldEndReportedByCallback: false,
    shutdownAfterTurn: false,
    // format 2: measured on MicroPython 1.27 (docs/conformance.md, "MicroPython 1.27: format 2")
    cancelSelfRaisesRuntimeError: true,
    shutdownStopsAtOnce: true,
    shieldAndTimeoutScopesExist: false,
    argsMayRepeat: false,
    awaitOfGatheredTaskAllowed: false,
    cancelForwardedToRunningTaskLost: true,
  },
};

/** The profiles that have a model (a target's `profile` may name one that has none, e.g. `promise-all`). */
export function isModelledProfile(name: string): name is Profile {
  return Object.hasOwn(PROFILE_CHOICES, name);
}

export interface ProfileMachines {
  task: typeof taskMachine;
  gather: typeof gatherMachine;
  /** The loop's S2 choice (`ProfileChoices.dueTimersJoinEveryTurn`), for the simulation driver. */
  dueTimersJoinEveryTurn: boolean;
  /** T5c (`ProfileChoices.childEndsReportedByCallback`): the driver queues a child's end for its gather. */
  childEndsReportedByCallback: boolean;
  /** TIE (`ProfileChoices.equalDeadlinesOrdered`): whether simulate's `chooseTieOrder` has choices to make. */
  equalDeadlinesOrdered: boolean;
  /** TO1c (`ProfileChoices.timeoutOfZeroCallsSoon`): a 0 ms timeout's expiry goes straight to the ready queue. */
  timeoutOfZeroCallsSoon: boolean;
  /** SH4 (`ProfileChoices.shieldEndReportedByCallback`): the driver queues a shielded task's end for its shield. */
  shieldEndReportedByCallback: boolean;
  /** R1c (`ProfileChoices.shutdownAfterTurn`): the shutdown's cancels wait for the end of the loop turn. */
  shutdownAfterTurn: boolean;
  /** T4f-m (`ProfileChoices.cancelSelfRaisesRuntimeError`): the program builder turns a self-cancel into a raise. */
  cancelSelfRaisesRuntimeError: boolean;
  /** R1m (`ProfileChoices.shutdownStopsAtOnce`): the driver stops when the awaiter ends. */
  shutdownStopsAtOnce: boolean;
  /** G6m (`ProfileChoices.childrenCancelledWhenCallerRuns`): the driver's part, for a gather already decided. */
  childrenCancelledWhenCallerRuns: boolean;
  /** T4g-m (`ProfileChoices.cancelForwardedToRunningTaskLost`): the driver drops a cancel of the running task. */
  cancelForwardedToRunningTaskLost: boolean;
}

const cache = new Map<Profile, ProfileMachines>();

/** The task and gather machines with the profile's guards provided (`machine.provide`), cached. */
export function machinesFor(profile: Profile): ProfileMachines {
  let machines = cache.get(profile);
  if (!machines) {
    const choices = PROFILE_CHOICES[profile];
    if (!choices) throw new Error(`unknown profile ${JSON.stringify(profile)}`);
    const gather = gatherMachine.provide({
      guards: {
        siblingsCancelledOnFailure: () => choices.siblingsCancelledOnFailure,
        earlyExceptionsInArgumentOrder: () => choices.earlyExceptionsInArgumentOrder,
        childrenCancelledWhenCallerRuns: () => choices.childrenCancelledWhenCallerRuns,
        endedChildrenReportedByCallback: ({ context }) =>
          choices.childEndsReportedByCallback && context.children.length > 0,
        callerWokenAtOnceOnAwaiterCancel: () => choices.callerWokenAtOnceOnAwaiterCancel,
        deferredWakeCarriesChildError: ({ context, event }) =>
          choices.deferredWakeCarriesChildError &&
          !context.returnExceptions &&
          // Stryker disable next-line ConditionalExpression: equivalent: the guard is checked only in afterDecisionChildEnded, on CHILD_ENDED
          event.type === 'CHILD_ENDED' &&
          // Stryker disable next-line ConditionalExpression: equivalent: for an end other than a raise, wakeCallerWithChildError wakes with CancelledError, as wakeCallerWithCancelled
          event.result.status === 'raised',
        deferredCallerWakeDue: ({ context, event }) =>
          choices.deferredCallerWakeDue(
            context.remaining,
            context.returnExceptions,
            // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent: the guard is checked only in afterDecisionChildEnded, on CHILD_ENDED
            event.type === 'CHILD_ENDED' ? event.result.status : 'returned',
          ),
      },
    });
    const task = taskMachine.provide({
      guards: {
        awaitForwardsPendingCancel: (args) =>
          choices.awaitForwardsPendingCancel && suspendsOnAwaitWithCancelPending(args),
      },
    });
    machines = {
      task,
      gather,
      dueTimersJoinEveryTurn: choices.dueTimersJoinEveryTurn,
      childEndsReportedByCallback: choices.childEndsReportedByCallback,
      equalDeadlinesOrdered: choices.equalDeadlinesOrdered,
      timeoutOfZeroCallsSoon: choices.timeoutOfZeroCallsSoon,
      shieldEndReportedByCallback: choices.shieldEndReportedByCallback,
      shutdownAfterTurn: choices.shutdownAfterTurn,
      cancelSelfRaisesRuntimeError: choices.cancelSelfRaisesRuntimeError,
      shutdownStopsAtOnce: choices.shutdownStopsAtOnce,
      childrenCancelledWhenCallerRuns: choices.childrenCancelledWhenCallerRuns,
      cancelForwardedToRunningTaskLost: choices.cancelForwardedToRunningTaskLost,
    };
    cache.set(profile, machines);
  }
  return machines;
}
