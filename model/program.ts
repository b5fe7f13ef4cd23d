// A scenario body as a program (docs/rules.md §4): the child body and the gather body as lists of instructions.
import { isGatherChild, type Child, type GatherNode, type Json, type OnCancel } from './scenario-types.ts';

export type Instruction =
  | { op: 'sleep'; ms: number }
  | { op: 'createTaskChildren' }
  | { op: 'gather' }
  | { op: 'awaitGather' }
  | { op: 'returnGatherResult' }
  | { op: 'return'; value: Json }
  | { op: 'raise'; error: string }
  | { op: 'hang' };

/** What a task runs: its instructions and its `except CancelledError` handler. */
export interface Program {
  instructions: Instruction[];
  onCancel: OnCancel;
}

/** The gather body: create task children, optionally sleep, gather, return the gather's result. */
// Stryker disable next-line StringLiteral: equivalent: the task machine treats every string onCancel as propagate (only the object forms differ)
export function gatherBody(node: GatherNode, onCancel: OnCancel = 'propagate'): Program {
  const instructions: Instruction[] = [];
  if (node.children.some((c) => c.task === true)) instructions.push({ op: 'createTaskChildren' });
  if (node.gatherAfter !== undefined) instructions.push({ op: 'sleep', ms: node.gatherAfter });
  instructions.push({ op: 'gather' }, { op: 'awaitGather' }, { op: 'returnGatherResult' });
  return { instructions, onCancel };
}

/** The child body: its sleeps, then its end. A nested-gather child runs the gather body. */
export function childBody(child: Child): Program {
  // Stryker disable next-line StringLiteral: equivalent: as above, any string onCancel propagates
  const onCancel = child.onCancel ?? 'propagate';
  if (isGatherChild(child)) return gatherBody(child.gather, onCancel);
  const instructions: Instruction[] = child.sleeps.map((ms) => ({ op: 'sleep', ms }) as const);
  const end = child.end;
  if (end === 'hang') instructions.push({ op: 'hang' });
  else if ('return' in end) instructions.push({ op: 'return', value: end.return });
  else instructions.push({ op: 'raise', error: end.raise });
  return { instructions, onCancel };
}
