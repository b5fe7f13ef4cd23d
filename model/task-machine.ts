// The task statechart: one task's life (docs/rules.md §2, T1–T5) running one body program (§4).
import { assign, setup } from 'xstate';
import type { Json } from './scenario-types.ts';
import type { Instruction, Program } from './program.ts';
import type { LoopWorld, Received, TaskResult } from './loop-world.ts';

export const CANCELLED_ERROR = 'CancelledError';
/** The error an expired timeout scope raises (TO2). */
export const TIMEOUT_ERROR = 'TimeoutError';

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
  /** Format 2: the value of the last await, shield or timeout step (§4b); null before any. */
  current: Json;
  /** Cancel requests received and not taken back (asyncio's cancelling(), TO3). */
  requests: number;
  /** T4f: a cancel requested while the task runs, delivered at its next suspension (or T4h at its return). */
  cancelPending: boolean;
  /** The task it awaits (await or shield step), for T4g's forwarding. */
  awaiting: string | null;
  /** Open timeout scopes, innermost last (TO1–TO4): the cancel requests counted on entry. */
  scopes: { requestsAtEntry: number }[];
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
  | { type: 'CANCEL' }
  /** T4g: the cancel this task forwarded to the task it awaits has been requested there. */
  | { type: 'FORWARDED' };

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
function target(args: Args): string {
  const i = current(args);
  return i !== undefined && 'target' in i ? i.target : '';
}
function awaitedDone(args: Args): boolean {
  return args.context.world.resultOf(target(args)) !== undefined;
}
function cleanupMs({ context }: Args): number | undefined {
  const h = context.program.onCancel;
  return typeof h === 'object' && 'cleanupMs' in h ? h.cleanupMs : undefined;
}
/** T4f-await: about to await an unfinished task with a cancel pending (a profile forwards it and awaits on). */
export function suspendsOnAwaitWithCancelPending(args: Args): boolean {
  return args.context.cancelPending && op(args) === 'awaitTask' && !awaitedDone(args);
}
type Settle = 'settleReturned' | 'settleSwallowed' | 'settleRaised' | 'settleCancelled';
type TraceEnd = 'traceReturned' | 'traceRaised' | 'traceCancelled';
/** T2 + T5: the task ends: record how, trace it, tell whatever waits for it. */
function finishTo(status: 'returned' | 'raised' | 'cancelled', settle: Settle) {
  const trace: TraceEnd =
    status === 'returned' ? 'traceReturned' : status === 'raised' ? 'traceRaised' : 'traceCancelled';
  const actions: (Settle | TraceEnd | 'notifyWaiters')[] = [settle, trace, 'notifyWaiters'];
  return { target: `#task.${status}`, actions };
}

type SleepEndAction =
  | 'receiveNothing'
  | 'appendToReadyQueue'
  | 'traceCancelRequested'
  | 'countRequest'
  | 'removeSleepTimer'
  | 'receiveCancelledError';
/** A sleep (the body's, or the cleanup's after a cancel) ends when its timer fires (S5) or on a cancel (T4c). */
function sleepEnds() {
  const timer: SleepEndAction[] = ['receiveNothing', 'appendToReadyQueue'];
  const cancel: SleepEndAction[] = [
    'traceCancelRequested',
    'countRequest',
    'removeSleepTimer',
    'receiveCancelledError',
    'appendToReadyQueue',
  ];
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
    bodyReturns: (args) => op(args) === 'return' || op(args) === 'returnGatherResult' || op(args) === 'returnCurrent',
    bodyRaises: (args) => op(args) === 'raise',
    bodyHangs: (args) => op(args) === 'hang',
    insideCancelHandler: ({ context }) => context.inHandler,
    // TO2/TO3: an exception leaves the innermost timeout scope (its deadline removed; maybe a TimeoutError)
    errorLeavesTimeoutScope: ({ context }) => context.received?.kind === 'error' && context.scopes.length > 0,
    // T4f-await variant (profiles.ts, cpython): the pending cancel is forwarded to the awaited task, which accepts
    // it; the task awaits on without a cancel of its own (seed: never)
    awaitForwardsPendingCancel: () => false,
    // T4f: a cancel requested while running is delivered at this suspension instead of suspending
    suspendsWithCancelPending: (args) =>
      args.context.cancelPending &&
      (op(args) === 'sleep' ||
        op(args) === 'hang' ||
        ((op(args) === 'awaitTask' || op(args) === 'shieldTask') && !awaitedDone(args))),
    handlerSwallowsWithCancelPending: (args) =>
      args.context.cancelPending &&
      receivedCancelledError(args) &&
      typeof args.context.program.onCancel === 'object' &&
      'swallow' in args.context.program.onCancel,
    handlerSuspendsWithCancelPending: (args) =>
      args.context.cancelPending && receivedCancelledError(args) && cleanupMs(args) !== undefined,
    // T4h: the pending cancel is not lost when the body returns without suspending again
    returnsWithCancelPending: (args) =>
      args.context.cancelPending &&
      (op(args) === 'return' || op(args) === 'returnCurrent' || op(args) === 'returnGatherResult'),
    bodyCancelsTask: (args) => op(args) === 'cancelTask',
    bodyCreatesTask: (args) => op(args) === 'createTask',
    bodyEntersTimeout: (args) => op(args) === 'timeoutEnter',
    bodyLeavesTimeout: (args) => op(args) === 'timeoutExit',
    // awaiting (or shielding, SH3) a finished task does not suspend
    awaitedTaskDone: (args) => (op(args) === 'awaitTask' || op(args) === 'shieldTask') && awaitedDone(args),
    bodyAwaitsTask: (args) => op(args) === 'awaitTask',
    bodyShieldsTask: (args) => op(args) === 'shieldTask',
    awaitedTaskEnded: ({ context }) => context.world.resultOf(context.awaiting ?? '') !== undefined,
    // T4: a cancel already pending takes no new event (only the request is counted)
    cancelAlreadyPending: ({ context }) => context.cancelPending,
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
    // TO3: every cancel request is counted, even one that finds a cancel pending
    countRequest: assign({ requests: ({ context }) => context.requests + 1 }),
    // T4f
    setCancelPending: assign({ cancelPending: true }),
    clearCancelPending: assign({ cancelPending: false }),
    cancelTarget: (args) => args.context.world.cancel(target(args)),
    createTask: ({ context }) => {
      const i = context.program.instructions[context.pc];
      if (i?.op === 'createTask') context.world.createTask(i.path);
    },
    // T4f: the cancel goes on to what the task was about to await (a shield's future: nothing to forward)
    forwardPendingCancel: (args) => {
      if (op(args) === 'awaitTask') args.context.world.cancel(target(args));
    },
    // TO1: the deadline timer is set on entry
    setDeadline: ({ context }) => {
      const i = context.program.instructions[context.pc];
      if (i?.op === 'timeoutEnter') context.world.setDeadline(context.path, context.scopes.length, i.ms);
    },
    enterTimeoutScope: assign({
      scopes: ({ context }) => [...context.scopes, { requestsAtEntry: context.requests }],
      current: null,
    }),
    // TO1: a scope left (normally or by an exception) removes its deadline timer
    removeDeadline: ({ context }) => context.world.removeDeadline(context.path, context.scopes.length - 1),
    // TO4: a scope left normally after its expiry takes back its own cancel request
    leaveTimeoutScope: assign(({ context }) => {
      const expired = context.world.deadlineExpired(context.path, context.scopes.length - 1);
      return {
        scopes: context.scopes.slice(0, -1),
        requests: expired ? Math.max(0, context.requests - 1) : context.requests,
      };
    }),
    // TO2/TO3: expired, its own request taken back, none other standing, a CancelledError: it becomes TimeoutError
    leaveTimeoutScopeWithError: assign(({ context }) => {
      const scope = context.scopes[context.scopes.length - 1]!;
      let requests = context.requests;
      let received = context.received;
      if (context.world.deadlineExpired(context.path, context.scopes.length - 1)) {
        requests = Math.max(0, requests - 1);
        if (requests <= scope.requestsAtEntry && received?.kind === 'error' && received.name === CANCELLED_ERROR) {
          received = { kind: 'error', name: TIMEOUT_ERROR };
        }
      }
      return { scopes: context.scopes.slice(0, -1), requests, received };
    }),
    setAwaiting: assign({ awaiting: (args) => target(args) }),
    awaitTask: (args) => args.context.world.awaitTask(args.context.path, target(args)),
    shieldTask: (args) => args.context.world.shieldTask(args.context.path, target(args)),
    // SH1: the shield's future is cancelled: what the shielded task ends with no longer reaches this one
    detachShield: ({ context }) => context.world.detachShield(context.path, context.awaiting ?? ''),
    // T4g
    forwardCancelToAwaited: ({ context }) => context.world.forwardCancelToTask(context.path, context.awaiting ?? ''),
    // an awaited task ended: its value becomes the current value, its exception is thrown in
    receiveFromAwaited: assign(({ context, event }) => {
      if (event.type !== 'WAKE') return {};
      return {
        received: event.received,
        current: event.received.kind === 'value' ? event.received.value : context.current,
        awaiting: null,
      };
    }),
    receiveFromDoneTask: assign(({ context }) => {
      const i = context.program.instructions[context.pc];
      const r = i !== undefined && 'target' in i ? context.world.resultOf(i.target) : undefined;
      if (r === undefined) return {};
      if (r.status === 'returned') return { received: { kind: 'value', value: r.value } as Received, current: r.value };
      return { received: { kind: 'error', name: r.status === 'raised' ? r.error : CANCELLED_ERROR } as Received };
    }),
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
        else if (i?.op === 'returnCurrent') value = context.current;
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
    current: null,
    requests: 0,
    cancelPending: false,
    awaiting: null,
    scopes: [],
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
            CANCEL: { target: 'cancelRequested', actions: ['traceCancelRequested', 'countRequest'] },
          },
        },
        cancelRequested: {
          on: {
            // T4a: the body never runs; no `started`
            STEP: finishTo('cancelled', 'settleCancelled'),
            // T4: a cancel is already pending: nothing more
            CANCEL: { actions: 'countRequest' },
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
              { guard: 'errorLeavesTimeoutScope', actions: ['removeDeadline', 'leaveTimeoutScopeWithError'] },
              // T4h: a handler that swallows returns, but a cancel requested meanwhile is not lost
              { guard: 'handlerSwallowsWithCancelPending', ...finishTo('cancelled', 'settleCancelled') },
              { guard: 'cancelHandlerSwallows', ...finishTo('returned', 'settleSwallowed') },
              // T4f: the handler's cleanup sleep is where the pending cancel is delivered (no `suspended`)
              {
                guard: 'handlerSuspendsWithCancelPending',
                target: '#task.queued.cancelRequested',
                actions: ['enterCancelHandler', 'clearCancelPending', 'appendToReadyQueue'],
              },
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
              // T4f-await (cpython): registered as a waiter, then the cancel goes to the awaited task (T4g)
              {
                guard: 'awaitForwardsPendingCancel',
                target: '#task.suspended.awaitingTask',
                actions: [
                  'traceSuspended',
                  'setAwaiting',
                  'awaitTask',
                  'clearCancelPending',
                  'forwardPendingCancel',
                  'nextInstruction',
                ],
              },
              // T4f: no `suspended`; queued with CancelledError (an awaited task gets the cancel)
              {
                guard: 'suspendsWithCancelPending',
                target: '#task.queued.cancelRequested',
                actions: [
                  'clearCancelPending',
                  'receiveCancelledError',
                  'appendToReadyQueue',
                  'forwardPendingCancel',
                  'nextInstruction',
                ],
              },
              // T4h
              { guard: 'returnsWithCancelPending', ...finishTo('cancelled', 'settleCancelled') },
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
              { guard: 'bodyCancelsTask', actions: ['cancelTarget', 'nextInstruction'] },
              { guard: 'bodyCreatesTask', actions: ['createTask', 'nextInstruction'] },
              { guard: 'bodyEntersTimeout', actions: ['setDeadline', 'enterTimeoutScope', 'nextInstruction'] },
              { guard: 'bodyLeavesTimeout', actions: ['removeDeadline', 'leaveTimeoutScope', 'nextInstruction'] },
              { guard: 'awaitedTaskDone', actions: ['receiveFromDoneTask', 'nextInstruction'] },
              {
                guard: 'bodyAwaitsTask',
                target: '#task.suspended.awaitingTask',
                actions: ['traceSuspended', 'setAwaiting', 'awaitTask', 'nextInstruction'],
              },
              {
                guard: 'bodyShieldsTask',
                target: '#task.suspended.awaitingShield',
                actions: ['setAwaiting', 'shieldTask', 'traceSuspended', 'nextInstruction'],
              },
              { guard: 'bodyReturns', ...finishTo('returned', 'settleReturned') },
              { guard: 'bodyRaises', ...finishTo('raised', 'settleRaised') },
              { guard: 'bodyHangs', target: '#task.suspended.hanging', actions: 'traceSuspended' },
            ],
            // G2: a gather decided at once hands its result to the running caller
            WAKE: { actions: 'receiveFromGather' },
            // T4f: a cancel of the running task (itself, or through an await chain back to it) is pending
            CANCEL: [
              { guard: 'cancelAlreadyPending', actions: 'countRequest' },
              { actions: ['traceCancelRequested', 'countRequest', 'setCancelPending'] },
            ],
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
              actions: ['traceCancelRequested', 'countRequest', 'receiveCancelledError', 'appendToReadyQueue'],
            },
          },
        },
        awaitingGather: {
          on: {
            // S5 / G3 / G4
            WAKE: { target: '#task.queued.woken', actions: ['receiveFromGather', 'appendToReadyQueue'] },
            // T4d: the cancel goes to the gather first (G6)
            CANCEL: {
              target: 'cancellingGather',
              actions: ['traceCancelRequested', 'countRequest', 'forwardCancelToGather'],
            },
          },
        },
        cancellingGather: {
          on: {
            // G6: the gather wakes its caller with CancelledError
            WAKE: { target: '#task.queued.cancelRequested', actions: ['receiveFromGather', 'appendToReadyQueue'] },
            // T4: a cancel is already pending (no event); only a profile that defers the wake stays here, and
            // there the task still waits on its gather, which passes the cancel on to its children again
            CANCEL: { actions: ['countRequest', 'forwardCancelToGather'] },
          },
        },
        awaitingTask: {
          on: {
            // T5: the awaited task ended; its value or exception is received
            WAKE: { target: '#task.queued.woken', actions: ['receiveFromAwaited', 'appendToReadyQueue'] },
            CANCEL: [
              // T4g: the awaited task has ended (its waiters are being told): the cancel stays pending (T4b)
              { guard: 'awaitedTaskEnded', target: 'awaitedEnded', actions: ['traceCancelRequested', 'countRequest'] },
              // T4g: forwarded to the awaited task; this one keeps no cancel of its own
              {
                target: 'forwardingCancel',
                actions: ['traceCancelRequested', 'countRequest', 'forwardCancelToAwaited'],
              },
            ],
          },
        },
        awaitedEnded: {
          on: {
            // T4b: woken by the ended task, it receives CancelledError instead
            WAKE: { target: '#task.queued.cancelRequested', actions: ['receiveCancelledError', 'appendToReadyQueue'] },
            CANCEL: { actions: 'countRequest' },
          },
        },
        forwardingCancel: {
          on: {
            // T4: pending while it is forwarded (an await cycle brings it back here)
            CANCEL: { actions: 'countRequest' },
            // T4g: accepted there: it awaits on, without a cancel of its own
            FORWARDED: { target: 'awaitingTask' },
          },
        },
        awaitingShield: {
          on: {
            // SH1/SH2: the shielded task ended (cancelled: the shield is cancelled too)
            WAKE: { target: '#task.queued.woken', actions: ['receiveFromAwaited', 'appendToReadyQueue'] },
            // SH1: only the shield's future is cancelled; the task is woken with CancelledError at once
            CANCEL: {
              target: '#task.queued.cancelRequested',
              actions: [
                'traceCancelRequested',
                'countRequest',
                'detachShield',
                'receiveCancelledError',
                'appendToReadyQueue',
              ],
            },
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
            CANCEL: {
              target: 'cancelRequested',
              actions: ['traceCancelRequested', 'countRequest', 'receiveCancelledError'],
            },
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
            CANCEL: { actions: 'countRequest' },
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
