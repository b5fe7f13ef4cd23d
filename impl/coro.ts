// The coroutine types: a coroutine is a generator that yields Suspensions to the loop and returns T.
import type { Future } from './future.ts';

/**
 * What a coroutine hands to the loop when it suspends. Never yield one yourself: always await with `yield*`
 * (`yield* sleepMs(100)`, `yield* task`, `yield* gather(...)`). A number is a sleep in ms; a Future is waited on.
 */
export type Suspension = number | Future<unknown>;

/** A coroutine returning T: `function* f(): Coro<string> { yield* sleepMs(10); return 'x'; }`. Lazy: calling f() runs nothing. */
export type Coro<T> = Generator<Suspension, T, unknown>;

/**
 * @internal What the loop sends into a coroutine it resumes (`coro.next(RESUMED)`): `yield*` forwards it to the
 * innermost iterator, so a sleep's shared iterator knows it is being resumed without keeping a state of its own.
 */
export const RESUMED: unique symbol = Symbol('loopcheck.resumed');

/** True for generator objects (what `createTask` and `gather` accept as coroutines). */
export function isCoroutine(value: unknown): value is Coro<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === lastCoroutinePrototype) return true;
  const g = value as { next?: unknown; throw?: unknown; return?: unknown };
  if (typeof g.next !== 'function' || typeof g.throw !== 'function' || typeof g.return !== 'function') return false;
  if (proto !== null && Object.getPrototypeOf(proto) === GENERATOR_PROTOTYPE) lastCoroutinePrototype = proto;
  return true;
}

/** %GeneratorPrototype%: what every generator function's `prototype` inherits from. */
const GENERATOR_PROTOTYPE: unknown = Object.getPrototypeOf(function* () {}.prototype);
/**
 * The `prototype` of the generator function whose coroutine was last checked: its next coroutines are recognised by
 * one prototype read (a gather of 10^3 coroutines of one function checks each).
 */
let lastCoroutinePrototype: unknown = {};
