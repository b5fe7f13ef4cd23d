// The shape in which the model lists its statecharts' states and transitions, and counts visits to them.

export interface GraphState {
  /** `<machine>.<state path>`, e.g. `task.suspended` or `task.running.cleanup`. */
  id: string;
  machine: string;
}

export interface GraphTransition {
  /** `<source> --<EVENT>--> <target>`. */
  id: string;
  machine: string;
  source: string;
  target: string;
  event: string;
}

/**
 * One guard outcome (docs/coverage.md). For an event's list of alternatives in one state, xstate evaluates the
 * guards in order and takes the first alternative whose guard holds (an unguarded one always holds):
 * - `taken`: the alternative was selected (its guard was evaluated and true, or it has none);
 * - `false`: its guard was evaluated and false (every earlier guard in the list was false too, so it was reached).
 * Listed for every alternative of a list that has a guard (`taken`), and for every guarded one (`false`).
 * Guards checked inside actions (`enqueueActions`' `check`, the profiles' variation points) are `check`
 * outcomes: `true` and `false`, per machine and guard.
 */
export interface GraphGuard {
  /** `<source> --<EVENT> [<guard>]--> <target>` (taken), `<source> --<EVENT> [<guard>]: false`, `<machine>: check <guard>: true`. */
  id: string;
  machine: string;
  kind: 'taken' | 'false' | 'check';
  /** The guard's name; `else` for an unguarded alternative. */
  guard: string;
  /** For `taken` and `false`: the alternative's state, event, target, and place in its list (0-based). */
  source?: string;
  event?: string;
  target?: string;
  index?: number;
  /** For `check`: the guard's value. */
  value?: boolean;
}

/** Two transitions one machine instance takes one after the other (transition-pair coverage). */
export interface GraphPair {
  /** `<first transition id> => <second transition id>`. */
  id: string;
  machine: string;
  first: string;
  second: string;
}

export interface ModelGraph {
  machines: string[];
  states: GraphState[];
  transitions: GraphTransition[];
  /** Guard outcomes (absent: not listed; coverage of this kind is not reported). */
  guards?: GraphGuard[];
  /** Every pair the statecharts' structure allows (absent: not listed). */
  pairs?: GraphPair[];
}

/** Visit counts keyed by the ids above; `simulate(scenario, { coverage })` adds to it. */
export interface Coverage {
  states: Map<string, number>;
  transitions: Map<string, number>;
  /** Guard outcomes (counted when present). */
  guards?: Map<string, number>;
  /** Transition pairs (counted when present). */
  pairs?: Map<string, number>;
}

export function emptyCoverage(): Coverage {
  return { states: new Map(), transitions: new Map(), guards: new Map(), pairs: new Map() };
}
