// index.html: one self-contained page with the coverage graph inline, totals, what was never reached, failures.
import { escapeXml } from '../xml.ts';
import type { CoverageRow, CoverageSummary, Ratio } from './summary.ts';
import { formatRatio } from './summary.ts';
import type { FailureTimeline } from './failure-timelines.ts';

const STYLE = `
body { font-family: system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 24px; color: #1a202c; }
h1 { font-size: 22px; margin: 0 0 12px; } h2 { font-size: 17px; margin: 28px 0 8px; }
table { border-collapse: collapse; font-size: 14px; } th, td { border: 1px solid #cbd5e0; padding: 4px 10px; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.bar { display: inline-block; width: 120px; height: 10px; background: #fed7d7; vertical-align: middle; margin-left: 8px; }
.bar > span { display: block; height: 100%; background: #2c7a7b; }
.graph { overflow: auto; border: 1px solid #e2e8f0; padding: 8px; max-width: 100%; }
.graph svg { max-width: 100%; height: auto; }
.never { color: #c53030; } code { font-size: 13px; } .ok { color: #2f855a; }
ul { margin: 4px 0; } li { margin: 2px 0; } .note { color: #4a5568; font-size: 14px; }
`;

function bar(r: Ratio): string {
  return `<span class="bar" title="${r.percent}%"><span style="width:${Math.min(100, r.percent)}%"></span></span>`;
}

function totalsTable(summary: CoverageSummary): string {
  const row = (label: string, states: Ratio, transitions: Ratio): string =>
    `<tr><th>${escapeXml(label)}</th><td class="num">${formatRatio(states)}${bar(states)}</td><td class="num">${formatRatio(transitions)}${bar(transitions)}</td></tr>`;
  const rows = [];
  if (summary.totals.before !== undefined) rows.push(row('before targeted scenarios', summary.totals.before.states, summary.totals.before.transitions));
  rows.push(row('total', summary.totals.states, summary.totals.transitions));
  for (const machine of summary.machines) {
    const totals = summary.byMachine[machine]!;
    rows.push(row(`machine ${machine}`, totals.states, totals.transitions));
  }
  return `<table id="totals"><thead><tr><th></th><th>states reached</th><th>transitions taken</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function neverList(rows: CoverageRow[], what: string, id: string): string {
  const never = rows.filter((row) => row.hits === 0);
  if (never.length === 0) return `<p id="${id}" class="ok">Every ${what} was reached.</p>`;
  return `<ul id="${id}" class="never">${never.map((row) => `<li><code>${escapeXml(row.id)}</code></li>`).join('')}</ul>`;
}

function targetedList(summary: CoverageSummary): string {
  if (summary.totals.before === undefined) return '';
  const gained = [...summary.states, ...summary.transitions].filter((row) => row.before === 0 && row.hits > 0);
  const items = gained.map((row) => `<li><code>${escapeXml(row.id)}</code></li>`).join('');
  return `<h2>Reached only by targeted scenarios (${gained.length})</h2>${gained.length === 0 ? '<p class="note">None: random generation reached everything the targeted scenarios reached.</p>' : `<ul id="targeted">${items}</ul>`}`;
}

function failuresSection(failures: FailureTimeline[]): string {
  if (failures.length === 0) return '<h2>Saved failures</h2><p class="note" id="failures">No saved failures.</p>';
  const items = failures.map((failure) => {
    if (failure.error !== undefined) return `<li><code>${escapeXml(failure.name)}</code>: <span class="never">${escapeXml(failure.error)}</span></li>`;
    const links = [
      failure.svg === undefined ? '' : `<a href="${escapeXml(failure.svg)}">timeline (SVG)</a>`,
      failure.ascii === undefined ? '' : `<a href="${escapeXml(failure.ascii)}">timeline (text)</a>`,
    ].filter((link) => link !== '');
    const divergence = failure.divergence === undefined ? '' : ` — <span class="note">${escapeXml(failure.divergence)}</span>`;
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
