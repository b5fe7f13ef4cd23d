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
  // format 2 (docs/rules.md §4b)
  toQueuedCancelRequested: 'task.running.body --RUN--> task.queued.cancelRequested',
  cancelRunning: 'task.running.body --CANCEL--> task.running.body',
  toAwaitingTask: 'task.running.body --RUN--> task.suspended.awaitingTask',
  toAwaitingShield: 'task.running.body --RUN--> task.suspended.awaitingShield',
  toReturned: 'task.running.body --RUN--> task.returned',
  toWoken: 'task.running.body --RUN--> task.queued.woken',
  awaitedWoke: 'task.suspended.awaitingTask --WAKE--> task.queued.woken',
  awaitedEndedWoke: 'task.suspended.awaitedEnded --WAKE--> task.queued.cancelRequested',
  shieldWoke: 'task.suspended.awaitingShield --WAKE--> task.queued.woken',
  shieldCancelled: 'task.suspended.awaitingShield --CANCEL--> task.queued.cancelRequested',
} as const;

const group = (kind: Unreachable['kind'], reason: string, ids: string[]): Unreachable[] =>
  ids.map((id) => ({ id, kind, reason }));
const after = (first: string, seconds: string[]): string[] => seconds.map((second) => pairId(first, second));

export const UNREACHABLE: readonly Unreachable[] = [
  ...group(
    'guard',
    'the last RUN alternative: every instruction matches an earlier guard or `hang` (program.ts), so bodyHangs is only evaluated on a hang',
    [guardFalseId('task.running.body', 'RUN', 'bodyHangs')],
  ),
  ...group(
    'pair',
    'T2: a task that has just started has received nothing: no CancelledError for its handler or to escape',
    after(T.startFresh, [T.toCleaningUp, T.toCancelled]),
  ),
  ...group(
    'pair',
    'program.ts: awaitGather directly follows gather in the same step, so no step begins at awaitGather',
    [...after(T.startFresh, [T.toAwaiting]), ...after(T.startWoken, [T.toAwaiting])],
  ),
  ...group(
    'pair',
    'G2: a running body is woken only by the gather it has just called (a RUN that stays in running.body), never right after it starts or after another wake',
    [
      ...after(T.startFresh, [T.wakeRunning]),
      ...after(T.startWoken, [T.wakeRunning]),
      ...after(T.startCancelRequested, [T.wakeRunning]),
      ...after(T.wakeRunning, [T.wakeRunning]),
    ],
  ),
  ...group(
    'pair',
    'G2: after the gather call wakes its caller, the next instruction is awaitGather: the RUN finishes the decided gather or handles its exception, never sleeps, hangs or suspends on it',
    after(T.wakeRunning, [T.toSleeping, T.toAwaiting, T.toHanging]),
  ),
  ...group(
    'pair',
    '§4: only a cleanup sleep is inside the cancel handler; a task woken from a body sleep, a hang or a gather resumes its body',
    [
      ...after(T.sleepEnds, [T.resumeCleanupFromWoken]),
      ...after(T.gatherWoke, [T.resumeCleanupFromWoken]),
      ...after(T.sleepCancelled, [T.resumeCleanupFromCancelRequested]),
      ...after(T.hangCancelled, [T.resumeCleanupFromCancelRequested]),
      ...after(T.gatherWokeCancelled, [T.resumeCleanupFromCancelRequested]),
    ],
  ),
  ...group(
    'pair',
    '§4: once inside the cancel handler a task stays there: after its cleanup sleep it resumes the cleanup, never the body',
    [...after(T.cleanupEnds, [T.startWoken]), ...after(T.cleanupCancelled, [T.startCancelRequested])],
  ),
  ...group(
    'pair',
    'G6m: CALLER_RUNS is micropython-only, where the cancelled caller is woken at once with its cancel pending: a second cancel of it is absorbed (T4) and never reaches the gather; once it has run it waits on the gather no more; and the gather is told once',
    [...after(T.gatherCancelledAgain, [T.callerRuns]), ...after(T.callerRuns, [T.gatherCancelledAgain, T.callerRuns])],
  ),
  ...group(
    'pair',
    'T4b/T4c: a task resumed after a cancel was delivered holds a CancelledError: its first RUN handles it (swallow, cleanup) or lets it escape (cpython G6c: a deferred wake may bring a child’s error instead, which escapes: toRaised is reachable there)',
    after(T.startCancelRequested, [
      T.toSleeping,
      T.toAwaiting,
      T.toHanging,
      T.toAwaitingTask,
      T.toAwaitingShield,
      T.toQueuedCancelRequested,
    ]),
  ),
  ...group(
    'pair',
    "T4f: a running task is cancelled only by what its own RUN does (a cancel step, a chain of awaits back to it, its gather's G2 decision), never right as its step begins",
    [
      ...after(T.startFresh, [T.cancelRunning]),
      ...after(T.startWoken, [T.cancelRunning]),
      ...after(T.startCancelRequested, [T.cancelRunning]),
    ],
  ),
  ...group(
    'pair',
    'T4f/T4h: every way out of running.body clears a pending cancel (delivered at the suspension, or the task ends), so no step begins with one and its first RUN never delivers one',
    [...after(T.startFresh, [T.toQueuedCancelRequested]), ...after(T.startWoken, [T.toQueuedCancelRequested])],
  ),
  ...group(
    'pair',
    "G2: after the gather call wakes its caller, the next instruction is awaitGather or the timeout around it (program.ts): never an await or shield of a task; a cancel pending then comes from G3's sibling cancels, which follow an exception that escapes first",
    after(T.wakeRunning, [T.toAwaitingTask, T.toAwaitingShield, T.toQueuedCancelRequested]),
  ),
  ...group(
    'pair',
    'T4f/T4h: with a cancel pending, a suspension delivers it instead (queued.cancelRequested), a return or a swallow ends cancelled; a gather body is cancelled while running only by its own G2 decision, whose exception escapes first (cpython T4f-await: an await forwards it and suspends, so toAwaitingTask is reachable there)',
    after(T.cancelRunning, [
      T.toReturned,
      T.toCleaningUp,
      T.toWoken,
      T.toSleeping,
      T.toAwaiting,
      T.toAwaitingShield,
      T.toHanging,
    ]),
  ),
  ...group(
    'pair',
    'G7: a gather wakes its caller before it cancels the siblings, and nothing else a gather body does cancels anything: a cancel of a running gather body never comes before its wake',
    after(T.cancelRunning, [T.wakeRunning]),
  ),
  ...group(
    'pair',
    '§4: inside the cancel handler a task only sleeps (its cleanup): it never awaits a task or a shield',
    [
      ...after(T.awaitedWoke, [T.resumeCleanupFromWoken]),
      ...after(T.awaitedEndedWoke, [T.resumeCleanupFromCancelRequested]),
      ...after(T.shieldWoke, [T.resumeCleanupFromWoken]),
      ...after(T.shieldCancelled, [T.resumeCleanupFromCancelRequested]),
    ],
  ),
];

const byId = new Map(UNREACHABLE.map((u) => [u.id, u]));

/** Why `id` can never be covered, or undefined when it can. */
export function unreachableReason(id: string): string | undefined {
  return byId.get(id)?.reason;
}
