// A gather of one's own, written on loopcheck's loop (a Future its caller awaits), for loopcheck's properties to judge.
import { Future, Task, getRunningLoop, type Coro, type EventLoop, type GatherLike } from '../../index.ts';

/** `forgetSiblings: true` plants a bug: a child that raises does not cancel its siblings still running. */
export function myGather(bugs: { forgetSiblings?: boolean } = {}): GatherLike {
  return (args, { returnExceptions }) => {
    const loop = getRunningLoop('myGather()');
    const caller = loop.currentTask();
    if (caller === null) throw new Error('myGather() must be called from inside a task');
    // An existing task keeps its identity; a coroutine or a future is wrapped into a new task.
    const children = args.map((a) => (a instanceof Task ? a : loop.createTask(a instanceof Future ? awaitFuture(a) : a)));
    return new MyGather(loop, caller, children, returnExceptions, bugs.forgetSiblings !== true);
  };
}

class MyGather extends Future<unknown[]> {
  private pending = 0;

  constructor(
    private readonly loop: EventLoop,
    private readonly caller: Task<unknown>,
    private readonly children: Task<unknown>[],
    private readonly returnExceptions: boolean,
    private readonly cancelSiblings: boolean,
  ) {
    super();
    loop.emitGatherEvent('gather-started', caller, children);
    // Children that ended before the call: the first of them to have raised, in time, decides at once.
    const raised = children.filter((c) => c.done() && c.failed()).sort((x, y) => x.doneOrder - y.doneOrder);
    if (!returnExceptions && raised[0] !== undefined) {
      this.raise(raised[0]);
      return;
    }
    for (const child of children) {
      if (child.done()) continue;
      this.pending++;
      child.addDoneCallback((c) => this.childDone(c));
    }
    if (this.pending === 0) this.succeed();
  }

  /** Cancelling the caller cancels the gather first: every child still running is cancelled with it. */
  override cancel(): boolean {
    if (this.done()) return false;
    this.loop.emitGatherEvent('gather-cancelled', this.caller, this.children);
    super.cancel();
    for (const child of this.children) if (!child.done()) child.cancel();
    return true;
  }

  private childDone(child: Future<unknown>): void {
    if (this.done()) return;
    if (!this.returnExceptions && child.failed()) this.raise(child);
    else if (--this.pending === 0) this.succeed();
  }

  private raise(child: Future<unknown>): void {
    this.loop.emitGatherEvent('gather-raised', this.caller, this.children);
    this.setException(child.exception());
    if (this.cancelSiblings) for (const sibling of this.children) if (!sibling.done()) sibling.cancel();
  }

  private succeed(): void {
    this.loop.emitGatherEvent('gather-returned', this.caller, this.children);
    this.setResult(this.children.map((c) => (c.failed() ? c.exception() : c.result())));
  }
}

function* awaitFuture<T>(future: Future<T>): Coro<T> {
  return yield* future;
}
