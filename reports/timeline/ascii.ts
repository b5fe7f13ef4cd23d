// Renders a timeline as plain text for the terminal: one line per task (per run), at most 100 columns wide.
import { axisTicks, layoutAxis } from './axis.ts';
import { buildTimeline, type BuiltTimeline } from './build.ts';
import { eventPoints } from './spans.ts';
import { MARK_ORDER, MARK_STYLES, SPAN_ORDER, SPAN_ORDER_V2, SPAN_STYLES } from './style.ts';
import { deadlinePoint } from './format2-draw.ts';
import { describeTaskOutcome } from './divergence.ts';
import type { TaskTimeline, TimelineInput } from './types.ts';
import { maxLength, moreLine } from '../../properties/format/summary.ts';

export const ASCII_WIDTH = 100;
const STATUS_WIDTH = 10;

function fit(text: string, width = ASCII_WIDTH): string {
  return text.length <= width ? text : `${text.slice(0, width - 3)}...`;
}

function wrapItems(prefix: string, items: string[], width = ASCII_WIDTH): string[] {
  const lines: string[] = [];
  let line = prefix;
  for (const item of items) {
    if (line.length + item.length + 2 > width && line.trim() !== '') {
      lines.push(line.trimEnd());
      line = ' '.repeat(prefix.length);
    }
    line += `${item}  `;
  }
  lines.push(line.trimEnd());
  return lines;
}

/** The tasks drawn: the first `maxTasks`, and the one the divergence or violation names if it is not among them. */
function shownTasks(built: BuiltTimeline, maxTasks: number): string[] {
  if (built.tasks.length <= maxTasks) return built.tasks;
  const shown = built.tasks.slice(0, maxTasks);
  const flagged =
    built.divergence === null
      ? undefined
      : (built.divergence.events.find((e) => e !== undefined)?.task ?? built.divergence.task);
  if (flagged !== undefined && !shown.includes(flagged) && built.tasks.includes(flagged)) shown.push(flagged);
  return shown;
}

/**
 * The timeline as text, `width` columns wide: one row per task and run, at most `maxTasks` tasks (the first ones,
 * and the one a divergence names), the others summarised in a line.
 */
export function timelineAsciiFromBuilt(built: BuiltTimeline, width = ASCII_WIDTH, maxTasks = Infinity): string {
  const two = built.runs.length > 1;
  const tasks = shownTasks(built, maxTasks);
  const hidden = built.tasks.length - tasks.length;
  const byName = built.runs.map((run) => new Map<string, TaskTimeline>(run.tasks.map((task) => [task.task, task])));
  const nameWidth = Math.min(18, maxLength(tasks, 7));
  const runWidth = two ? Math.min(8, maxLength(built.runs.map((run) => run.label))) + 1 : 0;
  const labelWidth = 1 + nameWidth + 1 + runWidth; // divergence flag, name, space, run label
  const plotWidth = width - labelWidth - 2 - 1 - STATUS_WIDTH; // two '|' and a space before the status
  const axis = layoutAxis(
    built.runs.map((run) => run.trace),
    built.end,
    { width: plotWidth - 1, maxSlot: 2, minGap: 1, slotShare: 0.7 },
  );
  const col = (x: number): number => Math.min(plotWidth - 1, Math.max(0, Math.floor(x)));

  const lines: string[] = [fit(built.title, width), ...built.notes.map((note) => fit(note, width))];
  const format2 = built.runs.some((run) => run.format2 !== undefined);
  lines.push(
    ...wrapItems(
      'legend: ',
      (format2 ? [...SPAN_ORDER, ...SPAN_ORDER_V2] : SPAN_ORDER).map(
        (kind) => `${SPAN_STYLES[kind].char} ${SPAN_STYLES[kind].label}`,
      ),
      width,
    ),
  );
  lines.push(
    ...wrapItems(
      '        ',
      MARK_ORDER.filter((kind) => kind !== 'gather-raised' && kind !== 'gather-cancelled').map((kind) =>
        kind === 'gather-returned' ? 'G gather decided' : `${MARK_STYLES[kind].char} ${MARK_STYLES[kind].label}`,
      ),
      width,
    ),
  );
  if (format2)
    lines.push(...wrapItems('        ', ['T timeout deadline', '→ NAME awaits NAME (listed under the plot)'], width));

  const divergence = built.divergence;
  const divergenceCols: number[] = [];
  for (const taskName of tasks) {
    built.runs.forEach((run, r) => {
      const task = byName[r]!.get(taskName);
      const cells = Array.from({ length: plotWidth }, () => ' ');
      const priority = Array.from({ length: plotWidth }, () => 0);
      for (const span of task?.spans ?? []) {
        const a = col(axis.x(span.from));
        const b = Math.max(a, Math.min(plotWidth - 1, Math.ceil(axis.x(span.to)) - 1));
        for (let c = a; c <= b; c++) cells[c] = SPAN_STYLES[span.kind].char;
      }
      for (const mark of task?.marks ?? []) {
        const c = col(axis.x(mark.at));
        const style = MARK_STYLES[mark.kind];
        if (style.priority >= priority[c]!) {
          cells[c] = style.char;
          priority[c] = style.priority;
        }
      }
      for (const scope of run.format2?.scopes ?? []) {
        if (scope.task !== taskName || !scope.fired) continue;
        const c = col(axis.x(deadlinePoint(run, scope)));
        if (priority[c]! < 5) {
          cells[c] = 'T';
          priority[c] = 5;
        }
      }
      let flagged = false;
      if (divergence !== null && (divergence.run === undefined || divergence.run === r)) {
        const event = divergence.index === null ? undefined : divergence.events[r];
        if ((event?.task ?? divergence.task) === taskName && (divergence.index === null || event !== undefined)) {
          flagged = true;
          if (divergence.index !== null) divergenceCols.push(col(axis.x(eventPoints(run.trace)[divergence.index]!)));
        }
      }
      const name = r === 0 ? taskName.slice(0, nameWidth).padEnd(nameWidth) : ' '.repeat(nameWidth);
      const runLabel = two ? ` ${run.label.slice(0, runWidth - 1).padEnd(runWidth - 1)}` : '';
      const status = task?.outcome?.status ?? (task === undefined || task.marks.length === 0 ? '-' : '?');
      lines.push(`${flagged ? '*' : ' '}${name}${runLabel} |${cells.join('')}| ${status}`.slice(0, width));
    });
  }

  // Axis: tick marks under the plot, labels under them.
  if (hidden > 0) lines.push(moreLine(hidden, 'tasks', ' '.repeat(labelWidth + 2)));

  const pad = ' '.repeat(labelWidth + 1);
  const ruler = Array.from({ length: plotWidth }, () => '-');
  const labels = Array.from({ length: plotWidth + STATUS_WIDTH }, () => ' ');
  for (const tick of axisTicks(axis, (text) => text.length, 1)) {
    const c = col(tick.x);
    ruler[c] = '+';
    const start = Math.max(0, Math.min(labels.length - tick.label.length, c - Math.floor((tick.label.length - 1) / 2)));
    const free = labels.slice(Math.max(0, start - 1), start + tick.label.length + 1).every((ch) => ch === ' ');
    if (free) for (let i = 0; i < tick.label.length; i++) labels[start + i] = tick.label[i]!;
  }
  for (const c of divergenceCols) ruler[c] = '^';
  lines.push(`${' '.repeat(labelWidth)} +${ruler.join('')}+`);
  lines.push(`${pad}${labels.join('').trimEnd()}`.slice(0, width));
  lines.push(fit(`${' '.repeat(labelWidth + 1)}virtual ms (each instant widened to show its steps)`, width));

  if (format2) lines.push(...format2Lines(built, tasks, width));
  for (const line of built.gatherResults) lines.push(fit(line, width));
  if (divergence !== null)
    lines.push(
      fit(`${divergence.heading ?? 'first divergence'} (* rows, ^ on the axis): ${divergence.description}`, width),
    );
  for (const taskName of tasks) {
    const outcomes = built.runs.map((run, r) => {
      const task = byName[r]!.get(taskName);
      return `${two ? `${run.label} ` : ''}${task?.outcome === undefined ? '(absent)' : describeTaskOutcome(task.outcome)}`;
    });
    lines.push(fit(`  ${taskName}: ${outcomes.join(' | ')}`, width));
  }
  if (hidden > 0) lines.push(moreLine(hidden, 'tasks', '  '));
  return `${lines.map((line) => line.trimEnd()).join('\n')}\n`;
}

/** Format 2's awaits (`→ name`), shields and timeouts (`T` deadlines), one line each, per run. */
function format2Lines(built: BuiltTimeline, tasks: string[], width: number): string[] {
  const shown = new Set(tasks);
  const lines: string[] = [];
  built.runs.forEach((run) => {
    if (run.format2 === undefined) return;
    const points = eventPoints(run.trace);
    const prefix = built.runs.length > 1 ? `${run.label} ` : '';
    for (const arrow of run.format2.awaits) {
      if (!shown.has(arrow.task)) continue;
      const end = arrow.to === null ? `never ended (end t=${run.end})` : `t=${points[arrow.to]!.at}`;
      lines.push(
        fit(
          `  ${prefix}${arrow.task} ${arrow.shield ? 'shield ' : ''}→ ${arrow.target}  from t=${points[arrow.from]!.at} to its end ${end}`,
          width,
        ),
      );
    }
    for (const scope of run.format2.scopes) {
      if (!shown.has(scope.task)) continue;
      lines.push(
        fit(
          `  ${prefix}${scope.task} T deadline t=${scope.deadline} (timeout ${scope.ms} entered t=${scope.from.at}, scope t=${scope.from.at}…${scope.to.at}, ${scope.fired ? 'fired' : 'not reached'})`,
          width,
        ),
      );
    }
  });
  return lines.length === 0 ? [] : ['awaits and timeouts:', ...lines];
}

/** The plain-text timeline (at most `width`, default 100, columns). */
export function timelineAscii(input: TimelineInput, width = ASCII_WIDTH, maxTasks = Infinity): string {
  return timelineAsciiFromBuilt(buildTimeline(input), width, maxTasks);
}
