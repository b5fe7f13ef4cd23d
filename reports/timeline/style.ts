// Colours, shapes and characters for timeline span and mark kinds, shared by the SVG, the ASCII and the legend.
import type { MarkKind, SpanKind } from './types.ts';
import { TRACE_EVENT_NAMES } from '../../model/outcome.ts';

export interface SpanStyle {
  label: string;
  fill: string;
  /** Bar height as a share of the row's bar height. */
  height: number;
  char: string;
}

export const SPAN_STYLES: Record<SpanKind, SpanStyle> = {
  running: { label: 'running', fill: '#2b6cb0', height: 1, char: '#' },
  sleeping: { label: 'sleeping', fill: '#90cdf4', height: 0.55, char: '-' },
  awaiting: { label: 'awaiting gather', fill: '#b2f5ea', height: 0.55, char: '=' },
  'awaiting-task': { label: 'awaiting a task (→ its end)', fill: '#81e6d9', height: 0.55, char: '=' },
  shielded: { label: 'awaiting a shield', fill: 'url(#lc-shield-hatch)', height: 0.8, char: '/' },
  hanging: { label: 'hanging', fill: '#d6bcfa', height: 0.55, char: '~' },
  cleanup: { label: 'cleanup (after cancel delivered)', fill: '#dd6b20', height: 1, char: '%' },
  queued: { label: 'queued (created, not started)', fill: '#a0aec0', height: 0.15, char: '.' },
};

export interface MarkStyle {
  label: string;
  color: string;
  char: string;
  /** Higher wins when two marks fall on one ASCII column. */
  priority: number;
}

export const MARK_STYLES: Record<MarkKind, MarkStyle> = {
  created: { label: 'created', color: '#4a5568', char: '+', priority: 1 },
  'cancel-requested': { label: 'cancel requested', color: '#c53030', char: 'c', priority: 4 },
  returned: { label: 'returned', color: '#2f855a', char: '>', priority: 6 },
  raised: { label: 'raised', color: '#e53e3e', char: '!', priority: 6 },
  cancelled: { label: 'cancelled', color: '#553c9a', char: 'X', priority: 6 },
  'gather-started': { label: 'gather started', color: '#319795', char: 'g', priority: 2 },
  'gather-returned': { label: 'gather returned', color: '#2f855a', char: 'G', priority: 5 },
  'gather-raised': { label: 'gather raised', color: '#e53e3e', char: 'G', priority: 5 },
  'gather-cancelled': { label: 'gather cancelled', color: '#553c9a', char: 'G', priority: 5 },
};

export const SPAN_ORDER: SpanKind[] = ['running', 'sleeping', 'awaiting', 'hanging', 'cleanup', 'queued'];
/** The span kinds only a format 2 run has (legend entries of format 2 timelines). */
export const SPAN_ORDER_V2: SpanKind[] = ['awaiting-task', 'shielded'];
/** Every mark kind, in the order of the trace vocabulary (model/outcome.ts) without the span delimiters. */
export const MARK_ORDER: MarkKind[] = TRACE_EVENT_NAMES.filter(
  (name): name is MarkKind => name !== 'started' && name !== 'suspended' && name !== 'resumed',
);
