// An arbitrary that draws once per random state: several checks under one seed share their values instead of drawing them again.
import fc from 'fast-check';

/** A deep freeze: a value shared between checks must not be changed by one of them. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** A shrink stream read once and replayed to every later reader of the same value. */
interface SharedShrinks<T> {
  source: Iterator<fc.Value<T>>;
  done: boolean;
  read: fc.Value<T>[];
}

/**
 * fast-check gives each run a fresh `Random` whose state depends only on the seed and the run's index, so checks of
 * several properties (or targets) with the same seed and arbitrary draw the same values, each drawn again per
 * check. This wrapper keys each draw by the random state and the bias, and hands the first draw's `Value` (its
 * value and its shrink context) to every later check: the same values, one draw. A shrinker is a function of the
 * value and its context, so the shrinks of a shared value are shared too: each candidate is built once, the first
 * time a check reads that far, and later checks shrinking the same value read the same candidates (the same
 * objects: a cache keyed by the value then finds them). Values are frozen, so a check that changed one would throw
 * instead of changing the others' cases. Keep one per group of checks (it holds what it drew and what the checks
 * shrank to); without a random state (a generator that cannot report one) it draws.
 */
export class SharedDraws<T> extends fc.Arbitrary<T> {
  private readonly drawn = new Map<string, fc.Value<T>>();
  private readonly shrinks = new WeakMap<object, Map<unknown, SharedShrinks<T>>>();

  constructor(private readonly arb: fc.Arbitrary<T>) {
    super();
  }

  generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<T> {
    const state = mrng.getState();
    if (state === undefined) return this.arb.generate(mrng, biasFactor);
    const key = `${state.join(',')}/${biasFactor}`;
    let value = this.drawn.get(key);
    if (value === undefined) {
      value = this.arb.generate(mrng, biasFactor);
      deepFreeze(value.value_);
      this.drawn.set(key, value);
    }
    return value;
  }

  canShrinkWithoutContext(value: unknown): value is T {
    return this.arb.canShrinkWithoutContext(value);
  }

  shrink(value: T, context: unknown): fc.Stream<fc.Value<T>> {
    if (typeof value !== 'object' || value === null) return this.arb.shrink(value, context);
    let byContext = this.shrinks.get(value);
    if (byContext === undefined) {
      byContext = new Map();
      this.shrinks.set(value, byContext);
    }
    let shared = byContext.get(context);
    if (shared === undefined) {
      shared = { source: this.arb.shrink(value, context)[Symbol.iterator](), done: false, read: [] };
      byContext.set(context, shared);
    }
    return fc.stream(replay(shared));
  }
}

function* replay<T>(shared: SharedShrinks<T>): Generator<fc.Value<T>> {
  for (let i = 0; ; i++) {
    if (i === shared.read.length) {
      if (shared.done) return;
      const next = shared.source.next();
      if (next.done === true) {
        shared.done = true;
        return;
      }
      deepFreeze(next.value.value_);
      shared.read.push(next.value);
    }
    yield shared.read[i]!;
  }
}

/** `arb`, each draw shared by the checks that use the returned arbitrary (see `SharedDraws`). */
export function sharedDraws<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return new SharedDraws(arb);
}
