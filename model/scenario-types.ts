// The scenario vocabulary shared by every target: what a run does, as plain JSON data (see docs/rules.md §4).
// Types only; `parseScenario` in scenario.ts validates untrusted JSON into these types.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** How a child body ends once its sleeps are done. */
export type End = { return: Json } | { raise: string } | 'hang';

/** What a child does when `CancelledError` is thrown into it. */
export type OnCancel = 'propagate' | { cleanupMs: number } | { swallow: Json };

/** The profiles a scenario can be checked against; `seed` is the specification in shared/seed. */
export type Profile = 'seed' | 'cpython' | 'micropython';

/** A gather: the awaiter's, or a nested one inside a child. */
export interface GatherNode {
  /** With true every child runs to its end and each entry is its value or its exception. */
  returnExceptions: boolean;
  /** The awaiter creates its task children, sleeps this long, then calls gather. */
  gatherAfter?: number;
  children: Child[];
}

/** A leaf child: sleeps, then ends. */
export interface LeafChild {
  name: string;
  sleeps: number[];
  end: End;
  onCancel?: OnCancel;
  /** Created with createTask before gather is called, so gather receives an existing task. */
  task?: boolean;
}

/** A child that is itself a gather of its own children. */
export interface GatherChild {
  name: string;
  gather: GatherNode;
  onCancel?: OnCancel;
  task?: boolean;
}

export type Child = LeafChild | GatherChild;

export interface Cancel {
  at: number;
  /** `awaiter`, or the path (names joined by `/`) of a child created with `task: true`. */
  target: string;
}

export interface Scenario extends GatherNode {
  loopcheck: 1;
  profile: Profile;
  cancels: Cancel[];
}

export const AWAITER = 'awaiter';
export const PATH_SEPARATOR = '/';

export function isGatherChild(child: Child): child is GatherChild {
  return 'gather' in child;
}
