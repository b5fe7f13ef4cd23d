// Renders a timeline as a self-contained SVG Gantt chart: one row per task (per run), a virtual-time axis, a legend.
import { escapeXml } from '../xml.ts';
import { maxLength } from '../../properties/format/summary.ts';
import { axisTicks, layoutAxis, type Axis } from './axis.ts';
import { buildTimeline, type BuiltTimeline } from './build.ts';
import { eventPoints } from './spans.ts';
import { MARK_ORDER, MARK_STYLES, SPAN_ORDER, SPAN_ORDER_V2, SPAN_STYLES } from './style.ts';
import { deadlinePoint } from './format2-draw.ts';
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

const AWAIT_COLOR = '#2c7a7b';
const DEADLINE_COLOR = '#b7791f';

/** Patterns and arrow heads a format 2 timeline uses. */
const FORMAT2_DEFS =
  `<defs><pattern id="lc-shield-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
  `<rect width="6" height="6" fill="#fefcbf"/><line x1="0" y1="0" x2="0" y2="6" stroke="#975a16" stroke-width="2.5"/></pattern>` +
  `<marker id="lc-await-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse">` +
  `<path d="M0 0 L8 4 L0 8 Z" fill="${AWAIT_COLOR}"/></marker></defs>`;

function deadlineShape(x: number, y: number): string {
  return (
    `<line x1="${n(x)}" x2="${n(x)}" y1="${n(y - BAR / 2 - 3)}" y2="${n(y + BAR / 2 + 3)}" stroke="${DEADLINE_COLOR}" stroke-width="2"/>` +
    `<circle cx="${n(x)}" cy="${n(y - BAR / 2 - 6)}" r="4" fill="#fff" stroke="${DEADLINE_COLOR}" stroke-width="1.5"/>` +
    `<path d="M${n(x)} ${n(y - BAR / 2 - 8)} L${n(x)} ${n(y - BAR / 2 - 6)} L${n(x + 2)} ${n(y - BAR / 2 - 6)}" stroke="${DEADLINE_COLOR}" fill="none" stroke-width="1"/>`
  );
}

function legend(x: number, y: number, maxWidth: number, format2 = false): { svg: string; height: number } {
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
  for (const kind of format2 ? [...SPAN_ORDER, ...SPAN_ORDER_V2] : SPAN_ORDER) {
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
  if (format2) {
    let [lx, ly] = place(22 + 'awaits (→ the awaited end; dashed: shield)'.length * 6.2);
    items.push(
      `<g class="legend-item" data-kind="await-arrow"><line x1="${n(lx)}" x2="${n(lx + 16)}" y1="${n(ly + 6)}" y2="${n(ly + 6)}" stroke="${AWAIT_COLOR}" stroke-width="1.5" marker-end="url(#lc-await-arrow)"/>` +
        `<text x="${n(lx + 20)}" y="${n(ly + 10)}" font-size="11">awaits (→ the awaited end; dashed: shield)</text></g>`,
    );
    [lx, ly] = place(22 + 'timeout deadline'.length * 6.2);
    items.push(
      `<g class="legend-item" data-kind="deadline"><g transform="translate(${n(lx + 8)} ${n(ly + 9)}) scale(0.6)">${deadlineShape(0, 0)}</g><text x="${n(lx + 20)}" y="${n(ly + 10)}" font-size="11">timeout deadline</text></g>`,
    );
    [lx, ly] = place(22 + 'timeout scope'.length * 6.2);
    items.push(
      `<g class="legend-item" data-kind="timeout-scope"><rect x="${n(lx)}" y="${n(ly + 8)}" width="16" height="3" fill="${DEADLINE_COLOR}"/>` +
        `<text x="${n(lx + 20)}" y="${n(ly + 10)}" font-size="11">timeout scope</text></g>`,
    );
  }
  return { svg: `<g class="legend">${items.join('')}</g>`, height: cy - y + 18 };
}

function rowSvg(
  task: TaskTimeline,
  run: RunTimeline,
  axis: Axis,
  x0: number,
  top: number,
  label: string,
  sub: string,
  outcomeX: number,
): string {
  const y = top + ROW / 2;
  const parts: string[] = [];
  parts.push(`<text x="${n(MARGIN)}" y="${n(y + 4)}" font-weight="bold">${escapeXml(label)}</text>`);
  if (sub !== '')
    parts.push(
      `<text x="${n(x0 - 8)}" y="${n(y + 4)}" text-anchor="end" fill="#4a5568" font-size="11">${escapeXml(sub)}</text>`,
    );
  parts.push(`<line x1="${n(x0)}" x2="${n(x0 + axis.width)}" y1="${n(y)}" y2="${n(y)}" stroke="#e2e8f0"/>`);
  for (const span of task.spans) {
    const style = SPAN_STYLES[span.kind];
    const a = x0 + axis.x(span.from);
    const b = x0 + axis.x(span.to);
    const h = Math.max(BAR * style.height, 2);
    const width = Math.max(b - a, 2);
    const outline = span.kind === 'shielded' ? ` stroke="#975a16" stroke-dasharray="3 2"` : '';
    parts.push(
      `<rect class="span span-${span.kind}"${outline} x="${n(a)}" y="${n(y - h / 2)}" width="${n(width)}" height="${n(h)}" fill="${style.fill}" rx="1">` +
        `<title>${escapeXml(`${task.task}: ${style.label} t=${span.from.at}…${span.to.at}`)}</title></rect>`,
    );
  }
  for (const mark of task.marks) {
    const x = x0 + axis.x(mark.at);
    const text = `${task.task}: ${MARK_STYLES[mark.kind].label} t=${mark.at.at} (event #${mark.index})${mark.label === undefined ? '' : ` — ${mark.label}`}`;
    parts.push(`<g class="mark mark-${mark.kind}">${markShape(mark.kind, x, y)}<title>${escapeXml(text)}</title></g>`);
  }
  const outcome = task.outcome === undefined ? '(not in outcome)' : describeTaskOutcome(task.outcome);
  parts.push(
    `<text x="${n(outcomeX)}" y="${n(y + 4)}" fill="#2d3748" font-size="11">${escapeXml(truncate(outcome, 34))}<title>${escapeXml(outcome)}</title></text>`,
  );
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
  body.push(
    `<text class="title" x="${n(MARGIN)}" y="${n(y + 12)}" font-size="15" font-weight="bold">${escapeXml(built.title)}</text>`,
  );
  y += 24;
  for (const note of built.notes) {
    body.push(
      `<text class="note" x="${n(MARGIN)}" y="${n(y + 8)}" fill="#c53030">${escapeXml(truncate(note, 160))}</text>`,
    );
    y += 18;
  }
  const format2 = built.runs.some((run) => run.format2 !== undefined);
  const leg = legend(MARGIN, y, width - 2 * MARGIN, format2);
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
        backgrounds.push(
          `<rect x="${n(MARGIN - 4)}" y="${n(y)}" width="${n(width - 2 * MARGIN + 8)}" height="${n(ROW * built.runs.length)}" fill="#f7fafc"/>`,
        );
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
    .map(
      (band) =>
        `<rect class="instant-band" x="${n(x0 + band.x0)}" y="${n(rowsTop)}" width="${n(band.x1 - band.x0)}" height="${n(rowsBottom - rowsTop)}" fill="#edf2f7" opacity="0.6"><title>t=${band.at}: ${band.slots} step(s) at this instant</title></rect>`,
    );
  body.push(backgrounds.join(''), `<g class="instant-bands">${bands.join('')}</g>`, rows.join(''));

  // Format 2: timeout scopes and deadlines on the task that set them, arrows from an await to the awaited end.
  const overlays: string[] = [];
  built.runs.forEach((run, r) => {
    if (run.format2 === undefined) return;
    const points = eventPoints(run.trace);
    const clampX = (x: number): number => x0 + Math.min(axis.width, Math.max(0, x));
    for (const scope of run.format2.scopes) {
      const top = rowTops.get(`${r}\u0000${scope.task}`);
      if (top === undefined) continue;
      const y = top + ROW / 2;
      const a = clampX(axis.x(scope.from));
      const b = clampX(axis.x(scope.to));
      const d = clampX(axis.x(deadlinePoint(run, scope)));
      const text = `${scope.task}: timeout ${scope.ms} entered t=${scope.from.at}, deadline t=${scope.deadline}${scope.fired ? ' (fired)' : ' (not reached)'}, scope left t=${scope.to.at}`;
      overlays.push(
        `<g class="timeout" data-task="${escapeXml(scope.task)}" data-run="${escapeXml(run.label)}"><title>${escapeXml(text)}</title>` +
          `<rect class="timeout-scope" x="${n(a)}" y="${n(y + BAR / 2 + 1)}" width="${n(Math.max(b - a, 2))}" height="3" fill="${DEADLINE_COLOR}" data-from-at="${scope.from.at}" data-to-at="${scope.to.at}"/>` +
          `<g class="deadline${scope.fired ? ' deadline-fired' : ''}" data-at="${scope.deadline}" data-x="${n(d)}" opacity="${scope.fired ? 1 : 0.45}">${deadlineShape(d, y)}</g></g>`,
      );
    }
    for (const arrow of run.format2.awaits) {
      const from = rowTops.get(`${r}\u0000${arrow.task}`);
      const to = rowTops.get(`${r}\u0000${arrow.target}`);
      if (from === undefined || to === undefined) continue;
      const x1 = clampX(axis.x(points[arrow.from]!));
      const end = arrow.to === null ? { at: run.end, slot: 'end' as const } : points[arrow.to]!;
      const x2 = clampX(axis.x(end));
      const y1 = from + ROW / 2;
      const y2 = to + ROW / 2 + (to > from ? -BAR / 2 : to < from ? BAR / 2 : 0);
      const text = `${arrow.task} ${arrow.shield ? 'shields' : 'awaits'} ${arrow.target}: from t=${points[arrow.from]!.at} to ${arrow.to === null ? 'the end (never ended)' : `its end t=${end.at}`}`;
      overlays.push(
        `<g class="await-arrow${arrow.shield ? ' shield' : ''}" data-task="${escapeXml(arrow.task)}" data-target="${escapeXml(arrow.target)}" data-run="${escapeXml(run.label)}" data-from-at="${points[arrow.from]!.at}" data-to-at="${end.at}">` +
          `<title>${escapeXml(text)}</title><line x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}" stroke="${AWAIT_COLOR}" stroke-width="1.5"${arrow.shield ? ' stroke-dasharray="5 3"' : ''} marker-end="url(#lc-await-arrow)"/></g>`,
      );
    }
  });
  if (overlays.length > 0) body.push(`<g class="format2">${overlays.join('')}</g>`);

  // Axis.
  const axisY = rowsBottom + 6;
  const ticks = axisTicks(axis, (text) => text.length * 6.6, 8);
  const axisParts = [
    `<line x1="${n(x0)}" x2="${n(x0 + axis.width)}" y1="${n(axisY)}" y2="${n(axisY)}" stroke="#2d3748"/>`,
  ];
  for (const band of axis.bands) {
    axisParts.push(
      `<line x1="${n(x0 + band.x0)}" x2="${n(x0 + band.x0)}" y1="${n(axisY)}" y2="${n(axisY + 4)}" stroke="#718096"/>`,
    );
  }
  for (const tick of ticks) {
    axisParts.push(
      `<line x1="${n(x0 + tick.x)}" x2="${n(x0 + tick.x)}" y1="${n(axisY)}" y2="${n(axisY + 7)}" stroke="#2d3748"/>` +
        `<text class="tick" x="${n(x0 + tick.x)}" y="${n(axisY + 19)}" text-anchor="middle" font-size="11">${escapeXml(tick.label)}</text>`,
    );
  }
  axisParts.push(
    `<text x="${n(x0)}" y="${n(axisY + 35)}" font-size="11" fill="#718096">virtual time (ms); shaded columns are single instants widened to show their steps in order</text>`,
  );
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
        const final = byName[r]!.get(task)
          ?.marks.filter((m) => ['returned', 'raised', 'cancelled'].includes(m.kind))
          .at(-1);
        x = x0 + axis.x(final?.at ?? { at: run.end, slot: 'end' });
      }
      lineX = Math.min(lineX, x);
      const top = rowTops.get(`${r}\u0000${task}`);
      if (top !== undefined) {
        marks.push(
          `<circle cx="${n(x)}" cy="${n(top + ROW / 2)}" r="9" fill="none" stroke="#e53e3e" stroke-width="2.5"/>`,
        );
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
    (format2 ? FORMAT2_DEFS : '') +
    `<rect width="100%" height="100%" fill="#ffffff"/>` +
    body.join('') +
    `</svg>\n`
  );
}

/** The SVG Gantt chart of one scenario run on one or two targets. */
export function timelineSvg(input: TimelineInput): string {
  return timelineSvgFromBuilt(buildTimeline(input));
}
