// What a mutant is (a named broken gather) and the runner that runs the loop with it.
import type { GatherLike } from '../run-on-loop.ts';
import { runOnLoop } from '../run-on-loop.ts';
import type { SyncRunner } from '../runners.ts';

export interface Mutant {
  name: string;
  description: string;
  gather: GatherLike;
}

/** The loop with the mutant's gather, as a target named `mutant:<name>`. */
export function mutantRunner(mutant: Mutant): SyncRunner {
  return { sync: true, name: `mutant:${mutant.name}`, profile: 'seed', run: (s) => runOnLoop(s, { gather: mutant.gather, maxSteps: 100_000 }) };
}
