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

// --- Scenario format 2 (docs/rules.md §4b): steps, awaits, creates, timeouts, shields, repeated args, shutdown ---

/** One step of a steps child's body (§4b). End steps (`return`, `raise`, `hang`) only last. */
export type Step =
  | { sleep: number }
  | { await: string }
  | { shield: string }
  | { cancel: string }
  | { create: CreatedChild }
  | { timeout: number; steps: Step[] }
  | { return: Json }
  | { raise: string }
  | 'hang';

/** A child whose body is a list of steps. */
export interface StepsChild {
  name: string;
  steps: Step[];
  onCancel?: OnCancel;
  task?: boolean;
}

/** A task a `create` step creates: a leaf or steps body (no `task`, no `gather`). */
export type CreatedChild = Omit<LeafChild, 'task'> | Omit<StepsChild, 'task'>;

/** A gather node of format 2: format 1's, plus `args` (names, may repeat) and `timeoutMs`. */
export interface GatherNodeV2 {
  returnExceptions: boolean;
  gatherAfter?: number;
  /** The gather's arguments as child names of this node (default: every child once, in order). */
  args?: string[];
  /** The body awaits its gather under `timeout(timeoutMs, …)` (TO1–TO4). */
  timeoutMs?: number;
  children: ChildV2[];
}

export interface GatherChildV2 {
  name: string;
  gather: GatherNodeV2;
  onCancel?: OnCancel;
  task?: boolean;
}

export type ChildV2 = LeafChild | GatherChildV2 | StepsChild;

export interface ScenarioV2 extends GatherNodeV2 {
  loopcheck: 2;
  profile: Profile;
  /** true: the run ends as asyncio.run (R1); false: run until idle (S4). */
  shutdown: boolean;
  cancels: Cancel[];
}

/** A scenario of either format. */
export type AnyScenario = Scenario | ScenarioV2;

export function isStepsChild(child: ChildV2 | CreatedChild): child is StepsChild {
  return 'steps' in child;
}

export function isScenarioV2(scenario: AnyScenario): scenario is ScenarioV2 {
  return scenario.loopcheck === 2;
}
