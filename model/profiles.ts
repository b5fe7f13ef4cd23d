// Each profile's choices at the model's variation points, in one place; `seed` is shared/seed/gather-chapter.txt.
import type { Profile } from './scenario-types.ts';
import { gatherMachine } from './gather-machine.ts';
import { taskMachine } from './task-machine.ts';

/**
 * The gather rules on which real runtimes differ from the seed (../shared/semantics.md), as guard values:
 * - `siblingsCancelledOnFailure` (G3): seed cancels siblings still running when the first exception decides;
 *   MicroPython and CPython gather let them keep running.
 * - `callerWokenAtOnceOnAwaiterCancel` (G6): seed (and MicroPython) wake the cancelled awaiter at once;
 *   CPython wakes it only when its children have ended.
 * - `deferredCallerWakeDue` (G6, used only when the wake is deferred): for CPython, the first ended child without
 *   return_exceptions, all children with it.
 */
export interface ProfileChoices {
  siblingsCancelledOnFailure: boolean;
  callerWokenAtOnceOnAwaiterCancel: boolean;
  deferredCallerWakeDue: (remainingChildren: number, returnExceptions: boolean) => boolean;
}

export const PROFILE_CHOICES: Record<Profile, ProfileChoices> = {
  seed: {
    siblingsCancelledOnFailure: true,
    callerWokenAtOnceOnAwaiterCancel: true,
    deferredCallerWakeDue: () => false,
  },
};

export interface ProfileMachines {
  task: typeof taskMachine;
  gather: typeof gatherMachine;
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
        callerWokenAtOnceOnAwaiterCancel: () => choices.callerWokenAtOnceOnAwaiterCancel,
        deferredCallerWakeDue: ({ context }) => choices.deferredCallerWakeDue(context.remaining, context.returnExceptions),
      },
    });
    machines = { task: taskMachine, gather };
    cache.set(profile, machines);
  }
  return machines;
}
