// The gather statechart: one gather call counting its children to one decision (docs/rules.md §3, G1–G7).
import { assign, enqueueActions, setup } from 'xstate';
import type { Json } from './scenario-types.ts';
import { errorValue } from './outcome.ts';
import type { LoopWorld, Received, TaskResult } from './loop-world.ts';
import { CANCELLED_ERROR } from './task-machine.ts';

export interface GatherContext {
  world: LoopWorld;
  /** The task that called gather (and awaits it). */
  caller: string;
  /** The children's task paths, in argument order. */
  children: string[];
  /** Which arguments are existing tasks (`task: true`); the others are wrapped (G1). */
  existing: boolean[];
  returnExceptions: boolean;
  /** Each child's outcome once it ended, in argument order. */
  results: (Received | undefined)[];
  /** Children not ended yet. */
  remaining: number;
  /** The exception that decided the gather (G3). */
  error: string | null;
  /** A profile may wake a cancelled caller later than at once (G6 variation point); never in seed. */
  callerWakeDeferred: boolean;
}

export interface GatherInput {
  world: LoopWorld;
  caller: string;
  children: string[];
  existing: boolean[];
  returnExceptions: boolean;
}

export type GatherEvent =
  /** The caller calls gather (G1, G2). */
  | { type: 'CALL' }
  /** A child ended (T5). */
  | { type: 'CHILD_ENDED'; index: number; result: TaskResult }
  /** The caller was cancelled while awaiting (T4d → G6). */
  | { type: 'CANCEL' }
  /** G6m: the cancelled caller runs (its deferred cancel of the children is due). */
  | { type: 'CALLER_RUNS' };

export function resultAsReceived(result: TaskResult): Received {
  if (result.status === 'returned') return { kind: 'value', value: result.value };
  return { kind: 'error', name: result.status === 'raised' ? result.error : CANCELLED_ERROR };
}

type Args = { context: GatherContext };

/** Already-ended children at call time, by index (G2). */
function alreadyEnded({ context }: Args): (Received | undefined)[] {
  return context.children.map((path, i) => {
    if (!context.existing[i]) return undefined;
    const r = context.world.resultOf(path);
    return r ? resultAsReceived(r) : undefined;
  });
}

/**
 * G3: among children that ended before the call, the exception of the one that ended first (seed), or of the
 * first in argument order (a profile variant: CPython schedules the done callbacks in argument order).
 */
function firstEarlyException(args: Args, inArgumentOrder = false): string | null {
  let best: { order: number; name: string } | null = null;
  alreadyEnded(args).forEach((r, i) => {
    if (r?.kind !== 'error') return;
    const order = inArgumentOrder ? i : (args.context.world.endOrderOf(args.context.children[i]!) ?? Infinity);
    if (!best || order < best.order) best = { order, name: r.name };
  });
  return (best as { order: number; name: string } | null)?.name ?? null;
}

function resultList(context: GatherContext): Json[] {
  return context.results.map((r) => (r === undefined ? null : r.kind === 'value' ? r.value : errorValue(r.name)));
}

function cancelUnfinished({ context }: Args): void {
  context.children.forEach((path) => {
    if (context.world.resultOf(path) === undefined) context.world.cancel(path);
  });
}

const decideRaised = ['traceGatherRaised', 'wakeCallerWithFirstException', 'cancelSiblingsOnFailure'] as const;

export const gatherMachine = setup({
  types: {} as { context: GatherContext; events: GatherEvent; input: GatherInput },
  guards: {
    // G2 + G3: without return_exceptions a child that already raised decides at the call
    firstExceptionAlreadyDecides: (args) => !args.context.returnExceptions && firstEarlyException(args) !== null,
    // G2 + G4: no arguments, or every argument an already-ended task
    allChildrenAlreadyEnded: (args) => alreadyEnded(args).every((r) => r !== undefined),
    // G3: the first child to end by an exception (CancelledError included) decides
    firstExceptionDecides: ({ context, event }) =>
      !context.returnExceptions && event.type === 'CHILD_ENDED' && event.result.status !== 'returned',
    // G4
    lastChildEnded: ({ context }) => context.remaining === 1,
    // Profile variation points (profiles.ts); the implementations here are the seed's.
    // G3 seed: siblings still running are cancelled (real runtimes: they keep running)
    siblingsCancelledOnFailure: () => true,
    // G6 seed: the cancelled caller is woken at once (CPython: later, when its children end)
    callerWokenAtOnceOnAwaiterCancel: () => true,
    // G6 variant: when a deferred wake is due (never in seed)
    deferredCallerWakeDue: () => false,
    // G6 variant (CPython): a deferred wake due because a child raised carries that child's exception
    deferredWakeCarriesChildError: () => false,
    // G3 variant: among children ended before the call, the first in argument order decides (seed: in time)
    earlyExceptionsInArgumentOrder: () => false,
    // G2c variant (CPython): children already ended are reported by queued callbacks; the gather never decides at
    // the call unless it has no children (seed: G2 decides at once)
    endedChildrenReportedByCallback: () => false,
    // G6m variant (MicroPython): the children are cancelled when the cancelled caller runs (seed: at once)
    childrenCancelledWhenCallerRuns: () => false,
  },
  actions: {
    // G1: every argument that is not a task is wrapped into a new task, in argument order
    wrapArgumentsIntoTasks: ({ context }) => {
      context.children.forEach((path, i) => {
        if (!context.existing[i]) context.world.createTask(path);
      });
    },
    // G2c: in argument order, a new task for each argument that is not a task (G1), a queued report for each
    // argument that is an already-ended task (CPython: `add_done_callback` on a done future uses call_soon)
    wrapArgumentsAndQueueEndedReports: ({ context }) => {
      context.children.forEach((path, i) => {
        if (!context.existing[i]) context.world.createTask(path);
        else if (context.world.resultOf(path) !== undefined) context.world.queueChildReport(context.caller, i);
      });
    },
    recordEndedChildren: assign(({ context }) => {
      const results = alreadyEnded({ context });
      return { results, remaining: results.filter((r) => r === undefined).length };
    }),
    recordFirstEarlyException: enqueueActions(({ enqueue, check, context }) => {
      enqueue.assign({ error: firstEarlyException({ context }, check('earlyExceptionsInArgumentOrder')) });
    }),
    recordChildResult: assign(({ context, event }) => {
      if (event.type !== 'CHILD_ENDED') return {};
      const results = context.results.slice();
      const received = resultAsReceived(event.result);
      results[event.index] = received;
      return {
        results,
        remaining: context.remaining - 1,
        error: context.error ?? (received.kind === 'error' ? received.name : null),
      };
    }),
    traceGatherStarted: ({ context }) => context.world.trace(context.caller, 'gather-started'),
    traceGatherReturned: ({ context }) => context.world.trace(context.caller, 'gather-returned'),
    traceGatherRaised: ({ context }) => context.world.trace(context.caller, 'gather-raised'),
    traceGatherCancelled: ({ context }) => context.world.trace(context.caller, 'gather-cancelled'),
    // G4: the list of results in argument order (exceptions as entries with return_exceptions)
    wakeCallerWithResults: ({ context }) =>
      context.world.wake(context.caller, { kind: 'value', value: resultList(context) }),
    // G3
    wakeCallerWithFirstException: ({ context }) =>
      context.world.wake(context.caller, { kind: 'error', name: context.error ?? CANCELLED_ERROR }),
    // G6
    wakeCallerWithCancelled: ({ context }) =>
      context.world.wake(context.caller, { kind: 'error', name: CANCELLED_ERROR }),
    // G6 variant (CPython `_done_callback`): the raising child's exception, not CancelledError
    wakeCallerWithChildError: ({ context, event }) =>
      context.world.wake(context.caller, {
        kind: 'error',
        // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent (true, ||): this action runs only when deferredWakeCarriesChildError held, on a CHILD_ENDED by a raise (the false one, CancelledError, fails G6c's test in format2-profiles.test.ts)
        name: event.type === 'CHILD_ENDED' && event.result.status === 'raised' ? event.result.error : CANCELLED_ERROR,
      }),
    // G3 + G7: after the wake, every child not finished yet is cancelled in argument order (seed)
    cancelUnfinishedSiblings: cancelUnfinished,
    // G6 + G7
    cancelUnfinishedChildren: cancelUnfinished,
    cancelSiblingsOnFailure: enqueueActions(({ enqueue, check }) => {
      if (check('siblingsCancelledOnFailure')) enqueue('cancelUnfinishedSiblings');
    }),
    wakeCancelledCaller: enqueueActions(({ enqueue, check }) => {
      if (check('callerWokenAtOnceOnAwaiterCancel')) enqueue('wakeCallerWithCancelled');
      else enqueue.assign({ callerWakeDeferred: true });
    }),
    // G6m: the world sends CALLER_RUNS when the caller's step starts
    cancelChildrenWhenCallerRuns: ({ context }) => context.world.cancelChildrenWhenCallerRuns(context.caller),
    // G6 + G7, or G6m: later, when the caller runs
    cancelChildrenOnCallerCancel: enqueueActions(({ enqueue, check }) => {
      if (check('childrenCancelledWhenCallerRuns')) enqueue('cancelChildrenWhenCallerRuns');
      else enqueue('cancelUnfinishedChildren');
    }),
    cancelChildrenAgainWhileWakeDeferred: enqueueActions(({ enqueue, context }) => {
      if (context.callerWakeDeferred) enqueue('cancelUnfinishedChildren');
    }),
    // G5: a decided gather changes nothing; only a deferred wake (a profile variant) may still be due
    afterDecisionChildEnded: enqueueActions(({ enqueue, check, context }) => {
      enqueue.assign({ remaining: context.remaining - 1 });
      if (context.callerWakeDeferred && check('deferredCallerWakeDue')) {
        enqueue.assign({ callerWakeDeferred: false });
        if (check('deferredWakeCarriesChildError')) enqueue('wakeCallerWithChildError');
        else enqueue('wakeCallerWithCancelled');
      }
    }),
  },
}).createMachine({
  id: 'gather',
  context: ({ input }) => ({
    world: input.world,
    caller: input.caller,
    children: input.children,
    existing: input.existing,
    returnExceptions: input.returnExceptions,
    results: input.children.map(() => undefined),
    remaining: input.children.length,
    error: null,
    callerWakeDeferred: false,
  }),
  initial: 'idle',
  states: {
    idle: {
      on: {
        CALL: [
          // G2c: every child, ended or not, is reported later (results and `remaining` stay as initialised)
          {
            guard: 'endedChildrenReportedByCallback',
            target: 'waiting',
            actions: ['wrapArgumentsAndQueueEndedReports', 'traceGatherStarted'],
          },
          {
            guard: 'firstExceptionAlreadyDecides',
            target: 'raised',
            actions: [
              'wrapArgumentsIntoTasks',
              'traceGatherStarted',
              'recordEndedChildren',
              'recordFirstEarlyException',
              ...decideRaised,
            ],
          },
          {
            guard: 'allChildrenAlreadyEnded',
            target: 'returned',
            actions: ['traceGatherStarted', 'recordEndedChildren', 'traceGatherReturned', 'wakeCallerWithResults'],
          },
          { target: 'waiting', actions: ['wrapArgumentsIntoTasks', 'traceGatherStarted', 'recordEndedChildren'] },
        ],
      },
    },
    waiting: {
      on: {
        CHILD_ENDED: [
          { guard: 'firstExceptionDecides', target: 'raised', actions: ['recordChildResult', ...decideRaised] },
          {
            guard: 'lastChildEnded',
            target: 'returned',
            actions: ['recordChildResult', 'traceGatherReturned', 'wakeCallerWithResults'],
          },
          { actions: 'recordChildResult' },
        ],
        // G6 + G7: the gather event, wake the caller, then cancel the children
        CANCEL: {
          target: 'cancelled',
          actions: ['traceGatherCancelled', 'wakeCancelledCaller', 'cancelChildrenOnCallerCancel'],
        },
      },
    },
    // every child has ended: nothing can arrive any more
    returned: { tags: 'decided' },
    raised: { tags: 'decided', on: { CHILD_ENDED: { actions: 'afterDecisionChildEnded' } } },
    cancelled: {
      tags: 'decided',
      on: {
        CHILD_ENDED: { actions: 'afterDecisionChildEnded' },
        // G6 variant: a caller still waiting (deferred wake) is cancelled again: its children are, too (CPython)
        CANCEL: { actions: 'cancelChildrenAgainWhileWakeDeferred' },
        // G6m: the caller runs: every child not finished yet is cancelled, in argument order (MicroPython)
        CALLER_RUNS: { actions: 'cancelUnfinishedChildren' },
      },
    },
  },
});

export type GatherMachine = typeof gatherMachine;
