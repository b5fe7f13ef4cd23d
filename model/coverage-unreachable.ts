// The guard outcomes and transition pairs the statecharts allow but the model can never produce, each with why
// (model/coverage.test.ts checks that none occurs in a large seeded run, and that everything else is covered).
import { guardFalseId, pairId } from './coverage-ids.ts';

export interface Unreachable {
  id: string;
  kind: 'guard' | 'pair';
  /** Why no scenario can produce it, citing the rules (docs/rules.md) or the program shape (program.ts). */
  reason: string;
}

const T = {
  startFresh: 'task.scheduled.fresh --STEP--> task.running.body',
  startWoken: 'task.queued.woken --STEP--> task.running.body',
  startCancelRequested: 'task.queued.cancelRequested --STEP--> task.running.body',
  runStays: 'task.running.body --RUN--> task.running.body',
  wakeRunning: 'task.running.body --WAKE--> task.running.body',
  toCleaningUp: 'task.running.body --RUN--> task.suspended.cleaningUp',
  toCancelled: 'task.running.body --RUN--> task.cancelled',
  toRaised: 'task.running.body --RUN--> task.raised',
  toSleeping: 'task.running.body --RUN--> task.suspended.sleeping',
  toAwaiting: 'task.running.body --RUN--> task.suspended.awaitingGather',
  toHanging: 'task.running.body --RUN--> task.suspended.hanging',
  resumeCleanupFromWoken: 'task.queued.woken --STEP--> task.running.cleanup',
  resumeCleanupFromCancelRequested: 'task.queued.cancelRequested --STEP--> task.running.cleanup',
  sleepEnds: 'task.suspended.sleeping --TIMER--> task.queued.woken',
  sleepCancelled: 'task.suspended.sleeping --CANCEL--> task.queued.cancelRequested',
  cleanupEnds: 'task.suspended.cleaningUp --TIMER--> task.queued.woken',
  cleanupCancelled: 'task.suspended.cleaningUp --CANCEL--> task.queued.cancelRequested',
  hangCancelled: 'task.suspended.hanging --CANCEL--> task.queued.cancelRequested',
  gatherWoke: 'task.suspended.awaitingGather --WAKE--> task.queued.woken',
  gatherWokeCancelled: 'task.suspended.cancellingGather --WAKE--> task.queued.cancelRequested',
  gatherCancelledAgain: 'gather.cancelled --CANCEL--> gather.cancelled',
  callerRuns: 'gather.cancelled --CALLER_RUNS--> gather.cancelled',
} as const;

const group = (kind: Unreachable['kind'], reason: string, ids: string[]): Unreachable[] => ids.map((id) => ({ id, kind, reason }));
const after = (first: string, seconds: string[]): string[] => seconds.map((second) => pairId(first, second));

export const UNREACHABLE: readonly Unreachable[] = [
  ...group('guard', 'the last RUN alternative: every instruction matches an earlier guard or `hang` (program.ts), so bodyHangs is only evaluated on a hang', [
    guardFalseId('task.running.body', 'RUN', 'bodyHangs'),
  ]),
  ...group('pair', 'T2: a task that has just started has received nothing: no CancelledError for its handler or to escape', after(T.startFresh, [T.toCleaningUp, T.toCancelled])),
  ...group('pair', 'program.ts: awaitGather directly follows gather in the same step, so no step begins at awaitGather', [
    ...after(T.startFresh, [T.toAwaiting]),
    ...after(T.startWoken, [T.toAwaiting]),
  ]),
  ...group('pair', 'G2: a running body is woken only by the gather it has just called (a RUN that stays in running.body), never right after it starts or after another wake', [
    ...after(T.startFresh, [T.wakeRunning]),
    ...after(T.startWoken, [T.wakeRunning]),
    ...after(T.startCancelRequested, [T.wakeRunning]),
    ...after(T.wakeRunning, [T.wakeRunning]),
  ]),
  ...group('pair', 'a RUN that stays in running.body (createTaskChildren, a gather call, a gather decided with a value) leaves nothing raised to handle, and gather bodies never raise or hang (program.ts)', after(T.runStays, [T.toCleaningUp, T.toCancelled, T.toRaised, T.toHanging])),
  ...group('pair', 'G2: after the gather call wakes its caller, the next instruction is awaitGather: the RUN finishes the decided gather or handles its exception, never sleeps, hangs or suspends on it', after(T.wakeRunning, [T.toSleeping, T.toAwaiting, T.toHanging])),
  ...group('pair', '§4: only a cleanup sleep is inside the cancel handler; a task woken from a body sleep, a hang or a gather resumes its body', [
    ...after(T.sleepEnds, [T.resumeCleanupFromWoken]),
    ...after(T.gatherWoke, [T.resumeCleanupFromWoken]),
    ...after(T.sleepCancelled, [T.resumeCleanupFromCancelRequested]),
    ...after(T.hangCancelled, [T.resumeCleanupFromCancelRequested]),
    ...after(T.gatherWokeCancelled, [T.resumeCleanupFromCancelRequested]),
  ]),
  ...group('pair', '§4: once inside the cancel handler a task stays there: after its cleanup sleep it resumes the cleanup, never the body', [
    ...after(T.cleanupEnds, [T.startWoken]),
    ...after(T.cleanupCancelled, [T.startCancelRequested]),
  ]),
  ...group('pair', 'G6m: CALLER_RUNS is micropython-only, where the cancelled caller is woken at once with its cancel pending: a second cancel of it is absorbed (T4) and never reaches the gather; once it has run it waits on the gather no more; and the gather is told once', [
    ...after(T.gatherCancelledAgain, [T.callerRuns]),
    ...after(T.callerRuns, [T.gatherCancelledAgain, T.callerRuns]),
  ]),
  ...group('pair', 'T4b/T4c: a task resumed after a cancel was delivered holds a CancelledError: its first RUN handles it (swallow, cleanup) or lets it escape', after(T.startCancelRequested, [T.toRaised, T.toSleeping, T.runStays, T.toAwaiting, T.toHanging])),
];

const byId = new Map(UNREACHABLE.map((u) => [u.id, u]));

/** Why `id` can never be covered, or undefined when it can. */
export function unreachableReason(id: string): string | undefined {
  return byId.get(id)?.reason;
}
