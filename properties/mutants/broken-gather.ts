// A gather on impl's public API (a Future subclass, like impl/gather.ts) with switchable bugs: the mutants' engine.
import { Future, Task, getRunningLoop, type Coro, type EventLoop, type GatherArg } from '../../impl/index.ts';
import type { GatherLike } from '../run-on-loop.ts';

/** Which rule a mutant breaks; all off gives a correct seed gather. */
export interface Breakage {
  /** Results listed in completion order instead of argument order. */
  completionOrder?: boolean;
  /** Coroutine children wrapped one after another: the next starts when the previous ends (sum, not max). */
  sequential?: boolean;
  /** What a raising gather does to unfinished siblings: nothing, or cancel them in reverse argument order. */
  siblingCancel?: 'none' | 'reverse';
  /** Which exception is raised: the last one in time, or the first in argument order (both wait for every child). */
  exception?: 'last' | 'argument-order';
  /** return_exceptions treated as false. */
  ignoreReturnExceptions?: boolean;
  /** Cancelling the awaiter cancels the gather but not its children. */
  noCancelForwarding?: boolean;
  /** Existing tasks wrapped into new tasks again. */
  rewrapTasks?: boolean;
  /** Coroutines wrapped in a random order (Math.random). */
  shuffleWrapping?: boolean;
  /** The gather returns when all but its last child have ended (that entry is null). */
  resumeEarly?: boolean;
  /** The gather reports gather-returned but never wakes its caller. */
  lostWakeup?: boolean;
  /** An empty gather suspends and decides on a zero-delay timer instead of at once. */
  emptySuspends?: boolean;
  /** The result list is filled from index 1 (an off-by-one): the first entry is an empty slot, the length is right. */
  firstEntryEmpty?: boolean;
}

/** A GatherLike with the given bugs (for `runOnLoop(scenario, { gather })`). */
export function brokenGather(breakage: Breakage): GatherLike {
  return (aws, options) => {
    const loop = getRunningLoop('gather()');
    const caller = loop.currentTask();
    if (caller === null) throw new Error('gather() must be called from inside a task');
    const returnExceptions = options.returnExceptions && breakage.ignoreReturnExceptions !== true;
    const order = aws.map((_, i) => i);
    if (breakage.shuffleWrapping === true) order.sort(() => Math.random() - 0.5);
    const children: Array<Task<unknown> | null> = aws.map(() => null);
    let firstCoroutine = true;
    for (const i of order) {
      const a = aws[i]!;
      if (a instanceof Task) children[i] = breakage.rewrapTasks === true ? loop.createTask(awaitFuture(a)) : a;
      else if (breakage.sequential !== true || firstCoroutine) {
        children[i] = loop.createTask(a instanceof Future ? awaitFuture(a) : (a as Coro<unknown>));
        firstCoroutine = false;
      }
    }
    return new BrokenGatherFuture(loop, caller, aws, children, returnExceptions, breakage);
  };
}

class BrokenGatherFuture extends Future<unknown[]> {
  private remaining: number;
  private readonly completed: Task<unknown>[] = [];
  private readonly onChildDone = (child: Future<unknown>): void => this.childDone(child as Task<unknown>);

  constructor(
    private readonly loop: EventLoop,
    private readonly caller: Task<unknown>,
    private readonly args: readonly GatherArg[],
    private readonly children: Array<Task<unknown> | null>,
    private readonly returnExceptions: boolean,
    private readonly b: Breakage,
  ) {
    super();
    this.remaining = children.length;
    loop.emitGatherEvent('gather-started', caller, this.created());
    if (children.length === 0) {
      if (b.emptySuspends === true) loop.callLater(0, () => this.succeed());
      else this.succeed();
      return;
    }
    const done = children
      // biome-ignore lint/complexity/useOptionalChain: a type predicate must return a boolean, never undefined
      .filter((c): c is Task<unknown> => c !== null && c.done())
      .sort((x, y) => x.doneOrder - y.doneOrder);
    for (const child of done) {
      this.completed.push(child);
      this.remaining--;
    }
    const firstFailed = done.find((c) => c.failed());
    if (!this.returnExceptions && firstFailed !== undefined && b.exception === undefined) {
      this.raise(firstFailed);
      return;
    }
    if (this.remaining === 0) {
      this.finish();
      return;
    }
    for (const child of children) if (child !== null && !child.done()) child.addDoneCallback(this.onChildDone);
  }

  override cancel(): boolean {
    if (this.done()) return false;
    this.loop.emitGatherEvent('gather-cancelled', this.caller, this.created());
    super.cancel();
    if (this.b.noCancelForwarding !== true) this.cancelUnfinished(false);
    return true;
  }

  private created(): Task<unknown>[] {
    return this.children.filter((c): c is Task<unknown> => c !== null);
  }

  private childDone(child: Task<unknown>): void {
    if (this.b.sequential === true) this.startNextCoroutine();
    if (this.done()) return;
    this.completed.push(child);
    this.remaining--;
    if (!this.returnExceptions && child.failed() && this.b.exception === undefined) {
      this.raise(child);
      return;
    }
    if (this.remaining === 0 || (this.b.resumeEarly === true && this.remaining === 1 && this.children.length > 1))
      this.finish();
  }

  private startNextCoroutine(): void {
    const i = this.children.findIndex((c, k) => c === null && !(this.args[k] instanceof Task));
    if (i === -1 || this.done()) return;
    const task = this.loop.createTask(this.args[i] as Coro<unknown>);
    this.children[i] = task;
    task.addDoneCallback(this.onChildDone);
  }

  /** Every child has ended (or resumeEarly): raise per the exception mode, or return. */
  private finish(): void {
    const failed = this.completed.filter((c) => c.failed());
    if (!this.returnExceptions && failed.length > 0) {
      const pick =
        this.b.exception === 'last' ? failed[failed.length - 1]! : this.children.find((c) => c?.done() && c.failed())!;
      this.raise(pick);
      return;
    }
    this.succeed();
  }

  private raise(child: Task<unknown>): void {
    this.loop.emitGatherEvent('gather-raised', this.caller, this.created());
    this.setException(child.exception());
    if (this.b.siblingCancel !== 'none') this.cancelUnfinished(this.b.siblingCancel === 'reverse');
  }

  private succeed(): void {
    const source =
      this.b.completionOrder === true
        ? [...this.completed, ...this.children.filter((c) => c === null || !c.done())]
        : this.children;
    const results = source.map((c) => (c === null || !c.done() ? null : c.failed() ? c.exception() : c.result()));
    if (this.b.firstEntryEmpty === true) delete results[0];
    this.loop.emitGatherEvent('gather-returned', this.caller, this.created());
    if (this.b.lostWakeup !== true) this.setResult(results);
  }

  private cancelUnfinished(reverse: boolean): void {
    const list = this.created();
    if (reverse) list.reverse();
    for (const child of list) if (!child.done()) child.cancel();
  }
}

function* awaitFuture<T>(future: Future<T>): Coro<T> {
  return yield* future;
}
