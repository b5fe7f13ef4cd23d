// The task statechart: one task's life (docs/rules.md §2, T1–T5) running one body program (§4).
import { assign, setup } from 'xstate';
import type { Json } from './scenario-types.ts';
import type { Instruction, Program } from './program.ts';
import type { LoopWorld, Received, TaskResult } from './loop-world.ts';

export const CANCELLED_ERROR = 'CancelledError';

export interface TaskContext {
  world: LoopWorld;
  /** The task's name in traces: `awaiter`, or a child's path. */
  path: string;
  program: Program;
  /** Index of the next instruction. */
  pc: number;
  /** What the task was woken with (or the decided gather's result, G2); null when nothing is pending. */
  received: Received | null;
  /** True once the task is inside its `except CancelledError` handler (cleanupMs). */
  inHandler: boolean;
  result: TaskResult | null;
}

export interface TaskInput {
  world: LoopWorld;
  path: string;
  program: Program;
}

export type TaskEvent =
  | { type: 'CREATE' }
  /** The task's step reached the front of the ready queue. */
  | { type: 'STEP' }
  /** The driver lets a running task go on with its body. */
  | { type: 'RUN' }
  /** The task's sleep timer fired. */
  | { type: 'TIMER' }
  /** The gather the task awaits woke it. */
  | { type: 'WAKE'; received: Received }
  | { type: 'CANCEL' };

const cancelledError: Received = { kind: 'error', name: CANCELLED_ERROR };

type Args = { context: TaskContext };

function current({ context }: Args): Instruction | undefined {
  return context.program.instructions[context.pc];
}
function op(args: Args): Instruction['op'] | undefined {
  return current(args)?.op;
}
function receivedCancelledError({ context }: Args): boolean {
  return context.received?.kind === 'error' && context.received.name === CANCELLED_ERROR;
}
function sleepMs(args: Args): number {
  const i = current(args);
  return i?.op === 'sleep' ? i.ms : 0;
}
function cleanupMs({ context }: Args): number | undefined {
  const h = context.program.onCancel;
  return typeof h === 'object' && 'cleanupMs' in h ? h.cleanupMs : undefined;
}
type Settle = 'settleReturned' | 'settleSwallowed' | 'settleRaised' | 'settleCancelled';
type TraceEnd = 'traceReturned' | 'traceRaised' | 'traceCancelled';
/** T2 + T5: the task ends: record how, trace it, tell whatever waits for it. */
function finishTo(status: 'returned' | 'raised' | 'cancelled', settle: Settle) {
  const trace: TraceEnd = status === 'returned' ? 'traceReturned' : status === 'raised' ? 'traceRaised' : 'traceCancelled';
  const actions: (Settle | TraceEnd | 'notifyWaiters')[] = [settle, trace, 'notifyWaiters'];
  return { target: `#task.${status}`, actions };
}

type SleepEndAction = 'receiveNothing' | 'appendToReadyQueue' | 'traceCancelRequested' | 'removeSleepTimer' | 'receiveCancelledError';
/** A sleep (the body's, or the cleanup's after a cancel) ends when its timer fires (S5) or on a cancel (T4c). */
function sleepEnds() {
  const timer: SleepEndAction[] = ['receiveNothing', 'appendToReadyQueue'];
  const cancel: SleepEndAction[] = ['traceCancelRequested', 'removeSleepTimer', 'receiveCancelledError', 'appendToReadyQueue'];
  return {
    TIMER: { target: '#task.queued.woken', actions: timer },
    CANCEL: { target: '#task.queued.cancelRequested', actions: cancel },
  };
}

export const taskMachine = setup({
  types: {} as { context: TaskContext; events: TaskEvent; input: TaskInput },
  guards: {
    // §4 child body `except CancelledError: {swallow: v}: return v`
    cancelHandlerSwallows: ({ context }) =>
      receivedCancelledError({ context }) &&
      typeof context.program.onCancel === 'object' &&
      'swallow' in context.program.onCancel,
    // §4 `{cleanupMs: n}: sleepMs(n)` with n > 0 sets a timer (S3)
    cancelHandlerSleeps: (args) => receivedCancelledError(args) && (cleanupMs(args) ?? 0) > 0,
    // §4 `{cleanupMs: 0}`: sleepMs(0) yields once (S3)
    cancelHandlerYields: (args) => receivedCancelledError(args) && cleanupMs(args) === 0,
    // T2: a CancelledError escaping the body ends the task `cancelled`
    cancelledErrorEscapes: (args) => receivedCancelledError(args),
    // T2: any other exception escaping ends the task `raised`
    exceptionEscapes: ({ context }) => context.received?.kind === 'error',
    // S3: sleepMs(n > 0) sets a timer
    bodySleepsOnTimer: (args) => op(args) === 'sleep' && sleepMs(args) > 0,
    // S3: sleepMs(0) appends the task to the back of the ready queue
    bodyYields: (args) => op(args) === 'sleep' && sleepMs(args) === 0,
    bodyCreatesTaskChildren: (args) => op(args) === 'createTaskChildren',
    bodyCallsGather: (args) => op(args) === 'gather',
    // G2: the gather decided while being called: the caller continues without suspending
    gatherDecidedAtOnce: (args) => op(args) === 'awaitGather' && args.context.received !== null,
    gatherUndecided: (args) => op(args) === 'awaitGather',
    bodyReturns: (args) => op(args) === 'return' || op(args) === 'returnGatherResult',
    bodyRaises: (args) => op(args) === 'raise',
    bodyHangs: (args) => op(args) === 'hang',
    insideCancelHandler: ({ context }) => context.inHandler,
  },
  actions: {
    traceCreated: ({ context }) => context.world.trace(context.path, 'created'),
    traceStarted: ({ context }) => context.world.trace(context.path, 'started'),
    traceResumed: ({ context }) => context.world.trace(context.path, 'resumed'),
    traceSuspended: ({ context }) => context.world.trace(context.path, 'suspended'),
    traceCancelRequested: ({ context }) => context.world.trace(context.path, 'cancel-requested'),
    traceReturned: ({ context }) => context.world.trace(context.path, 'returned'),
    traceRaised: ({ context }) => context.world.trace(context.path, 'raised'),
    traceCancelled: ({ context }) => context.world.trace(context.path, 'cancelled'),
    // T1 / S3 / S5
    appendToReadyQueue: ({ context }) => context.world.appendStep(context.path),
    setSleepTimer: (args) => args.context.world.setSleepTimer(args.context.path, sleepMs(args)),
    setCleanupTimer: (args) => args.context.world.setSleepTimer(args.context.path, cleanupMs(args) ?? 0),
    // T4c
    removeSleepTimer: ({ context }) => context.world.removeSleepTimer(context.path),
    createTaskChildren: ({ context }) => context.world.createTaskChildren(context.path),
    callGather: ({ context }) => context.world.callGather(context.path),
    // T4d
    forwardCancelToGather: ({ context }) => context.world.forwardCancelToGather(context.path),
    // G6m: the gather this task awaited may have deferred cancelling its children until now
    callerRuns: ({ context }) => context.world.callerRuns(context.path),
    // T5
    notifyWaiters: ({ context }) => {
      if (context.result) context.world.taskEnded(context.path, context.result);
    },
    nextInstruction: assign({ pc: ({ context }) => context.pc + 1 }),
    clearReceived: assign({ received: null }),
    // S5: a finished sleep resumes with None
    receiveNothing: assign({ received: { kind: 'value', value: null } as Received }),
    // T4b/T4c/T4e: the task will receive CancelledError instead of what it was woken with
    receiveCancelledError: assign({ received: cancelledError }),
    // G3/G4/G6: what the gather woke the task with
    receiveFromGather: assign({
      received: ({ event }) => (event.type === 'WAKE' ? event.received : null),
    }),
    // §4: the CancelledError is caught; the handler starts
    enterCancelHandler: assign({ inHandler: true, received: null }),
    settleReturned: assign({
      result: ({ context }) => {
        const i = context.program.instructions[context.pc];
        let value: Json = null;
        if (i?.op === 'return') value = i.value;
        else if (context.received?.kind === 'value') value = context.received.value;
        return { status: 'returned', value } as TaskResult;
      },
    }),
    settleSwallowed: assign({
      result: ({ context }) => {
        const h = context.program.onCancel;
        const value = typeof h === 'object' && 'swallow' in h ? h.swallow : null;
        return { status: 'returned', value } as TaskResult;
      },
    }),
    settleRaised: assign({
      result: ({ context }) => {
        const i = context.program.instructions[context.pc];
        const error = context.received?.kind === 'error' ? context.received.name : i?.op === 'raise' ? i.error : '?';
        return { status: 'raised', error } as TaskResult;
      },
    }),
    settleCancelled: assign({ result: { status: 'cancelled' } as TaskResult }),
  },
}).createMachine({
  id: 'task',
  context: ({ input }) => ({
    world: input.world,
    path: input.path,
    program: input.program,
    pc: 0,
    received: null,
    inHandler: false,
    result: null,
  }),
  initial: 'created',
  states: {
    created: {
      // T1: creating a task appends its first step to the ready queue at once
      on: { CREATE: { target: 'scheduled', actions: ['traceCreated', 'appendToReadyQueue'] } },
    },
    scheduled: {
      initial: 'fresh',
      states: {
        fresh: {
          on: {
            // T2
            STEP: { target: '#task.running.body', actions: 'traceStarted' },
            // T4a: a cancel before the start keeps the task's place in the queue
            CANCEL: { target: 'cancelRequested', actions: 'traceCancelRequested' },
          },
        },
        cancelRequested: {
          on: {
            // T4a: the body never runs; no `started`
            STEP: finishTo('cancelled', 'settleCancelled'),
            // T4: a cancel is already pending: nothing more
            CANCEL: {},
          },
        },
      },
    },
    running: {
      initial: 'body',
      states: {
        body: {
          on: {
            RUN: [
              { guard: 'cancelHandlerSwallows', ...finishTo('returned', 'settleSwallowed') },
              {
                guard: 'cancelHandlerSleeps',
                target: '#task.suspended.cleaningUp',
                actions: ['enterCancelHandler', 'setCleanupTimer', 'traceSuspended'],
              },
              {
                guard: 'cancelHandlerYields',
                target: '#task.queued.woken',
                actions: ['enterCancelHandler', 'appendToReadyQueue', 'traceSuspended'],
              },
              { guard: 'cancelledErrorEscapes', ...finishTo('cancelled', 'settleCancelled') },
              { guard: 'exceptionEscapes', ...finishTo('raised', 'settleRaised') },
              {
                guard: 'bodySleepsOnTimer',
                target: '#task.suspended.sleeping',
                actions: ['setSleepTimer', 'nextInstruction', 'traceSuspended'],
              },
              {
                guard: 'bodyYields',
                target: '#task.queued.woken',
                actions: ['appendToReadyQueue', 'nextInstruction', 'traceSuspended'],
              },
              { guard: 'bodyCreatesTaskChildren', actions: ['createTaskChildren', 'nextInstruction'] },
              // G1: the gather starts inside this step; it may decide at once (G2) and WAKE us while running
              { guard: 'bodyCallsGather', actions: ['clearReceived', 'nextInstruction', 'callGather'] },
              { guard: 'gatherDecidedAtOnce', actions: 'nextInstruction' },
              {
                guard: 'gatherUndecided',
                target: '#task.suspended.awaitingGather',
                actions: ['nextInstruction', 'traceSuspended'],
              },
              { guard: 'bodyReturns', ...finishTo('returned', 'settleReturned') },
              { guard: 'bodyRaises', ...finishTo('raised', 'settleRaised') },
              { guard: 'bodyHangs', target: '#task.suspended.hanging', actions: 'traceSuspended' },
            ],
            // G2: a gather decided at once hands its result to the running caller
            WAKE: { actions: 'receiveFromGather' },
          },
        },
        cleanup: {
          // §4 `{cleanupMs: n}`: after the sleep the CancelledError is re-raised (or a new one escapes)
          on: { RUN: finishTo('cancelled', 'settleCancelled') },
        },
      },
    },
    suspended: {
      initial: 'sleeping',
      states: {
        sleeping: { on: sleepEnds() },
        // T4: the pending cancel was cleared when thrown; a cancel during cleanup is a new request (T4c)
        cleaningUp: { on: sleepEnds() },
        hanging: {
          on: {
            // T4e
            CANCEL: {
              target: '#task.queued.cancelRequested',
              actions: ['traceCancelRequested', 'receiveCancelledError', 'appendToReadyQueue'],
            },
          },
        },
        awaitingGather: {
          on: {
            // S5 / G3 / G4
            WAKE: { target: '#task.queued.woken', actions: ['receiveFromGather', 'appendToReadyQueue'] },
            // T4d: the cancel goes to the gather first (G6)
            CANCEL: { target: 'cancellingGather', actions: ['traceCancelRequested', 'forwardCancelToGather'] },
          },
        },
        cancellingGather: {
          on: {
            // G6: the gather wakes its caller with CancelledError
            WAKE: { target: '#task.queued.cancelRequested', actions: ['receiveFromGather', 'appendToReadyQueue'] },
            // T4: a cancel is already pending (no event); only a profile that defers the wake stays here, and
            // there the task still waits on its gather, which passes the cancel on to its children again
            CANCEL: { actions: 'forwardCancelToGather' },
          },
        },
      },
    },
    queued: {
      initial: 'woken',
      states: {
        woken: {
          on: {
            // T3
            STEP: [
              { guard: 'insideCancelHandler', target: '#task.running.cleanup', actions: 'traceResumed' },
              { target: '#task.running.body', actions: 'traceResumed' },
            ],
            // T4b: keeps its place; will receive CancelledError instead
            CANCEL: { target: 'cancelRequested', actions: ['traceCancelRequested', 'receiveCancelledError'] },
          },
        },
        cancelRequested: {
          on: {
            // T4: the pending cancel is cleared when CancelledError is thrown in (leaving this state)
            STEP: [
              { guard: 'insideCancelHandler', target: '#task.running.cleanup', actions: 'traceResumed' },
              // G6m (micropython): a gather cancelled with its caller cancels its children now, as the caller runs
              { target: '#task.running.body', actions: ['traceResumed', 'callerRuns'] },
            ],
            CANCEL: {},
          },
        },
      },
    },
    // T4: cancel() on a finished task does nothing
    returned: { tags: 'finished', on: { CANCEL: {} } },
    raised: { tags: 'finished', on: { CANCEL: {} } },
    cancelled: { tags: 'finished', on: { CANCEL: {} } },
  },
});

export type TaskMachine = typeof taskMachine;
