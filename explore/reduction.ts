// Sound reduction: recognises, without running it on the model, a scenario whose run equals one already run (a no-op
// cancel, an onCancel handler that is never reached), so the model runs only what can differ (the loop runs all).
import type { Outcome } from '../model/outcome.ts';
import type { Cancel, Child, GatherNode, LeafChild, Scenario } from '../model/scenario-types.ts';
import { AWAITER, PATH_SEPARATOR, isGatherChild } from '../model/scenario-types.ts';

/** What the reduction needs to remember of a run. */
export interface RunSummary {
  /** Normalised trace hash of the run (see canonical.ts). */
  hash: string;
  /** Tasks that got a `cancel-requested` event, with the time of the first one. */
  cancelRequested: ReadonlyMap<string, number>;
  /**
   * No child of the awaiter's gather ended with an exception while that gather was undecided, and it did not
   * decide by raising: returnExceptions made no difference.
   */
  returnExceptionsIrrelevant: boolean;
  /** Final time of every task that ended (not pending). */
  finishedAt: ReadonlyMap<string, number>;
  end: number;
  /** The run's outcome itself: a scenario proved equal to this run has this outcome (same names, same trace). */
  outcome: Outcome;
}

export function summarise(outcome: Outcome, hash: string): RunSummary {
  const cancelRequested = new Map<string, number>();
  let decided = false;
  let returnExceptionsIrrelevant = true;
  for (const e of outcome.trace) {
    if (e.event === 'cancel-requested' && !cancelRequested.has(e.task)) cancelRequested.set(e.task, e.at);
    if (e.task === AWAITER && e.event.startsWith('gather-') && e.event !== 'gather-started') {
      decided = true;
      if (e.event === 'gather-raised') returnExceptionsIrrelevant = false;
    }
    const topLevelChild = e.task !== AWAITER && !e.task.includes(PATH_SEPARATOR);
    if (!decided && topLevelChild && (e.event === 'raised' || e.event === 'cancelled'))
      returnExceptionsIrrelevant = false;
  }
  const finishedAt = new Map<string, number>();
  if (outcome.awaiter.status !== 'pending') finishedAt.set('awaiter', outcome.awaiter.at);
  for (const [path, t] of Object.entries(outcome.children)) if (t.status !== 'pending') finishedAt.set(path, t.at);
  return { hash, cancelRequested, returnExceptionsIrrelevant, finishedAt, end: outcome.end, outcome };
}

/** Every child with its path, depth first. */
function childPaths(node: GatherNode, prefix = ''): Array<[string, Child]> {
  return node.children.flatMap(
    (c): Array<[string, Child]> => [
      [prefix + c.name, c],
      ...(isGatherChild(c) ? childPaths(c.gather, prefix + c.name + PATH_SEPARATOR) : []),
    ],
  );
}

function replaceChild<T extends GatherNode>(node: T, path: string, by: (c: Child) => Child, prefix = ''): T {
  return {
    ...node,
    children: node.children.map((c) => {
      const p = prefix + c.name;
      if (p === path) return by(c);
      if (isGatherChild(c) && path.startsWith(p + PATH_SEPARATOR))
        return { ...c, gather: replaceChild(c.gather, path, by, p + PATH_SEPARATOR) };
      return c;
    }),
  };
}

/** When a leaf's first timer fires (its first sleep's deadline, all at time 0): Infinity for a leaf that hangs at
 * once, undefined when it may act at its first step (no sleeps and returns or raises, or a sleep of 0). */
function firstDeadline(leaf: LeafChild): number | undefined {
  if (leaf.sleeps.length === 0) return leaf.end === 'hang' ? Infinity : undefined;
  const first = leaf.sleeps[0]!;
  return first > 0 ? first : undefined;
}

/** A children list differing from a scenario's in one child (see Reducer.variants). */
interface Variant {
  path: string;
  /** The child's first deadline (Infinity: it hangs at once). */
  mine: number;
  /** The children with this child's onCancel reset to propagate. */
  reset?: Child[];
  /** The children with this leaf's body replaced, and the replacement's first deadline. */
  alternatives: Array<{ children: Child[]; theirs: number }>;
}

/** Other bodies a leaf could have in the same stream (see Reducer); same name, onCancel and task flag. */
export type LeafAlternatives = (leaf: LeafChild, scenario: Scenario) => LeafChild[];

/**
 * Remembers run summaries by scenario (see `key`), and finds for a new scenario S an already-run scenario whose run is
 * provably identical (same trace, same outcome):
 * - S without one of its cancels k, when in that run k's target had ended before k.at and the run lasted until at
 *   least k.at: k's timer fires on a finished task (no event, rule T4), changes no queue order and no end time;
 * - S with one child's onCancel reset to `propagate`, when in that run the child never had a cancel requested: the
 *   handler only runs once CancelledError is thrown into the child, which needs a cancel request, so both runs agree
 *   step for step;
 * - S with one leaf's body (sleeps, end) replaced by another (`alternatives`), when in that run the leaf had a cancel
 *   requested strictly before either body's first timer was due: the timer is removed (or never set), the leaf is
 *   appended with CancelledError at the same point (T4c, T4e), and its end is never reached;
 * - S with returnExceptions false instead of true, when in that run no child of the awaiter's gather ended with an
 *   exception while it was undecided and it did not raise (G3–G5 then decide the same way).
 * The runs agree up to the first point where the removed difference could act, and it never acts.
 */
export class Reducer {
  private readonly memo = new Map<string, RunSummary>();
  /** Children lists by text, numbered; and the number of every array object seen (the enumerator shares them). */
  private readonly childrenIds = new Map<string, number>();
  private readonly idOfArray = new WeakMap<readonly Child[], number>();
  private readonly pathsOfArray = new WeakMap<readonly Child[], Array<[string, Child]>>();
  private readonly textOfChild = new WeakMap<Child, string>();
  private readonly variantsOfArray = new WeakMap<readonly Child[], Variant[]>();
  private readonly textOfCancels = new WeakMap<readonly Cancel[], string>();
  private readonly textOfCancel = new WeakMap<Cancel, string>();
  constructor(
    private readonly alternatives: LeafAlternatives = () => [],
    private readonly capacity = 250_000,
  ) {}

  /**
   * The number of a children list (equal text, equal number): undefined when the list was never remembered (and
   * `create` is false), so no run with these children can be known.
   */
  private childrenId(children: readonly Child[], create: boolean): number | undefined {
    let id = this.idOfArray.get(children);
    if (id === undefined) {
      let text = '';
      for (const c of children) {
        let t = this.textOfChild.get(c);
        if (t === undefined) {
          t = JSON.stringify(c);
          this.textOfChild.set(c, t);
        }
        text += `${t}\n`;
      }
      id = this.childrenIds.get(text);
      if (id === undefined) {
        if (!create) return undefined;
        id = this.childrenIds.size;
        this.childrenIds.set(text, id);
      }
      this.idOfArray.set(children, id);
    }
    return id;
  }

  /** One cancel as key text (cached per object: the enumerator shares cancels between plans). */
  private cancelText(c: Cancel): string {
    let t = this.textOfCancel.get(c);
    if (t === undefined) {
      t = `${c.at}@${JSON.stringify(c.target)},`;
      this.textOfCancel.set(c, t);
    }
    return t;
  }

  /** A scenario's cancels as key text, the one at `skip` (if any) left out. */
  private cancelsText(cancels: readonly Cancel[], skip = -1): string {
    if (skip < 0) {
      const cached = this.textOfCancels.get(cancels);
      if (cached !== undefined) return cached;
    }
    let text = '';
    for (let i = 0; i < cancels.length; i++) if (i !== skip) text += this.cancelText(cancels[i]!);
    if (skip < 0) this.textOfCancels.set(cancels, text);
    return text;
  }

  /**
   * Equal keys mean equal scenarios (as written: names and key order count, so a renamed copy only misses a
   * reduction). The key of `scenario` with its children, returnExceptions or cancels text replaced (the variants
   * `equivalent` looks up, built without copying the scenario). Undefined when the children were never remembered.
   */
  private key(
    scenario: Scenario,
    create: boolean,
    children: readonly Child[] = scenario.children,
    returnExceptions: boolean = scenario.returnExceptions,
    cancels: string = this.cancelsText(scenario.cancels),
  ): string | undefined {
    const id = this.childrenId(children, create);
    if (id === undefined) return undefined;
    return `${id}|${scenario.profile}|${returnExceptions ? 1 : 0}|${scenario.gatherAfter ?? ''}|${cancels}`;
  }

  private recall(
    scenario: Scenario,
    children?: readonly Child[],
    returnExceptions?: boolean,
    cancels?: string,
  ): RunSummary | undefined {
    const key = this.key(scenario, false, children, returnExceptions, cancels);
    return key === undefined ? undefined : this.memo.get(key);
  }

  private paths(scenario: Scenario): Array<[string, Child]> {
    let paths = this.pathsOfArray.get(scenario.children);
    if (paths === undefined) {
      paths = childPaths(scenario);
      this.pathsOfArray.set(scenario.children, paths);
    }
    return paths;
  }

  /** The summary of an equal run seen before, or undefined (S must be run). */
  equivalent(scenario: Scenario): RunSummary | undefined {
    for (let j = 0; j < scenario.cancels.length; j++) {
      const k = scenario.cancels[j]!;
      const without = this.recall(scenario, undefined, undefined, this.cancelsText(scenario.cancels, j));
      if (without === undefined) continue;
      const finished = without.finishedAt.get(k.target);
      if (finished !== undefined && finished < k.at && k.at <= without.end) return without;
    }
    if (scenario.returnExceptions) {
      const base = this.recall(scenario, undefined, false);
      if (base?.returnExceptionsIrrelevant) return base;
    }
    for (const v of this.variants(scenario)) {
      if (v.reset !== undefined) {
        const base = this.recall(scenario, v.reset);
        if (base !== undefined && !base.cancelRequested.has(v.path)) return base;
      }
      for (const alt of v.alternatives) {
        const base = this.recall(scenario, alt.children);
        const cancelAt = base?.cancelRequested.get(v.path);
        if (base !== undefined && cancelAt !== undefined && cancelAt < v.mine && cancelAt < alt.theirs) return base;
      }
    }
    return undefined;
  }

  /**
   * The children lists S differs from by one child (its onCancel reset; a leaf's other bodies), made once per
   * children list (the enumerator shares it between scenarios that differ in cancels or returnExceptions), so their
   * keys are computed once too.
   */
  private variants(scenario: Scenario): Variant[] {
    let variants = this.variantsOfArray.get(scenario.children);
    if (variants !== undefined) return variants;
    variants = [];
    const node: GatherNode = { returnExceptions: scenario.returnExceptions, children: scenario.children };
    for (const [path, child] of this.paths(scenario)) {
      const v: Variant = { path, mine: Infinity, alternatives: [] };
      if (child.onCancel !== undefined && child.onCancel !== 'propagate')
        v.reset = replaceChild(node, path, (c) => ({ ...c, onCancel: 'propagate' })).children;
      if (!isGatherChild(child)) {
        const mine = firstDeadline(child);
        if (mine !== undefined) {
          v.mine = mine;
          for (const other of this.alternatives(child, scenario)) {
            const theirs = firstDeadline(other);
            if (theirs !== undefined)
              v.alternatives.push({ children: replaceChild(node, path, () => other).children, theirs });
          }
        }
      }
      if (v.reset !== undefined || v.alternatives.length > 0) variants.push(v);
    }
    this.variantsOfArray.set(scenario.children, variants);
    return variants;
  }

  remember(scenario: Scenario, summary: RunSummary): void {
    if (this.memo.size >= this.capacity) this.memo.clear();
    this.memo.set(this.key(scenario, true)!, summary);
  }
}
