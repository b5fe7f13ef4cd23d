// Renders a timeline as a self-contained SVG Gantt chart: one row per task (per run), a virtual-time axis, a legend.
import { escapeXml } from '../xml.ts';
import { maxLength } from '../../properties/format/summary.ts';
import { axisTicks, layoutAxis, type Axis } from './axis.ts';
import { buildTimeline, type BuiltTimeline } from './build.ts';
import { eventPoints } from './spans.ts';
import { MARK_ORDER, MARK_STYLES, SPAN_ORDER, SPAN_STYLES } from './style.ts';
import { describeTaskOutcome } from './divergence.ts';
import type { MarkKind, RunTimeline, TaskTimeline, TimelineInput } from './types.ts';

const FONT = 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';
const CHAR = 7.2; // approximate width of one 12px monospace character
const MARGIN = 16;
const ROW = 24;
const BAR = 14;
const GROUP_GAP = 8;
const PLOT_WIDTH = 760;

const n = (value: number): string => String(Math.round(value * 100) / 100);

function markShape(kind: MarkKind, x: number, y: number): string {
  const color = MARK_STYLES[kind].color;
  switch (kind) {
    case 'created':
      return `<circle cx="${n(x)}" cy="${n(y)}" r="3" fill="#fff" stroke="${color}" stroke-width="1.5"/>`;
    case 'cancel-requested': {
      const top = y - BAR / 2 - 7;
      return `<path d="M${n(x - 5)} ${n(top)} L${n(x + 5)} ${n(top)} L${n(x)} ${n(top + 7)} Z" fill="${color}"/>`;
    }
    case 'returned':
      return `<circle cx="${n(x)}" cy="${n(y)}" r="5" fill="${color}" stroke="#fff" stroke-width="1"/>`;
    case 'raised':
      return `<path d="M${n(x)} ${n(y - 6)} L${n(x + 6)} ${n(y)} L${n(x)} ${n(y + 6)} L${n(x - 6)} ${n(y)} Z" fill="${color}" stroke="#fff" stroke-width="1"/>`;
    case 'cancelled':
      return `<rect x="${n(x - 5)}" y="${n(y - 5)}" width="10" height="10" fill="${color}" stroke="#fff" stroke-width="1"/><path d="M${n(x - 3)} ${n(y - 3)} L${n(x + 3)} ${n(y + 3)} M${n(x + 3)} ${n(y - 3)} L${n(x - 3)} ${n(y + 3)}" stroke="#fff" stroke-width="1.5"/>`;
    case 'gather-started':
      return `<path d="M${n(x - 3)} ${n(y + BAR / 2 + 1)} L${n(x + 3)} ${n(y + BAR / 2 + 1)} L${n(x)} ${n(y + BAR / 2 - 4)} Z" fill="${color}"/>`;
    case 'gather-returned':
    case 'gather-raised':
    case 'gather-cancelled':
      return `<path d="M${n(x)} ${n(y - 8)} L${n(x + 3)} ${n(y - 2)} L${n(x + 8)} ${n(y)} L${n(x + 3)} ${n(y + 2)} L${n(x)} ${n(y + 8)} L${n(x - 3)} ${n(y + 2)} L${n(x - 8)} ${n(y)} L${n(x - 3)} ${n(y - 2)} Z" fill="${color}" stroke="#fff" stroke-width="1"/>`;
  }
}

function legend(x: number, y: number, maxWidth: number): { svg: string; height: number } {
  const items: string[] = [];
  let cx = x;
  let cy = y;
  const place = (width: number): [number, number] => {
    if (cx + width > x + maxWidth) {
      cx = x;
      cy += 18;
    }
    const at: [number, number] = [cx, cy];
    cx += width + 14;
    return at;
  };
  for (const kind of SPAN_ORDER) {
    const style = SPAN_STYLES[kind];
    const [lx, ly] = place(22 + style.label.length * 6.2);
    const h = Math.max(BAR * style.height, 2);
    items.push(
      `<g class="legend-item" data-kind="${kind}"><rect x="${n(lx)}" y="${n(ly + 6 - h / 2)}" width="16" height="${n(h)}" fill="${style.fill}"/>` +
        `<text x="${n(lx + 20)}" y="${n(ly + 10)}" font-size="11">${escapeXml(style.label)}</text></g>`,
    );
  }
  for (const kind of MARK_ORDER) {
    const style = MARK_STYLES[kind];
    const [lx, ly] = place(22 + style.label.length * 6.2);
    items.push(
      `<g class="legend-item" data-kind="${kind}">${markShape(kind, lx + 8, ly + 6 + (kind === 'cancel-requested' ? 10 : 0))}` +
        `<text x="${n(lx + 20)}" y="${n(ly + 10)}" font-size="11">${escapeXml(style.label)}</text></g>`,
    );
  }
  return { svg: `<g class="legend">${items.join('')}</g>`, height: cy - y + 18 };
}

function rowSvg(task: TaskTimeline, run: RunTimeline, axis: Axis, x0: number, top: number, label: string, sub: string, outcomeX: number): string {
  const y = top + ROW / 2;
  const parts: string[] = [];
  parts.push(`<text x="${n(MARGIN)}" y="${n(y + 4)}" font-weight="bold">${escapeXml(label)}</text>`);
  if (sub !== '') parts.push(`<text x="${n(x0 - 8)}" y="${n(y + 4)}" text-anchor="end" fill="#4a5568" font-size="11">${escapeXml(sub)}</text>`);
  parts.push(`<line x1="${n(x0)}" x2="${n(x0 + axis.width)}" y1="${n(y)}" y2="${n(y)}" stroke="#e2e8f0"/>`);
  for (const span of task.spans) {
    const style = SPAN_STYLES[span.kind];
    const a = x0 + axis.x(span.from);
    const b = x0 + axis.x(span.to);
    const h = Math.max(BAR * style.height, 2);
    const width = Math.max(b - a, 2);
    parts.push(
      `<rect class="span span-${span.kind}" x="${n(a)}" y="${n(y - h / 2)}" width="${n(width)}" height="${n(h)}" fill="${style.fill}" rx="1">` +
        `<title>${escapeXml(`${task.task}: ${style.label} t=${span.from.at}…${span.to.at}`)}</title></rect>`,
    );
  }
  for (const mark of task.marks) {
    const x = x0 + axis.x(mark.at);
    const text = `${task.task}: ${MARK_STYLES[mark.kind].label} t=${mark.at.at} (event #${mark.index})${mark.label === undefined ? '' : ` — ${mark.label}`}`;
    parts.push(`<g class="mark mark-${mark.kind}">${markShape(mark.kind, x, y)}<title>${escapeXml(text)}</title></g>`);
  }
  const outcome = task.outcome === undefined ? '(not in outcome)' : describeTaskOutcome(task.outcome);
  parts.push(`<text x="${n(outcomeX)}" y="${n(y + 4)}" fill="#2d3748" font-size="11">${escapeXml(truncate(outcome, 34))}<title>${escapeXml(outcome)}</title></text>`);
  return `<g class="task-row" data-task="${escapeXml(task.task)}" data-run="${escapeXml(run.label)}">${parts.join('')}</g>`;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function timelineSvgFromBuilt(built: BuiltTimeline): string {
  const two = built.runs.length > 1;
  const labelWidth = maxLength(built.tasks, 8) * CHAR + 12;
  const subWidth = two ? maxLength(built.runs.map((run) => run.label)) * 6.6 + 12 : 0;
  const byName = built.runs.map((run) => new Map<string, TaskTimeline>(run.tasks.map((task) => [task.task, task])));
  const x0 = MARGIN + labelWidth + subWidth;
  const outcomeX = x0 + PLOT_WIDTH + 16;
  const width = outcomeX + 34 * 6.6 + MARGIN;
  const axis = layoutAxis(
    built.runs.map((run) => run.trace),
    built.end,
    { width: PLOT_WIDTH, maxSlot: 14, minGap: 16 },
  );

  const body: string[] = [];
  let y = MARGIN;
  body.push(`<text class="title" x="${n(MARGIN)}" y="${n(y + 12)}" font-size="15" font-weight="bold">${escapeXml(built.title)}</text>`);
  y += 24;
  for (const note of built.notes) {
    body.push(`<text class="note" x="${n(MARGIN)}" y="${n(y + 8)}" fill="#c53030">${escapeXml(truncate(note, 160))}</text>`);
    y += 18;
  }
  const leg = legend(MARGIN, y, width - 2 * MARGIN);
  body.push(leg.svg);
  y += leg.height + 10;

  body.push(`<text x="${n(outcomeX)}" y="${n(y + 4)}" font-size="11" fill="#718096">outcome</text>`);
  y += 10;
  const rowsTop = y;
  const rows: string[] = [];
  const backgrounds: string[] = [];
  const rowTops = new Map<string, number>();
  built.tasks.forEach((taskName, t) => {
    built.runs.forEach((run, r) => {
      const task = byName[r]!.get(taskName) ?? { task: taskName, spans: [], marks: [] };
      rowTops.set(`${r}\u0000${taskName}`, y);
      if (two && r === 0 && t % 2 === 0) {
        backgrounds.push(`<rect x="${n(MARGIN - 4)}" y="${n(y)}" width="${n(width - 2 * MARGIN + 8)}" height="${n(ROW * built.runs.length)}" fill="#f7fafc"/>`);
      }
      rows.push(rowSvg(task, run, axis, x0, y, r === 0 ? taskName : '', two ? run.label : '', outcomeX));
      y += ROW;
    });
    y += two ? GROUP_GAP : 0;
  });
  const rowsBottom = y;

  // Instant bands: faint columns showing how wide each instant was made.
  const bands = axis.bands
    .filter((band) => band.x1 - band.x0 > 0)
    .map((band) => `<rect class="instant-band" x="${n(x0 + band.x0)}" y="${n(rowsTop)}" width="${n(band.x1 - band.x0)}" height="${n(rowsBottom - rowsTop)}" fill="#edf2f7" opacity="0.6"><title>t=${band.at}: ${band.slots} step(s) at this instant</title></rect>`);
  body.push(backgrounds.join(''), `<g class="instant-bands">${bands.join('')}</g>`, rows.join(''));

  // Axis.
  const axisY = rowsBottom + 6;
  const ticks = axisTicks(axis, (text) => text.length * 6.6, 8);
  const axisParts = [`<line x1="${n(x0)}" x2="${n(x0 + axis.width)}" y1="${n(axisY)}" y2="${n(axisY)}" stroke="#2d3748"/>`];
  for (const band of axis.bands) {
    axisParts.push(`<line x1="${n(x0 + band.x0)}" x2="${n(x0 + band.x0)}" y1="${n(axisY)}" y2="${n(axisY + 4)}" stroke="#718096"/>`);
  }
  for (const tick of ticks) {
    axisParts.push(
      `<line x1="${n(x0 + tick.x)}" x2="${n(x0 + tick.x)}" y1="${n(axisY)}" y2="${n(axisY + 7)}" stroke="#2d3748"/>` +
        `<text class="tick" x="${n(x0 + tick.x)}" y="${n(axisY + 19)}" text-anchor="middle" font-size="11">${escapeXml(tick.label)}</text>`,
    );
  }
  axisParts.push(`<text x="${n(x0)}" y="${n(axisY + 35)}" font-size="11" fill="#718096">virtual time (ms); shaded columns are single instants widened to show their steps in order</text>`);
  body.push(`<g class="axis">${axisParts.join('')}</g>`);
  y = axisY + 56;

  // Divergence.
  const divergence = built.divergence;
  if (divergence !== null) {
    const marks: string[] = [];
    let lineX = Infinity;
    built.runs.forEach((run, r) => {
      if (divergence.run !== undefined && divergence.run !== r) return;
      let x: number | undefined;
      let task = divergence.task;
      if (divergence.index !== null) {
        const event = divergence.events[r];
        if (event !== undefined) {
          task = event.task;
          x = x0 + axis.x(eventPoints(run.trace)[divergence.index]!);
        } else {
          x = x0 + axis.x({ at: run.end, slot: 'end' });
        }
      } else {
        const final = byName[r]!.get(task)?.marks.filter((m) => ['returned', 'raised', 'cancelled'].includes(m.kind)).at(-1);
        x = x0 + axis.x(final?.at ?? { at: run.end, slot: 'end' });
      }
      lineX = Math.min(lineX, x);
      const top = rowTops.get(`${r}\u0000${task}`);
      if (top !== undefined) {
        marks.push(`<circle cx="${n(x)}" cy="${n(top + ROW / 2)}" r="9" fill="none" stroke="#e53e3e" stroke-width="2.5"/>`);
      }
    });
    body.push(
      `<g class="divergence"><line x1="${n(lineX)}" x2="${n(lineX)}" y1="${n(rowsTop - 4)}" y2="${n(rowsBottom)}" stroke="#e53e3e" stroke-width="1.5" stroke-dasharray="4 3"/>${marks.join('')}` +
        `<text x="${n(MARGIN)}" y="${n(y)}" fill="#c53030" font-weight="bold">${escapeXml(divergence.heading ?? 'first divergence')} — ${escapeXml(divergence.description)}</text></g>`,
    );
    y += 20;
  }
  built.gatherResults.forEach((line) => {
    body.push(`<text class="gather-result" x="${n(MARGIN)}" y="${n(y)}">${escapeXml(line)}</text>`);
    y += 18;
  });
  const height = y + MARGIN - 6;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="loopcheck-timeline" width="${n(width)}" height="${n(height)}" viewBox="0 0 ${n(width)} ${n(height)}" font-family="${FONT}" font-size="12">` +
    `<title>${escapeXml(built.title)}</title>` +
    `<rect width="100%" height="100%" fill="#ffffff"/>` +
    body.join('') +
    `</svg>\n`
  );
}

/** The SVG Gantt chart of one scenario run on one or two targets. */
export function timelineSvg(input: TimelineInput): string {
  return timelineSvgFromBuilt(buildTimeline(input));
}
