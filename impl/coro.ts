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
 * An object, not a symbol: the sleep compares it with undefined (the first next()) too, and V8 (Node 20) compares
 * objects and undefined by reference but a symbol and undefined through its generic StrictEqual (~25 instructions per
 * sleep, measured 2026-11-30, branch perf3).
 */
export const RESUMED: Readonly<{ resumed: true }> = Object.freeze({ resumed: true });

/** True for generator objects (what `createTask` and `gather` accept as coroutines). */
export function isCoroutine(value: unknown): value is Coro<unknown> {
  return coroutineKind(value) !== NOT_A_COROUTINE;
}

/** coroutineKind: not a coroutine; an object with next, throw and return; a native generator object. */
export const NOT_A_COROUTINE = 0;
export const ITERATOR_COROUTINE = 1;
export const NATIVE_GENERATOR = 2;

/** %GeneratorPrototype%: what every generator function's `prototype` inherits from, and its three methods. */
const GENERATOR_PROTOTYPE = Object.getPrototypeOf(function* () {}.prototype) as Coro<unknown>;
/** @internal Steps a native generator without looking its method up on it (see coroutineKind). */
export const GENERATOR_NEXT = GENERATOR_PROTOTYPE.next;
/** @internal */
export const GENERATOR_THROW = GENERATOR_PROTOTYPE.throw;

/**
 * `x instanceof NativeGenerator`: x inherits from %GeneratorPrototype% (every generator object does). A `const`, as
 * coroutineKind's kinds below: V8 (Node 20) folds a module's own constants into compiled code but reads an exported
 * binding (even in its own module) or a function declaration from memory at each use (event-loop.ts).
 */
const NativeGenerator = function NativeGenerator(): void {};
NativeGenerator.prototype = GENERATOR_PROTOTYPE;
const NOT = NOT_A_COROUTINE;
const ITERATOR = ITERATOR_COROUTINE;
const NATIVE = NATIVE_GENERATOR;

/**
 * @internal Which kind of coroutine `value` is. A native generator is recognised by `instanceof` (a walk of two
 * prototypes) and stepped by the loop through GENERATOR_NEXT / GENERATOR_THROW, never looking a method up on the
 * object: each generator function has its own prototype, so its generators their own map, and as soon as a program
 * has a few generator functions every lookup on a generator goes megamorphic (and Object.getPrototypeOf on one
 * calls into the runtime). Those lookups cost ~30 % of a 10^3 gather whose awaiter was a closure (measured
 * 2026-11-30). So a `next` or `throw` put on a generator function's prototype (or on a generator) is not called.
 */
export function coroutineKind(value: unknown): number {
  if (typeof value !== 'object' || value === null) return NOT;
  if (value instanceof NativeGenerator) return NATIVE;
  const g = value as { next?: unknown; throw?: unknown; return?: unknown };
  return typeof g.next === 'function' && typeof g.throw === 'function' && typeof g.return === 'function'
    ? ITERATOR
    : NOT;
}
