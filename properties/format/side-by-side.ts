// Two traces side by side, the first divergence marked — for replay on both targets and for reports.
import type { TraceEvent } from '../../model/outcome.ts';
import { firstTraceDivergence, sameEvent } from './first-difference.ts';
import { eventText } from './outcome-text.ts';
import { moreLine } from './summary.ts';

export const DIVERGENCE_MARK = '>>';

/** Rows kept before the first divergence when a long trace is summarised (the rest go after it). */
const CONTEXT_BEFORE = 20;

/**
 * The row ranges `[from, to)` printed of `n` rows within `limit`: all of them when they fit; else the first rows
 * and, when the first divergence lies beyond them, a window starting a little before it.
 */
function shownRanges(n: number, first: number, limit: number): Array<[number, number]> {
  if (n <= limit) return [[0, n]];
  if (first === -1 || first < limit - CONTEXT_BEFORE) return [[0, limit]];
  const head = Math.floor(limit / 4);
  const from = Math.max(head, first - CONTEXT_BEFORE);
  return [
    [0, head],
    [from, Math.min(n, from + limit - head)],
  ];
}

/**
 * Rows `#  left  |  right`, `>>` before the first differing row and `!=` before later differing rows. At most
 * `limit` rows (the first ones and those around the first divergence), the rest summarised in a line.
 */
export function sideBySide(
  left: readonly TraceEvent[],
  right: readonly TraceEvent[],
  labels: [string, string] = ['model', 'impl'],
  limit = Infinity,
): string {
  const first = firstTraceDivergence(left, right);
  const n = Math.max(left.length, right.length);
  const ranges = shownRanges(n, first, limit);
  let width = labels[0].length;
  for (const [from, to] of ranges) for (let i = from; i < to; i++) width = Math.max(width, eventText(left[i]).length);
  const lines = [`${'#'.padStart(8)}  ${labels[0].padEnd(width)}  |  ${labels[1]}`];
  let printed = 0;
  for (const [from, to] of ranges) {
    if (from > printed) lines.push(moreLine(from - printed, 'events', '  '));
    for (let i = from; i < to; i++) {
      const mark = i === first ? DIVERGENCE_MARK : sameEvent(left[i], right[i]) ? '  ' : '!=';
      lines.push(
        `  ${mark} ${String(i).padStart(3)}  ${eventText(left[i]).padEnd(width)}  |  ${eventText(right[i])}`.trimEnd(),
      );
    }
    printed = to;
  }
  if (n > printed) lines.push(moreLine(n - printed, 'events', '  '));
  lines.push(first === -1 ? 'traces agree' : `first divergence at event #${first}`);
  return lines.join('\n');
}
