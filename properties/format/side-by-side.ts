// Two traces side by side, the first divergence marked — for replay on both targets and for reports.
import type { TraceEvent } from '../../model/outcome.ts';
import { firstTraceDivergence, sameEvent } from './first-difference.ts';
import { eventText } from './outcome-text.ts';

export const DIVERGENCE_MARK = '>>';

/** Rows `#  left  |  right`, `>>` before the first differing row and `!=` before later differing rows. */
export function sideBySide(left: readonly TraceEvent[], right: readonly TraceEvent[], labels: [string, string] = ['model', 'impl']): string {
  const first = firstTraceDivergence(left, right);
  const n = Math.max(left.length, right.length);
  const lefts = Array.from({ length: n }, (_, i) => eventText(left[i]));
  const width = Math.max(labels[0].length, ...lefts.map((s) => s.length));
  const lines = [`${'#'.padStart(8)}  ${labels[0].padEnd(width)}  |  ${labels[1]}`];
  for (let i = 0; i < n; i++) {
    const mark = i === first ? DIVERGENCE_MARK : sameEvent(left[i], right[i]) ? '  ' : '!=';
    lines.push(`  ${mark} ${String(i).padStart(3)}  ${lefts[i]!.padEnd(width)}  |  ${eventText(right[i])}`.trimEnd());
  }
  lines.push(first === -1 ? 'traces agree' : `first divergence at event #${first}`);
  return lines.join('\n');
}
