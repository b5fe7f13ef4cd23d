// coverage.md: totals, then a table of every state and transition with hits and share, per machine.
import type { CoverageRow, CoverageSummary } from './summary.ts';
import { formatRatio } from './summary.ts';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function table(rows: CoverageRow[], withBefore: boolean): string[] {
  const head = withBefore
    ? ['| machine | id | hits before targeted | hits | share of machine hits |', '|---|---|---:|---:|---:|']
    : ['| machine | id | hits | share of machine hits |', '|---|---|---:|---:|'];
  return [
    ...head,
    ...rows.map((row) => {
      const id = row.hits === 0 ? `**${cell(row.id)}** (never reached)` : cell(row.id);
      const before = withBefore ? ` ${row.before ?? 0} |` : '';
      return `| ${cell(row.machine)} | ${id} |${before} ${row.hits} | ${row.share}% |`;
    }),
  ];
}

export function coverageMarkdown(summary: CoverageSummary, notes: string[] = []): string {
  const withBefore = summary.totals.before !== undefined;
  const lines = ['# loopcheck model coverage', ''];
  for (const note of notes) lines.push(`- ${note}`);
  if (notes.length > 0) lines.push('');
  lines.push('| | states | transitions |', '|---|---|---|');
  if (summary.totals.before !== undefined) {
    lines.push(`| before targeted scenarios | ${formatRatio(summary.totals.before.states)} | ${formatRatio(summary.totals.before.transitions)} |`);
  }
  lines.push(`| **total** | ${formatRatio(summary.totals.states)} | ${formatRatio(summary.totals.transitions)} |`);
  for (const machine of summary.machines) {
    const totals = summary.byMachine[machine]!;
    lines.push(`| ${cell(machine)} | ${formatRatio(totals.states)} | ${formatRatio(totals.transitions)} |`);
  }
  lines.push('', '## States', '', ...table(summary.states, withBefore));
  lines.push('', '## Transitions', '', ...table(summary.transitions, withBefore));
  if (summary.unknown.length > 0) {
    lines.push('', '## Counted ids the graph does not list', '', ...summary.unknown.map((id) => `- ${cell(id)}`));
  }
  return `${lines.join('\n')}\n`;
}
