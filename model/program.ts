// A scenario body as a program (docs/rules.md §4): the child body and the gather body as lists of instructions.
import {
  isGatherChild,
  isStepsChild,
  PATH_SEPARATOR,
  type Child,
  type ChildV2,
  type CreatedChild,
  type GatherNode,
  type GatherNodeV2,
  type Json,
  type OnCancel,
  type Step,
} from './scenario-types.ts';

export type Instruction =
  | { op: 'sleep'; ms: number }
  | { op: 'createTaskChildren' }
  | { op: 'gather' }
  | { op: 'awaitGather' }
  | { op: 'returnGatherResult' }
  | { op: 'return'; value: Json }
  | { op: 'raise'; error: string }
  | { op: 'hang' }
  // format 2 (docs/rules.md §4b)
  /** `yield* task(target)` (T4g while awaiting); a finished target does not suspend. */
  | { op: 'awaitTask'; target: string }
  /** `yield* shield(task(target))` (SH1–SH3). */
  | { op: 'shieldTask'; target: string }
  /** `task(target).cancel()` (T4, T4f on itself). */
  | { op: 'cancelTask'; target: string }
  /** `createTask(body of path)` (T1). */
  | { op: 'createTask'; path: string }
  /** Enters `timeout(ms, …)`: its deadline timer is set now (TO1). */
  | { op: 'timeoutEnter'; ms: number }
  /** The timeout's inner steps ended normally: the deadline timer is removed (TO1, TO4). */
  | { op: 'timeoutExit' }
  /** A body whose last step is not an end step returns its current value. */
  | { op: 'returnCurrent' };

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

/** Format 2's gather body (§4b): as format 1's, the await under `timeout(timeoutMs, …)` when set. */
export function gatherBodyV2(node: GatherNodeV2, onCancel: OnCancel = 'propagate'): Program {
  const instructions: Instruction[] = [];
  if (node.children.some((c) => c.task === true)) instructions.push({ op: 'createTaskChildren' });
  if (node.gatherAfter !== undefined) instructions.push({ op: 'sleep', ms: node.gatherAfter });
  // the gather is called before the timeout is entered (its argument is evaluated first)
  instructions.push({ op: 'gather' });
  if (node.timeoutMs !== undefined)
    instructions.push({ op: 'timeoutEnter', ms: node.timeoutMs }, { op: 'awaitGather' }, { op: 'timeoutExit' });
  else instructions.push({ op: 'awaitGather' });
  instructions.push({ op: 'returnGatherResult' });
  return { instructions, onCancel };
}

/** The error a self-cancel raises under a profile with `cancelSelfRaisesRuntimeError` (T4f-m). */
export const CANT_CANCEL_SELF_ERROR = 'RuntimeError';

/**
 * Format 2's child body at `path`: a format 1 leaf, a gather child, or its steps. `cancelSelfRaises` (T4f-m,
 * MicroPython): a `{cancel: <path>}` step raises RuntimeError there ("can't cancel self") instead of cancelling.
 */
export function childBodyV2(child: ChildV2 | CreatedChild, path: string, cancelSelfRaises = false): Program {
  const onCancel = child.onCancel ?? 'propagate';
  if ('gather' in child) return gatherBodyV2(child.gather, onCancel);
  if (!isStepsChild(child)) return childBody(child as Child);
  const instructions: Instruction[] = [];
  const emit = (steps: readonly Step[]): void => {
    for (const step of steps) {
      if (step === 'hang') instructions.push({ op: 'hang' });
      else if ('sleep' in step) instructions.push({ op: 'sleep', ms: step.sleep });
      else if ('await' in step) instructions.push({ op: 'awaitTask', target: step.await });
      else if ('shield' in step) instructions.push({ op: 'shieldTask', target: step.shield });
      else if ('cancel' in step && cancelSelfRaises && step.cancel === path)
        instructions.push({ op: 'raise', error: CANT_CANCEL_SELF_ERROR }); // T4f-m
      else if ('cancel' in step) instructions.push({ op: 'cancelTask', target: step.cancel });
      else if ('create' in step)
        instructions.push({ op: 'createTask', path: path + PATH_SEPARATOR + step.create.name });
      else if ('timeout' in step) {
        instructions.push({ op: 'timeoutEnter', ms: step.timeout });
        emit(step.steps);
        instructions.push({ op: 'timeoutExit' });
      } else if ('return' in step) instructions.push({ op: 'return', value: step.return });
      else instructions.push({ op: 'raise', error: step.raise });
    }
  };
  emit(child.steps);
  const last = instructions[instructions.length - 1]?.op;
  if (last !== 'return' && last !== 'raise' && last !== 'hang') instructions.push({ op: 'returnCurrent' });
  return { instructions, onCancel };
}
