// What a mutant is (a named broken gather, or a patch of the loop's behaviour) and the runner that runs the loop with it.
import type { GatherLike } from '../run-on-loop.ts';
import { runOnLoop } from '../run-on-loop.ts';
import type { SyncRunner } from '../runners.ts';
import { simulate } from '../../model/index.ts';
import type { Profile } from '../../model/scenario-types.ts';

export interface Mutant {
  name: string;
  description: string;
  /** The broken gather substituted for impl's (default: impl's own). */
  gather?: GatherLike;
  /**
   * A bug a substitute gather cannot express: changes the loop's behaviour from outside impl/ (e.g. wraps a
   * prototype method) for one run, and returns the function that undoes it.
   */
  patch?: () => () => void;
  /**
   * How few tasks its counterexamples can shrink to, when more than three: a data-structure bug shows only under
   * many timers or a long ready queue, so the scenarios that show it stay wide.
   */
  minChildren?: number;
  /**
   * A bug of a profile the loop does not implement (the loop is seed's): the mutant is the model under this profile
   * with its `patch` (which then changes the model from outside model/), judged on that profile's scenarios. Default:
   * the loop, seed.
   */
  profile?: Exclude<Profile, 'seed'>;
  /**
   * Set when two runs of one scenario may differ (a random choice inside): the matrix then runs it afresh for each
   * property instead of reusing one run's outcome across the properties (matrix.ts).
   */
  random?: true;
}

/**
 * The loop with the mutant's gather and patch (or, for a `profile` mutant, the model with its patch), as a target
 * named `mutant:<name>`; the patch lasts one run only.
 */
export function mutantRunner(mutant: Mutant): SyncRunner {
  if (mutant.profile !== undefined) {
    return {
      sync: true,
      name: `mutant:${mutant.name}`,
      profile: mutant.profile,
      run: (s) => {
        const undo = mutant.patch?.();
        try {
          return simulate(s);
        } finally {
          undo?.();
        }
      },
    };
  }
  const options = { maxSteps: 100_000, ...(mutant.gather === undefined ? {} : { gather: mutant.gather }) };
  return {
    sync: true,
    name: `mutant:${mutant.name}`,
    profile: 'seed',
    run: (s) => {
      const undo = mutant.patch?.();
      try {
        return runOnLoop(s, options);
      } finally {
        undo?.();
      }
    },
  };
}
