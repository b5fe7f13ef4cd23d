// The shared horizontal axis of a timeline: virtual time, stretched so that every step of one instant gets a slot.
//
// Each instant at which something happens is a *band* as wide as the most events any run has at that instant
// (one slot per event), so that zero-duration steps stay visible; between bands, width is proportional to the
// virtual time elapsed (with a small minimum), so the axis still reads as time.
import type { TraceEvent } from '../../model/outcome.ts';
import type { Point } from './types.ts';

export interface Band {
  at: number;
  slots: number;
  x0: number;
  x1: number;
}

export interface Axis {
  width: number;
  slotWidth: number;
  bands: Band[];
  /** x of a point (an event's slot, or the end of its instant). */
  x(point: Point): number;
  /** x of a virtual time (the start of its band when it is an instant). */
  timeX(at: number): number;
}

export interface AxisOptions {
  /** Total width in the drawing's unit (pixels, columns). */
  width: number;
  /** Largest width of one event slot. */
  maxSlot: number;
  /** Width between two instants, before time is added. */
  minGap: number;
  /** Largest share of the width given to slots (the rest is time). */
  slotShare?: number;
}

export function layoutAxis(traces: TraceEvent[][], end: number, options: AxisOptions): Axis {
  const counts = new Map<number, number>([[0, 0]]);
  counts.set(end, counts.get(end) ?? 0);
  for (const trace of traces) {
    const local = new Map<number, number>();
    for (const event of trace) local.set(event.at, (local.get(event.at) ?? 0) + 1);
    for (const [at, n] of local) counts.set(at, Math.max(counts.get(at) ?? 0, n));
  }
  const instants = [...counts.keys()].sort((a, b) => a - b);
  const totalSlots = instants.reduce((sum, at) => sum + counts.get(at)!, 0);
  const gaps = instants.length - 1;
  const span = instants[instants.length - 1]! - instants[0]!;
  const width = options.width;
  // With a single instant there is no time to show: the slots get the whole width.
  const slotWidth =
    totalSlots === 0
      ? 0
      : gaps === 0
        ? width / totalSlots
        : Math.min(options.maxSlot, (width * (options.slotShare ?? 0.6)) / totalSlots);
  const remaining = width - totalSlots * slotWidth;
  const gap = gaps > 0 ? Math.min(options.minGap, (remaining * 0.3) / gaps) : 0;
  const perMs = span > 0 ? (remaining - gaps * gap) / span : 0;

  const bands: Band[] = [];
  let cursor = 0;
  instants.forEach((at, i) => {
    if (i > 0) cursor += gap + (at - instants[i - 1]!) * perMs;
    const slots = counts.get(at)!;
    bands.push({ at, slots, x0: cursor, x1: cursor + slots * slotWidth });
    cursor += slots * slotWidth;
  });
  const byTime = new Map(bands.map((band) => [band.at, band]));

  const timeX = (at: number): number => {
    const exact = byTime.get(at);
    if (exact !== undefined) return exact.x0;
    const first = bands[0]!;
    if (at < first.at) return first.x0;
    for (let i = 0; i + 1 < bands.length; i++) {
      const a = bands[i]!;
      const b = bands[i + 1]!;
      if (at > a.at && at < b.at) return a.x1 + ((at - a.at) / (b.at - a.at)) * (b.x0 - a.x1);
    }
    return bands[bands.length - 1]!.x1;
  };
  const x = (point: Point): number => {
    const band = byTime.get(point.at);
    if (band === undefined) return timeX(point.at);
    if (point.slot === 'end') return band.x1;
    const slot = Math.min(point.slot, Math.max(band.slots - 1, 0));
    return band.x0 + (slot + 0.5) * slotWidth;
  };
  return { width, slotWidth, bands, x, timeX };
}

/** Round tick values (1, 2, 5 × 10^k) from 0 to `max`, about `count` of them. */
export function niceTicks(max: number, count = 6): number[] {
  if (!(max > 0)) return [0];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let v = 0; v <= max + step * 1e-9; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  return ticks;
}

export interface Tick {
  at: number;
  x: number;
  label: string;
  /** An instant at which events happen (as opposed to a round value between them). */
  instant: boolean;
}

/**
 * Labelled ticks: every instant and round values between them, dropping any label that would overlap the one
 * before it (instants win over round values).
 */
export function axisTicks(axis: Axis, labelWidth: (text: string) => number, spacing: number): Tick[] {
  const end = axis.bands[axis.bands.length - 1]!.at;
  const candidates: Tick[] = axis.bands.map((band) => ({
    at: band.at,
    x: band.x0,
    label: String(band.at),
    instant: true,
  }));
  const instants = new Set(axis.bands.map((band) => band.at));
  for (const at of niceTicks(end)) {
    if (!instants.has(at)) candidates.push({ at, x: axis.timeX(at), label: String(at), instant: false });
  }
  candidates.sort((a, b) => (a.instant === b.instant ? a.x - b.x : a.instant ? -1 : 1));
  const kept: Tick[] = [];
  for (const tick of candidates) {
    const half = labelWidth(tick.label) / 2;
    const clear = kept.every((other) => Math.abs(other.x - tick.x) >= half + labelWidth(other.label) / 2 + spacing);
    if (clear) kept.push(tick);
  }
  return kept.sort((a, b) => a.x - b.x);
}
