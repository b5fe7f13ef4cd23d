// The conformance matrix as text: property × (target, profile) for the terminal and Markdown, and a standalone HTML page.
import { relative } from 'node:path';
import type { Cell, ConformanceReport, TargetColumn } from './run-conformance.ts';
import { renderTable } from '../properties/format/table.ts';
import { replayCommand } from '../properties/failure-file.ts';

function columnLabel(c: TargetColumn): string {
  return `${c.target} vs ${c.profile}`;
}

function cellText(cell: Cell | undefined, column: TargetColumn): string {
  if (column.skipped !== undefined) return 'n/a';
  if (cell === undefined) return '—';
  if (column.stopped !== undefined) return 'not run (stopped)';
  if (cell.status === 'n/a') return `n/a (${cell.reason})`;
  const ties = cell.ties ? `, ${cell.ties} ties` : '';
  // the cases of a format the property does not read (its declared `formats`): not among its cases
  const unjudged = ([1, 2] as const)
    .filter((f) => (cell.unjudged?.[f] ?? 0) > 0)
    .map((f) => `, ${cell.unjudged![f]} format ${f} not judged`)
    .join('');
  const counts = `${cell.cases}, engaged ${cell.engaged}${ties}${unjudged}`;
  if (cell.status === 'vacuous') return `VACUOUS (${counts})${cell.expected ? ' (expected)' : ''}`;
  if (cell.status === 'fails') return cell.expected ? 'differs (expected)' : 'FAILS';
  return `ok (${counts})${cell.note === undefined ? '' : ' *'}`;
}

/** The legend's clause for unjudged cases, when a cell has some. */
function unjudgedLegend(report: ConformanceReport): string {
  return report.cells.some((c) => c.unjudged !== undefined)
    ? '; format F not judged: cases of a format the property does not read, not among its cases'
    : '';
}

/** What a column's notes say: skipped, judged against seed in place of its own profile, unsupported cases, its log. */
function columnNotes(col: TargetColumn): string[] {
  return [
    col.skipped,
    col.stopped,
    col.standIn,
    col.unsupported > 0 ? `${col.unsupported} cases unsupported` : undefined,
    col.log !== undefined ? `adapter output: ${display(col.log)}` : undefined,
  ].filter((x) => x !== undefined);
}

/** `(expected: documented)` after a failure or crash that is a known difference. */
function why(x: { expected?: string }): string {
  return x.expected === undefined
    ? ''
    : ` (expected: ${x.expected === 'documented' ? 'a documented difference' : 'in the baseline'})`;
}

/** Failing cells: new differences first, then the expected ones. */
function failureGroups(report: ConformanceReport): Array<[string, Cell[]]> {
  const failing = report.cells.filter((x) => x.status === 'fails');
  return [
    ['Failures', failing.filter((c) => c.expected === undefined)],
    ['Expected differences', failing.filter((c) => c.expected !== undefined)],
  ];
}

/** The legend of the cells, and the baseline's entries that no longer fail. */
function legendLines(report: ConformanceReport): string[] {
  const out = [
    "`differs (expected)`: fails, as the runtime's documented difference or a baseline entry says; `FAILS`: a new difference",
  ];
  if (report.baseline !== undefined) {
    const gone = report.baseline.noLongerFailing;
    out.push(
      gone.length === 0
        ? `baseline ${report.baseline.file}: every entry for the targets run still fails`
        : `baseline ${report.baseline.file}: ${gone.length} entr${gone.length === 1 ? 'y no longer fails' : 'ies no longer fail'} (remove or re-record): ${gone.map((g) => `${g.property} on ${g.target} against ${g.profile}`).join(', ')}`,
    );
  }
  return out;
}

/** Columns with a verdict (a column whose profile has no model is only a note under the table). */
function shown(report: ConformanceReport): TargetColumn[] {
  return report.columns.filter((c) => c.skipped === undefined);
}

function rows(report: ConformanceReport): {
  properties: string[];
  find: (p: string, c: TargetColumn) => Cell | undefined;
} {
  const properties: string[] = [];
  for (const c of report.cells) if (!properties.includes(c.property)) properties.push(c.property);
  const find = (p: string, col: TargetColumn) =>
    report.cells.find((c) => c.property === p && c.target === col.target && c.mode === col.mode);
  return { properties, find };
}

function shortJson(value: unknown): string {
  return JSON.stringify(value, (k, v) => (k === 'loopcheck' ? undefined : v));
}

function display(file: string): string {
  const r = relative(process.cwd(), file);
  return r.startsWith('..') ? file : r;
}

/** Plain text for the terminal: the matrix, then each failure with its shrunk scenario and replay command. */
export function conformanceText(report: ConformanceReport): string {
  const { properties, find } = rows(report);
  const header = ['property', ...shown(report).map(columnLabel)];
  const body = properties.map((p) => [p, ...shown(report).map((col) => cellText(find(p, col), col))]);
  const out = [renderTable(header, body), ''];
  for (const col of report.columns) {
    const notes = columnNotes(col);
    if (notes.length > 0) out.push(`${columnLabel(col)}: ${notes.join('; ')}`);
  }
  out.push(
    `seed ${report.seed}, ${report.runs} cases per target and profile; a cell is ok (cases judged, engaged: cases that reached the property's comparison${unjudgedLegend(report)})`,
  );
  out.push(...legendLines(report).map((l) => l.replace(/`/g, '')));
  for (const c of report.cells.filter((x) => x.note !== undefined))
    out.push(
      `${c.status === 'vacuous' ? 'VACUOUS' : '*'} ${c.property} on ${c.target} against ${c.profile}: ${c.note}`,
    );
  for (const c of failureGroups(report).flatMap(([, cells]) => cells)) {
    out.push('', `${c.property} fails on ${c.target} against ${c.profile}${why(c)}: ${c.message}`);
    if (c.scenario) out.push(`  shrunk: ${shortJson(c.scenario)}`);
    if (c.failureFile) out.push(`  replay: ${replayCommand(display(c.failureFile))}`);
  }
  for (const i of report.issues) {
    out.push(
      '',
      `${i.target} ${i.kind} (against ${i.profile})${why(i)}: ${i.error}`,
      `  scenario: ${shortJson(i.scenario)}`,
      `  replay: ${replayCommand(display(i.failureFile))}`,
    );
  }
  return out.join('\n');
}

/** Markdown: the same matrix as a table, failures as a list with their scenarios. */
export function conformanceMarkdown(report: ConformanceReport): string {
  const { properties, find } = rows(report);
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const out = [
    '# loopcheck conformance',
    '',
    `Seed ${report.seed}, ${report.runs} cases per target and profile. A cell is \`ok (cases judged, engaged N)\` (N: cases that reached the property's comparison${unjudgedLegend(report)}), \`FAILS\` (a new difference; shrunk case below), \`differs (expected)\` (a documented or baselined difference), \`VACUOUS\` (held, but engaged on fewer than a quarter of its cases), \`—\` (the property is not part of that profile) or \`n/a\`.`,
    '',
    `| property | ${shown(report)
      .map((c) => esc(columnLabel(c)))
      .join(' | ')} |`,
    `|---|${shown(report)
      .map(() => '---')
      .join('|')}|`,
    ...properties.map(
      (p) =>
        `| ${p} | ${shown(report)
          .map((col) => esc(cellText(find(p, col), col)))
          .join(' | ')} |`,
    ),
    '',
  ];
  for (const col of report.columns) {
    const notes = columnNotes(col);
    if (notes.length > 0) out.push(`- **${esc(columnLabel(col))}**: ${esc(notes.join('; '))}`);
  }
  if (report.baseline !== undefined) out.push(`- ${esc(legendLines(report)[1]!)}`);
  for (const c of report.cells.filter((x) => x.note !== undefined))
    out.push(`- ${esc(`${c.property} on ${c.target} against ${c.profile}`)}: ${esc(c.note!)}`);
  for (const [title, failures] of failureGroups(report)) {
    if (failures.length > 0) out.push('', `## ${title}`, '');
    for (const c of failures) {
      out.push(`### ${c.property} on ${c.target} against ${c.profile}${why(c)}`, '', c.message ?? '', '');
      if (c.scenario) out.push('```json', shortJson(c.scenario), '```', '');
      if (c.failureFile) out.push(`Replay: \`${replayCommand(display(c.failureFile))}\``, '');
    }
  }
  if (report.issues.length > 0) out.push('## Crashes and timeouts', '');
  for (const i of report.issues)
    out.push(`- ${i.target} ${i.kind}${why(i)}: ${i.error} — \`${replayCommand(display(i.failureFile))}\``);
  return `${out.join('\n')}\n`;
}

function html(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A standalone HTML page: the matrix coloured by verdict, failures with scenario and replay command. */
export function conformanceHtml(report: ConformanceReport): string {
  const { properties, find } = rows(report);
  const cls = (cell: Cell | undefined, col: TargetColumn) =>
    col.skipped !== undefined || cell === undefined || cell.status === 'n/a'
      ? 'na'
      : cell.status === 'holds'
        ? 'ok'
        : cell.expected
          ? 'expected'
          : 'fail';
  const anchor = (c: Cell) => `f-${c.property}-${c.target}-${c.mode}`.replace(/[^A-Za-z0-9_-]/g, '_');
  const cellHtml = (p: string, col: TargetColumn) => {
    const cell = find(p, col);
    const text = html(cellText(cell, col));
    const title = cell?.expected ? ` title="${html(why(cell).trim().slice(1, -1))}"` : '';
    return `<td class="${cls(cell, col)}"${title}>${cell?.status === 'fails' ? `<a href="#${anchor(cell)}">${text}</a>` : text}</td>`;
  };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>loopcheck conformance</title>
<style>
body{font-family:system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left}
td.ok{background:#e6f4e6}td.fail{background:#fbe0e0;font-weight:bold}td.expected{background:#fdf0cc;color:#7a5200}td.na{color:#888}
pre{background:#f5f5f5;padding:.6em;white-space:pre-wrap;word-break:break-all}
</style></head><body>
<h1>loopcheck conformance</h1>
<p>Seed ${report.seed}, ${report.runs} cases per target and profile. <span style="background:#fbe0e0;font-weight:bold">FAILS</span>: a new difference (a regression); <span style="background:#fdf0cc;color:#7a5200">differs (expected)</span>: a runtime's documented difference or a baseline entry.</p>
<table><thead><tr><th>property</th>${shown(report)
    .map((c) => `<th>${html(columnLabel(c))}</th>`)
    .join('')}</tr></thead>
<tbody>
${properties
  .map(
    (p) =>
      `<tr><th>${html(p)}</th>${shown(report)
        .map((col) => cellHtml(p, col))
        .join('')}</tr>`,
  )
  .join('\n')}
</tbody></table>
<ul>${report.columns
    .filter((c) => columnNotes(c).length > 0)
    .map((c) => `<li>${html(columnLabel(c))}: ${html(columnNotes(c).join('; '))}</li>`)
    .join('')}${report.baseline !== undefined ? `<li>${html(legendLines(report)[1]!)}</li>` : ''}</ul>
${failureGroups(report)
  .map(
    ([title, failures]) => `${failures.length > 0 ? `<h2>${title}</h2>` : ''}
${failures
  .map(
    (c) => `<h3 id="${anchor(c)}">${html(`${c.property} on ${c.target} against ${c.profile}${why(c)}`)}</h3>
<p>${html(c.message ?? '')}</p>${c.scenario ? `<pre>${html(shortJson(c.scenario))}</pre>` : ''}${c.failureFile ? `<p><code>${html(replayCommand(display(c.failureFile)))}</code></p>` : ''}`,
  )
  .join('\n')}`,
  )
  .join('\n')}
${report.issues.length > 0 ? `<h2>Crashes and timeouts</h2><ul>${report.issues.map((i) => `<li>${html(`${i.target} ${i.kind}${why(i)}: ${i.error}`)} — <code>${html(replayCommand(display(i.failureFile)))}</code></li>`).join('')}</ul>` : ''}
</body></html>
`;
}
