// Timers and the binary min-heap that orders them by (deadline, order set) (docs/rules.md S1).
import type { Task } from './task.ts';

/** A timer: wakes a sleeping task, or runs a callback (loop.callLater). Also the handle callLater returns. */
export class Timer {
  deadline = 0;
  /** Order set: breaks deadline ties (FIFO). */
  seq = 0;
  /** @internal Position in the heap; -1 when not in it. */
  index = -1;
  /** @internal Set by cancel() when the timer already fired and its callback waits in the ready queue. */
  cancelled = false;

  constructor(
    /** @internal The sleeping task it wakes, or null for a callback timer. */
    readonly task: Task<unknown> | null,
    /** @internal */
    readonly fn: (() => void) | null,
    private readonly heap: TimerHeap | null = null,
  ) {}

  /** callLater handles: stops the callback from running; false if it already ran or was cancelled. */
  cancel(): boolean {
    if (this.cancelled) return false;
    if (this.index >= 0) {
      this.heap?.remove(this);
      this.cancelled = true;
      return true;
    }
    if (this.fn !== null && !this.ran) {
      this.cancelled = true;
      return true;
    }
    return false;
  }

  /** @internal */
  ran = false;
}

function before(a: Timer, b: Timer): boolean {
  return a.deadline < b.deadline || (a.deadline === b.deadline && a.seq < b.seq);
}

export class TimerHeap {
  private readonly items: Timer[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.items.length;
  }

  peek(): Timer | undefined {
    return this.items[0];
  }

  /** Adds the timer at `deadline`, after every timer already set for the same deadline. */
  push(timer: Timer, deadline: number): void {
    timer.deadline = deadline;
    timer.seq = this.nextSeq++;
    timer.index = this.items.length;
    this.items.push(timer);
    this.up(timer.index);
  }

  pop(): Timer | undefined {
    const items = this.items;
    const top = items[0];
    if (top === undefined) return undefined;
    this.removeAt(0);
    return top;
  }

  remove(timer: Timer): void {
    if (timer.index >= 0) this.removeAt(timer.index);
  }

  private removeAt(i: number): void {
    const items = this.items;
    const removed = items[i]!;
    const last = items.pop()!;
    removed.index = -1;
    if (last === removed) return;
    items[i] = last;
    last.index = i;
    if (i > 0 && before(last, items[(i - 1) >> 1]!)) this.up(i);
    else this.down(i);
  }

  private up(i: number): void {
    const items = this.items;
    const t = items[i]!;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = items[p]!;
      if (!before(t, parent)) break;
      items[i] = parent;
      parent.index = i;
      i = p;
    }
    items[i] = t;
    t.index = i;
  }

  private down(i: number): void {
    const items = this.items;
    const n = items.length;
    const t = items[i]!;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && before(items[r]!, items[l]!) ? r : l;
      const child = items[c]!;
      if (!before(child, t)) break;
      items[i] = child;
      child.index = i;
      i = c;
    }
    items[i] = t;
    t.index = i;
  }
}
