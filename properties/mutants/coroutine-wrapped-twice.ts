// Mutant (format 2): gather wraps a coroutine passed twice into two tasks that step the one generator (breaks G1a; a substitute gather).
import type { Coro } from '../../impl/index.ts';
import { Future } from '../../impl/index.ts';
import { implGather, type GatherLike } from '../run-on-loop.ts';
import type { Mutant } from './mutant.ts';

/**
 * A second view of the same generator: createTask's ownership mark (T6) is on the generator object, so a fresh object
 * that forwards next/throw/return passes as a new coroutine, and two tasks step one body.
 */
function sameGenerator(coro: Coro<unknown>): Coro<unknown> {
  const view = {
    next: (v?: unknown) => coro.next(v as never),
    throw: (e?: unknown) => coro.throw(e),
    return: (v?: unknown) => coro.return(v as never),
    [Symbol.iterator]() {
      return view;
    },
  };
  return view as unknown as Coro<unknown>;
}

/** impl's gather, after every repeat of a coroutine argument (not of a task) was replaced by a second view of it. */
const wrapEachArgument: GatherLike = (aws, options) => {
  const seen = new Set<unknown>();
  const args = aws.map((a) => {
    if (a instanceof Future) return a;
    if (!seen.has(a)) {
      seen.add(a);
      return a;
    }
    return sameGenerator(a as Coro<unknown>);
  });
  return implGather(args, options);
};

export const coroutineWrappedTwice: Mutant = {
  name: 'coroutine-wrapped-twice',
  description:
    'the same coroutine passed twice to gather is wrapped into two tasks stepping one generator, not once (G1a)',
  gather: wrapEachArgument,
};
