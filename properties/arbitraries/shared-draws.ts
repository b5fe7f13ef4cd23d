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

/**
 * fast-check gives each run a fresh `Random` whose state depends only on the seed and the run's index, so checks of
 * several properties (or targets) with the same seed and arbitrary draw the same values, each drawn again per
 * check. This wrapper keys each draw by the random state and the bias, and hands the first draw's `Value` (its
 * value and its shrink context) to every later check: the same values, the same shrinks, one draw. The values are
 * frozen, so a check that changed one would throw instead of changing the others' cases. Keep one per group of
 * checks (it holds every value it drew); without a random state (a generator that cannot report one) it draws.
 */
export class SharedDraws<T> extends fc.Arbitrary<T> {
  private readonly drawn = new Map<string, fc.Value<T>>();

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
    return this.arb.shrink(value, context);
  }
}

/** `arb`, each draw shared by the checks that use the returned arbitrary (see `SharedDraws`). */
export function sharedDraws<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return new SharedDraws(arb);
}
