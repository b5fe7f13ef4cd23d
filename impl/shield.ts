// shield(aw) (docs/rules.md SH1–SH3): the awaiter can be cancelled without cancelling what it awaits (asyncio's shield).
import type { Coro } from './coro.ts';
import { Future } from './future.ts';
import { getRunningLoop } from './running.ts';

/**
 * Returns a future that follows `aw` (a coroutine is wrapped in a task first). Cancelling the task that awaits it
 * cancels only that future: the awaiter gets CancelledError at once and `aw` keeps running (SH1). If `aw` itself is
 * cancelled by anyone else, the shield is cancelled too (SH2). Already done: `aw` itself is returned (SH3).
 *
 * @example
 * const saved = yield* shield(save(record));   // a cancel of this task does not stop the save
 */
export function shield<T>(aw: Coro<T> | Future<T>): Future<T> {
  const inner = aw instanceof Future ? aw : getRunningLoop('shield()').createTask(aw);
  if (inner.done()) return inner;
  const outer = new ShieldFuture<T>();
  const onInnerDone = (): void => {
    // Stryker disable next-line ConditionalExpression: equivalent: the callback below removes this one once the shield is done, so it never runs then
    if (outer.done()) return;
    if (inner.cancelled())
      outer.cancel(); // SH2
    else if (inner.failed()) outer.setException(inner.exception());
    else outer.setResult(inner.result());
  };
  inner.addDoneCallback(onInnerDone);
  // SH1: once the shield is cancelled, what `aw` ends with is nobody's: an exception goes to the loop's handler.
  // Stryker disable next-line all: equivalent: onInnerDone returns at once when the shield is done; removing it only frees it earlier
  outer.addDoneCallback(() => {
    // Stryker disable next-line all: equivalent: removing a callback from a done future is a no-op, keeping it is harmless (see above)
    if (!inner.done()) inner.removeDoneCallback(onInnerDone);
  });
  return outer;
}

class ShieldFuture<T> extends Future<T> {
  override describe(): string {
    return 'shield';
  }
}
