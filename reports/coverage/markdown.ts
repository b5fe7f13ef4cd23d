// coverage.md: totals per kind, then a table of every state, transition, guard outcome and pair with hits and
// share, per machine, and the unreachable ones grouped by reason.
import type { CoverageRow, CoverageSummary, KindTotals } from './summary.ts';
import { COVERAGE_KINDS, KIND_LABELS, formatRatio, rowsOf } from './summary.ts';

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
      const id =
        row.unreachable !== undefined
          ? `${cell(row.id)} (unreachable${row.hits > 0 ? ', **but reached**' : ''})`
          : row.hits === 0
            ? `**${cell(row.id)}** (never reached)`
            : cell(row.id);
      const before = withBefore ? ` ${row.before ?? 0} |` : '';
      return `| ${cell(row.machine)} | ${id} |${before} ${row.hits} | ${row.share}% |`;
    }),
  ];
}

/** The kinds the summary has (guards and pairs only when the graph listed them). */
function kindsOf(summary: CoverageSummary): (typeof COVERAGE_KINDS)[number][] {
  return COVERAGE_KINDS.filter((kind) => summary[kind] !== undefined);
}

export function coverageMarkdown(summary: CoverageSummary, notes: string[] = []): string {
  const withBefore = summary.totals.before !== undefined;
  const kinds = kindsOf(summary);
  const lines = ['# loopcheck model coverage', ''];
  for (const note of notes) lines.push(`- ${note}`);
  if (notes.length > 0) lines.push('');
  const row = (label: string, totals: KindTotals): string =>
    `| ${label} | ${kinds.map((kind) => (totals[kind] === undefined ? '' : formatRatio(totals[kind]!))).join(' | ')} |`;
  lines.push(`| | ${kinds.map((kind) => KIND_LABELS[kind]).join(' | ')} |`, `|---|${kinds.map(() => '---|').join('')}`);
  if (summary.totals.before !== undefined) lines.push(row('before targeted scenarios', summary.totals.before));
  lines.push(row('**total**', summary.totals));
  for (const machine of summary.machines) lines.push(row(cell(machine), summary.byMachine[machine]!));
  if (kinds.includes('guards') || kinds.includes('pairs')) {
    lines.push(
      '',
      'Guard outcomes and transition pairs are counted out of the reachable ones; the unreachable ones are listed below with why (docs/coverage.md).',
    );
  }
  const titles = { states: 'States', transitions: 'Transitions', guards: 'Guard outcomes', pairs: 'Transition pairs' };
  for (const kind of kinds) lines.push('', `## ${titles[kind]}`, '', ...table(rowsOf(summary, kind), withBefore));
  const unreachable = [...rowsOf(summary, 'guards'), ...rowsOf(summary, 'pairs')].filter(
    (r) => r.unreachable !== undefined,
  );
  if (unreachable.length > 0) {
    lines.push('', '## Unreachable, and why', '');
    const reasons = [...new Set(unreachable.map((r) => r.unreachable!))];
    for (const reason of reasons) {
      lines.push(`- ${cell(reason)}`);
      for (const r of unreachable.filter((u) => u.unreachable === reason)) lines.push(`  - \`${r.id}\``);
    }
  }
  if (summary.contradicted.length > 0) {
    lines.push(
      '',
      '## Listed as unreachable but reached (the reason table is wrong)',
      '',
      ...summary.contradicted.map((id) => `- ${cell(id)}`),
    );
  }
  if (summary.unknown.length > 0) {
    lines.push('', '## Counted ids the graph does not list', '', ...summary.unknown.map((id) => `- ${cell(id)}`));
  }
  return `${lines.join('\n')}\n`;
}
