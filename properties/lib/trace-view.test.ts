// TraceView's indexed queries answer as a scan of the trace would (find from a position, pending cancels).
import { describe, expect, it } from 'vitest';
import type { Outcome, TraceEvent, TraceEventName } from '../../model/outcome.ts';
import { TraceView, traceViewOf } from './trace-view.ts';

const ev = (task: string, event: TraceEventName, at = 0): TraceEvent => ({ at, task, event });
const outcome = (trace: TraceEvent[]): Outcome => ({
  awaiter: { status: 'pending', at: 0 },
  children: {},
  end: 0,
  trace,
});

describe('TraceView', () => {
  const trace = [
    ev('a', 'created'),
    ev('a', 'started'),
    ev('b', 'created'),
    ev('a', 'suspended'),
    ev('a', 'cancel-requested'),
    ev('b', 'started'),
    ev('a', 'resumed'),
    ev('a', 'suspended'),
    ev('a', 'cancel-requested'),
    ev('a', 'cancelled'),
  ];
  const view = new TraceView(outcome(trace));

  it('find answers as a scan from `from` would', () => {
    for (let from = 0; from <= trace.length; from++) {
      for (const names of [['suspended'], ['resumed', 'cancelled'], ['created']] as TraceEventName[][]) {
        const scan = trace.findIndex((e, i) => i >= from && e.task === 'a' && names.includes(e.event));
        expect(view.find('a', names, from)).toBe(scan);
      }
    }
    expect(view.find('nobody', 'created')).toBe(-1);
    expect(view.terminal('a')).toBe(9);
    expect(view.terminal('b')).toBe(-1);
  });

  it('cancelPendingBefore: requested and not yet delivered or ended', () => {
    const pending = [4, 5, 6, 8, 9].map((pos) => view.cancelPendingBefore('a', pos));
    // requested at #4 (pending at 5, 6), delivered by resumed #6; requested again at #8 (pending at 9), ended at #9
    expect(pending).toEqual([false, true, true, false, true]);
    expect(view.cancelPendingBefore('a', 10)).toBe(false);
    expect(view.lastBefore('a', 'cancel-requested', 8)).toBe(4);
  });

  it('traceViewOf builds one view per outcome, and a new one when the trace changed', () => {
    const o = outcome(trace.slice());
    const first = traceViewOf(o);
    expect(traceViewOf(o)).toBe(first);
    o.trace.push(ev('b', 'returned'));
    expect(traceViewOf(o)).not.toBe(first);
    expect(traceViewOf(o).terminal('b')).toBe(10);
  });
});
