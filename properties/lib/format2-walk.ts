// Format 2 (docs/rules.md §4b) for properties: every steps body by path, and where in its trace a task reached a step.
import type { AnyScenario, OnCancel, Step } from '../../model/scenario-types.ts';
import { isStepsChild } from '../../model/scenario-types.ts';
import { placedBodies } from '../../model/scenario-paths.ts';
import type { TraceView } from './trace-view.ts';

/** A task whose body is a list of steps (a steps child or a created steps body). */
export interface StepsBody {
  path: string;
  steps: readonly Step[];
  onCancel: OnCancel;
}

/** Every steps body of a format 2 scenario (none for format 1). */
export function stepsBodies(scenario: AnyScenario): StepsBody[] {
  if (scenario.loopcheck !== 2) return [];
  return placedBodies(scenario)
    .filter((p) => isStepsChild(p.body))
    .map((p) => ({
      path: p.path,
      steps: (p.body as { steps: Step[] }).steps,
      onCancel: p.body.onCancel ?? 'propagate',
    }));
}

/** Every step of a body, timeouts' inner steps included (depth first). */
export function allSteps(steps: readonly Step[]): Step[] {
  const out: Step[] = [];
  for (const s of steps) {
    out.push(s);
    if (s !== 'hang' && 'timeout' in s) out.push(...allSteps(s.steps));
  }
  return out;
}

/** Every step of every steps body (the awaiter runs a gather body: it has none). */
export function everyStep(scenario: AnyScenario): Step[] {
  return stepsBodies(scenario).flatMap((b) => allSteps(b.steps));
}

/**
 * Where `body` reached its step `k`, when every step before it is a sleep, a create, or a cancel of another task:
 * `reached` is the index of the event after which it runs step k (its start, or its last sleep's resume), `suspended` is the index of its suspension on step k (-1 when it did not suspend there), `cancelBefore` whether a
 * cancel reached the task before that point (then the body may have left the straight line: callers skip). null when
 * the prefix has other steps or the task never started.
 */
export function straightTo(
  view: TraceView,
  body: StepsBody,
  k: number,
): { reached: number; suspended: number; cancelBefore: boolean } | null {
  let sleeps = 0;
  for (let i = 0; i < k; i++) {
    const s = body.steps[i]!;
    if (s === 'hang') return null;
    if ('sleep' in s) sleeps++;
    else if ('cancel' in s) {
      if (s.cancel === body.path) return null;
    } else if (!('create' in s)) return null;
  }
  const started = view.find(body.path, 'started');
  if (started === -1) return null;
  const reached = sleeps === 0 ? started : (view.eventsOf(body.path, 'resumed')[sleeps - 1] ?? -1);
  if (reached === -1) return null; // still in a sleep (or left it by a cancel)
  const susp = view.eventsOf(body.path, 'suspended');
  const suspended = susp[sleeps] ?? -1;
  const limit = suspended !== -1 ? suspended : view.terminal(body.path) === -1 ? Infinity : view.terminal(body.path);
  const cancelBefore = view.eventsOf(body.path, 'cancel-requested').some((i) => i < limit);
  return { reached, suspended, cancelBefore };
}

/** The inner steps' total sleep when a timeout step holds sleeps only (then its scope's span is known), else null. */
export function sleepsOnly(steps: readonly Step[]): number | null {
  let total = 0;
  for (const s of steps) {
    if (s === 'hang' || !('sleep' in s)) return null;
    total += s.sleep;
  }
  return total;
}

/**
 * Whether something else than the task's own timeouts may cancel the task at `path` (then a timeout property cannot
 * tell whose request a `cancel-requested` is): a scenario cancel, a cancel step, an await or shield of it (T4g),
 * the shutdown (R1). A gather's decision is read from the trace by the caller.
 */
export function otherCancelRoutes(scenario: AnyScenario, path: string): boolean {
  if (scenario.cancels.some((c) => c.target === path)) return true;
  if (scenario.loopcheck === 2 && scenario.shutdown) return true;
  return everyStep(scenario).some(
    (s) =>
      s !== 'hang' &&
      (('cancel' in s && s.cancel === path) ||
        ('await' in s && s.await === path) ||
        ('shield' in s && s.shield === path)),
  );
}
