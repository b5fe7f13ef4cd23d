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

export interface ModelGraph {
  machines: string[];
  states: GraphState[];
  transitions: GraphTransition[];
}

/** Visit counts keyed by the ids above; `simulate(scenario, { coverage })` adds to it. */
export interface Coverage {
  states: Map<string, number>;
  transitions: Map<string, number>;
}

export function emptyCoverage(): Coverage {
  return { states: new Map(), transitions: new Map() };
}
