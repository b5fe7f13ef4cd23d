// index.html: one self-contained page with the coverage graph inline, totals per kind (states, transitions, guard
// outcomes, pairs), what was never reached, what cannot be and why, failures.
import { escapeXml } from '../xml.ts';
import type { CoverageRow, CoverageSummary, KindTotals, Ratio } from './summary.ts';
import { COVERAGE_KINDS, KIND_LABELS, formatRatio, rowsOf } from './summary.ts';
import type { FailureTimeline } from './failure-timelines.ts';

const STYLE = `
body { font-family: system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 24px; color: #1a202c; }
h1 { font-size: 22px; margin: 0 0 12px; } h2 { font-size: 17px; margin: 28px 0 8px; }
table { border-collapse: collapse; font-size: 14px; } th, td { border: 1px solid #cbd5e0; padding: 4px 10px; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.bar { display: inline-block; width: 120px; height: 10px; background: #fed7d7; vertical-align: middle; margin-left: 8px; }
.bar > span { display: block; height: 100%; background: #2c7a7b; }
.graph { overflow: auto; border: 1px solid #e2e8f0; padding: 8px; max-width: 100%; }
.graph svg { display: block; } /* natural size (scrolls): shrunk to the page, the 9pt rows were too small to read */
.never { color: #c53030; } code { font-size: 13px; } .ok { color: #2f855a; }
ul { margin: 4px 0; } li { margin: 2px 0; } .note { color: #4a5568; font-size: 14px; }
`;

function bar(r: Ratio): string {
  return `<span class="bar" title="${r.percent}%"><span style="width:${Math.min(100, r.percent)}%"></span></span>`;
}

function kindsOf(summary: CoverageSummary): (typeof COVERAGE_KINDS)[number][] {
  return COVERAGE_KINDS.filter((kind) => summary[kind] !== undefined);
}

function totalsTable(summary: CoverageSummary): string {
  const kinds = kindsOf(summary);
  const cellOf = (r: Ratio | undefined): string =>
    r === undefined ? '<td></td>' : `<td class="num">${formatRatio(r)}${bar(r)}</td>`;
  const row = (label: string, totals: KindTotals): string =>
    `<tr><th>${escapeXml(label)}</th>${kinds.map((kind) => cellOf(totals[kind])).join('')}</tr>`;
  const rows = [];
  if (summary.totals.before !== undefined) rows.push(row('before targeted scenarios', summary.totals.before));
  rows.push(row('total', summary.totals));
  for (const machine of summary.machines) rows.push(row(`machine ${machine}`, summary.byMachine[machine]!));
  const heads = kinds.map((kind) => `<th>${escapeXml(KIND_LABELS[kind])}</th>`).join('');
  return `<table id="totals"><thead><tr><th></th>${heads}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function neverList(rows: CoverageRow[], what: string, id: string): string {
  const never = rows.filter((row) => row.hits === 0 && row.unreachable === undefined);
  if (never.length === 0) return `<p id="${id}" class="ok">Every ${what} was reached.</p>`;
  return `<ul id="${id}" class="never">${never.map((row) => `<li><code>${escapeXml(row.id)}</code></li>`).join('')}</ul>`;
}

/** Never-reached lists for guard outcomes and pairs (reachable ones only), then the unreachable ones by reason. */
function guardsAndPairs(summary: CoverageSummary): string {
  const parts: string[] = [];
  for (const [kind, what, id] of [
    ['guards', 'reachable guard outcome', 'never-guards'],
    ['pairs', 'reachable transition pair', 'never-pairs'],
  ] as const) {
    const rows = summary[kind];
    if (rows === undefined) continue;
    const never = rows.filter((row) => row.hits === 0 && row.unreachable === undefined).length;
    parts.push(`<h2>Never reached ${escapeXml(KIND_LABELS[kind])} (${never})</h2>`, neverList(rows, what, id));
  }
  const unreachable = [...rowsOf(summary, 'guards'), ...rowsOf(summary, 'pairs')].filter(
    (row) => row.unreachable !== undefined,
  );
  if (unreachable.length > 0) {
    const reasons = [...new Set(unreachable.map((row) => row.unreachable!))];
    const items = reasons.map((reason) => {
      const ids = unreachable
        .filter((row) => row.unreachable === reason)
        .map((row) => `<li><code>${escapeXml(row.id)}</code></li>`);
      return `<li>${escapeXml(reason)}<ul>${ids.join('')}</ul></li>`;
    });
    parts.push(
      `<h2>Unreachable guard outcomes and pairs (${unreachable.length})</h2>`,
      '<p class="note">Allowed by the statecharts, impossible in the model: left out of the percentages above (docs/coverage.md).</p>',
      `<details id="unreachable"><summary>Why, by reason (${reasons.length})</summary><ul>${items.join('')}</ul></details>`,
    );
  }
  if (summary.contradicted.length > 0) {
    parts.push(
      `<h2>Listed as unreachable but reached (${summary.contradicted.length})</h2>`,
      `<ul id="contradicted" class="never">${summary.contradicted.map((id) => `<li><code>${escapeXml(id)}</code></li>`).join('')}</ul>`,
    );
  }
  return parts.join('\n');
}

function targetedList(summary: CoverageSummary): string {
  if (summary.totals.before === undefined) return '';
  const gained = COVERAGE_KINDS.flatMap((kind) => rowsOf(summary, kind)).filter(
    (row) => row.before === 0 && row.hits > 0,
  );
  const items = gained.map((row) => `<li><code>${escapeXml(row.id)}</code></li>`).join('');
  return `<h2>Reached only by targeted scenarios (${gained.length})</h2>${gained.length === 0 ? '<p class="note">None: random generation reached everything the targeted scenarios reached.</p>' : `<ul id="targeted">${items}</ul>`}`;
}

function failuresSection(failures: FailureTimeline[]): string {
  if (failures.length === 0) return '<h2>Saved failures</h2><p class="note" id="failures">No saved failures.</p>';
  const items = failures.map((failure) => {
    if (failure.error !== undefined)
      return `<li><code>${escapeXml(failure.name)}</code>: <span class="never">${escapeXml(failure.error)}</span></li>`;
    const links = [
      failure.svg === undefined ? '' : `<a href="${escapeXml(failure.svg)}">timeline (SVG)</a>`,
      failure.ascii === undefined ? '' : `<a href="${escapeXml(failure.ascii)}">timeline (text)</a>`,
    ].filter((link) => link !== '');
    const divergence =
      failure.divergence === undefined ? '' : ` — <span class="note">${escapeXml(failure.divergence)}</span>`;
    return `<li><code>${escapeXml(failure.name)}</code> (${escapeXml(failure.property ?? '?')} on ${escapeXml(failure.target ?? '?')}): ${links.join(' · ')}${divergence}</li>`;
  });
  return `<h2>Saved failures (${failures.length})</h2><ul id="failures">${items.join('')}</ul>`;
}

export interface CoverageHtmlOptions {
  graphSvg: string;
  failures?: FailureTimeline[];
  notes?: string[];
  title?: string;
}

export function coverageHtml(summary: CoverageSummary, options: CoverageHtmlOptions): string {
  const title = options.title ?? 'loopcheck model coverage';
  const notes = (options.notes ?? []).map((note) => `<li>${escapeXml(note)}</li>`).join('');
  const unknown =
    summary.unknown.length === 0
      ? ''
      : `<h2>Counted ids the graph does not list (${summary.unknown.length})</h2><ul class="never">${summary.unknown.map((id) => `<li><code>${escapeXml(id)}</code></li>`).join('')}</ul>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeXml(title)}</h1>
${notes === '' ? '' : `<ul class="note">${notes}</ul>`}
${totalsTable(summary)}
<h2>Never reached states (${summary.states.filter((row) => row.hits === 0).length})</h2>
${neverList(summary.states, 'state', 'never-states')}
<h2>Never taken transitions (${summary.transitions.filter((row) => row.hits === 0).length})</h2>
${neverList(summary.transitions, 'transition', 'never-transitions')}
${guardsAndPairs(summary)}
${targetedList(summary)}
${unknown}
${failuresSection(options.failures ?? [])}
<h2>Graph</h2>
<p class="note">Nodes and edges are shaded by hit count (darker = more); never reached ones are red and dashed${summary.totals.before === undefined ? '' : '; orange outlines were reached only by targeted scenarios'}. Also as <a href="coverage.svg">coverage.svg</a>, <a href="coverage.dot">coverage.dot</a>, <a href="coverage.md">coverage.md</a>, <a href="coverage.json">coverage.json</a>.</p>
<div class="graph" id="graph">${options.graphSvg}</div>
</body>
</html>
`;
}
