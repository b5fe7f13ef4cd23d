// The coverage graph in Graphviz DOT: one cluster per machine, nodes and edges shaded by hits, unvisited in red.
// Each state's box lists its outgoing transitions (event → target, hits) and every edge leaves from its row, so
// the edges carry no labels of their own: no label can sit on another, on a node, or under an edge (issue 17;
// label-boxes.ts and svg-layout.test.ts check the rendered SVG).
import { escapeXml } from '../xml.ts';
import type { CoverageRow, CoverageSummary } from './summary.ts';
import { COVERAGE_KINDS, KIND_LABELS, formatRatio } from './summary.ts';
import { LAYOUT_FONT } from './render-svg.ts';

export const UNVISITED_COLOR = '#e53e3e';
export const UNVISITED_FILL = '#fed7d7';
export const TARGETED_COLOR = '#dd6b20';

function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** An HTML-like label (`label=<…>`), written unquoted. */
interface Html {
  html: string;
}

function attrs(values: Record<string, string | number | Html>): string {
  return `[${Object.entries(values)
    .map(
      ([key, value]) =>
        `${key}=${typeof value === 'number' ? value : typeof value === 'string' ? quote(value) : `<${value.html}>`}`,
    )
    .join(', ')}]`;
}

/** Text in an HTML-like label (one line: DOT lines stay one per node, as the tests read them). */
function html(text: string): string {
  return escapeXml(text).replace(/\n/g, '<BR/>');
}

/**
 * A compound state's title: smaller, at the cluster's top right, where edges entering or leaving the cluster cross
 * it least (centred titles sat on the edges into `queued` and `suspended`; with format 2's states, left ones did).
 */
const CLUSTER_LABEL = { fontsize: 12, labeljust: 'r' } as const;

/** Dark text where never taken, and orange where only targeted scenarios reached it. */
const NEVER_TEXT = '#9b2c2c';
const TARGETED_TEXT = '#9c4221';

function mix(a: string, b: string, t: number): string {
  const channel = (hex: string, i: number) => parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
  return `#${[0, 1, 2]
    .map((i) =>
      Math.round(channel(a, i) + (channel(b, i) - channel(a, i)) * t)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** 0 → palest, max → darkest, on a log scale so a few hits still show. */
function intensity(hits: number, max: number): number {
  if (hits <= 0 || max <= 0) return 0;
  return max === 1 ? 1 : Math.log1p(hits) / Math.log1p(max);
}

/** The label of a state inside its machine's cluster: its path without the machine prefix. */
function localName(id: string, machine: string): string {
  return id.startsWith(`${machine}.`) ? id.slice(machine.length + 1) : id;
}

function targeted(row: CoverageRow): boolean {
  return row.before !== undefined && row.before === 0 && row.hits > 0;
}

/** The graph's title: every kind's figures. */
function titleOf(summary: CoverageSummary, title: string): string {
  const kinds = COVERAGE_KINDS.filter((kind) => summary.totals[kind] !== undefined);
  const figures = kinds.map((kind) => `${KIND_LABELS[kind]} ${formatRatio(summary.totals[kind]!)}`);
  const half = Math.ceil(figures.length / 2);
  return [title, figures.slice(0, half).join(' · '), figures.slice(half).join(' · ')]
    .filter((line) => line !== '')
    .join('\n');
}

export function coverageDot(summary: CoverageSummary, title = 'loopcheck model coverage'): string {
  const lines: string[] = [];
  const maxState = Math.max(0, ...summary.states.map((row) => row.hits));
  const maxTransition = Math.max(0, ...summary.transitions.map((row) => row.hits));
  lines.push('digraph coverage {');
  lines.push(
    `  graph ${attrs({
      label: titleOf(summary, title),
      labelloc: 't',
      fontname: LAYOUT_FONT,
      fontsize: 16,
      rankdir: 'LR',
      nodesep: 0.35,
      compound: 'true',
      ranksep: 0.9,
    })};`,
  );
  lines.push(`  node ${attrs({ shape: 'box', style: 'rounded,filled', fontname: LAYOUT_FONT, fontsize: 11 })};`);
  lines.push(`  edge ${attrs({ fontname: LAYOUT_FONT, fontsize: 9, arrowsize: 0.7 })};`);

  const nodeIds = new Set(summary.states.map((row) => row.id));
  const stateIdOf = (name: string, machine: string): string => {
    if (nodeIds.has(name)) return name;
    const prefixed = `${machine}.${name}`;
    return nodeIds.has(prefixed) ? prefixed : name;
  };
  const rowsById = new Map(summary.states.map((row) => [row.id, row]));
  /** The closest listed ancestor of a state (compound states become clusters around their children). */
  const parentOf = (id: string): string | undefined => {
    let best: string | undefined;
    for (const other of nodeIds) {
      if (id.startsWith(`${other}.`) && (best === undefined || other.length > best.length)) best = other;
    }
    return best;
  };
  const children = new Map<string, string[]>();
  for (const row of summary.states) {
    const parent = parentOf(row.id);
    if (parent !== undefined) children.set(parent, [...(children.get(parent) ?? []), row.id]);
  }
  const machineIndex = new Map(summary.machines.map((machine, index) => [machine, index]));
  const clusterOf = (id: string): string => `cluster_${machineIndex.get(rowsById.get(id)?.machine ?? '') ?? 0}_${id}`;
  /** The node an edge to or from a state attaches to: the state itself, or its first leaf descendant. */
  const anchor = (id: string): string => {
    const kids = children.get(id);
    return kids === undefined ? id : anchor(kids[0]!);
  };
  const hitsLabel = (row: CoverageRow): string =>
    row.hits === 0 ? 'never reached' : `${row.hits} hit${row.hits === 1 ? '' : 's'}`;

  /** The transitions listed in a leaf state's box (the box's rows; its edges leave from them), by source node. */
  const outgoing = new Map<string, CoverageRow[]>();
  /** Transitions whose source is drawn as a cluster: they keep an edge label. */
  const fromClusters = new Set<CoverageRow>();
  for (const row of summary.transitions) {
    const source = stateIdOf(row.source ?? '', row.machine);
    if (children.has(source) || !nodeIds.has(source)) fromClusters.add(row);
    else outgoing.set(source, [...(outgoing.get(source) ?? []), row]);
  }
  const portOf = new Map<CoverageRow, string>();
  for (const rows of outgoing.values()) {
    rows.forEach((row, i) => {
      portOf.set(row, `t${i}`);
    });
  }

  /** A leaf state's box: name and hits, then one row per outgoing transition (event → target, hits). */
  const nodeLabel = (row: CoverageRow, scope: string, textColor: string): Html => {
    const head = [
      `<TR><TD COLSPAN="2" CELLPADDING="3"><FONT COLOR="${textColor}">${html(localName(row.id, scope))}</FONT></TD></TR>`,
      `<TR><TD COLSPAN="2"><FONT COLOR="${textColor}" POINT-SIZE="9">${html(hitsLabel(row))}${targeted(row) ? ' (targeted)' : ''}</FONT></TD></TR>`,
    ];
    const transitions = (outgoing.get(row.id) ?? []).map((t) => {
      const target = localName(stateIdOf(t.target ?? '', t.machine), t.machine);
      const color = t.hits === 0 ? NEVER_TEXT : targeted(t) ? TARGETED_TEXT : '#1a202c';
      const fill = t.hits === 0 ? UNVISITED_FILL : '#ffffff';
      const count = t.hits === 0 ? 'never' : String(t.hits);
      const font = (text: string) => `<FONT COLOR="${color}" POINT-SIZE="9">${html(text)}</FONT>`;
      const text = `${t.event ?? ''} → ${target}`;
      return (
        `<TR><TD ALIGN="LEFT" BGCOLOR="${fill}">${font(text)}</TD>` +
        `<TD ALIGN="RIGHT" BGCOLOR="${fill}" PORT="${portOf.get(t)}">${font(count)}</TD></TR>`
      );
    });
    return {
      html: `<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="1" CELLPADDING="2">${[...head, ...transitions].join('')}</TABLE>`,
    };
  };

  const emitState = (row: CoverageRow, scope: string, indent: string): void => {
    const label = `${localName(row.id, scope)}\n${hitsLabel(row)}${targeted(row) ? '\n(targeted)' : ''}`;
    const t = intensity(row.hits, maxState);
    const kids = children.get(row.id);
    if (kids !== undefined) {
      lines.push(`${indent}subgraph ${quote(clusterOf(row.id))} {`);
      lines.push(
        `${indent}  graph ${attrs(
          row.hits === 0
            ? {
                label,
                ...CLUSTER_LABEL,
                style: 'rounded,filled,dashed',
                fillcolor: '#fff5f5',
                color: UNVISITED_COLOR,
                fontcolor: '#9b2c2c',
                penwidth: 2,
                tooltip: `${row.id}: never reached`,
              }
            : {
                label,
                ...CLUSTER_LABEL,
                style: 'rounded,filled',
                fillcolor: mix('#fbfefe', '#e6fffa', t),
                color: targeted(row) ? TARGETED_COLOR : mix('#b2f5ea', '#285e61', t),
                penwidth: targeted(row) ? 2.5 : 1,
                fontcolor: '#1a202c',
                tooltip: `${row.id}: ${row.hits} hits`,
              },
        )};`,
      );
      for (const kid of kids) emitState(rowsById.get(kid)!, row.id, `${indent}  `);
      lines.push(`${indent}}`);
      return;
    }
    if (row.hits === 0) {
      lines.push(
        `${indent}${quote(row.id)} ${attrs({ label: nodeLabel(row, scope, NEVER_TEXT), margin: 0.04, fillcolor: UNVISITED_FILL, color: UNVISITED_COLOR, penwidth: 2, tooltip: `${row.id}: never reached` })};`,
      );
    } else {
      const textColor = t > 0.55 ? '#ffffff' : '#1a202c';
      lines.push(
        `${indent}${quote(row.id)} ${attrs({
          label: nodeLabel(row, scope, textColor),
          margin: 0.04,
          fillcolor: mix('#e6fffa', '#234e52', t),
          color: targeted(row) ? TARGETED_COLOR : mix('#81e6d9', '#1d4044', t),
          penwidth: targeted(row) ? 2.5 : 1,
          tooltip: `${row.id}: ${row.hits} hits`,
        })};`,
      );
    }
  };

  summary.machines.forEach((machine, index) => {
    const byMachine = summary.byMachine[machine]!;
    lines.push(`  subgraph ${quote(`cluster_${index}_${machine}`)} {`);
    lines.push(
      `    graph ${attrs({
        label: `${machine}: states ${formatRatio(byMachine.states)}, transitions ${formatRatio(byMachine.transitions)}`,
        labeljust: 'l',
        style: 'rounded',
        color: '#a0aec0',
      })};`,
    );
    const extra = new Set<string>();
    for (const row of summary.transitions.filter((r) => r.machine === machine)) {
      for (const end of [row.source, row.target]) {
        if (end !== undefined && !nodeIds.has(stateIdOf(end, machine))) extra.add(end);
      }
    }
    for (const row of summary.states.filter((r) => r.machine === machine && parentOf(r.id) === undefined)) {
      emitState(row, machine, '    ');
    }
    for (const id of extra) {
      lines.push(
        `    ${quote(id)} ${attrs({ label: localName(id, machine), style: 'dashed', tooltip: `${id} (not listed as a state)` })};`,
      );
    }
    lines.push('  }');
  });

  for (const row of summary.transitions) {
    const source = stateIdOf(row.source ?? '', row.machine);
    const target = stateIdOf(row.target ?? '', row.machine);
    const event = row.event ?? row.id;
    const ends: Record<string, string> = {};
    if (children.has(source) && target !== source && !target.startsWith(`${source}.`)) ends.ltail = clusterOf(source);
    if (children.has(target) && target !== source && !source.startsWith(`${target}.`)) ends.lhead = clusterOf(target);
    // the edge leaves from its row in the source's box; only an edge from a cluster carries its own label
    const port = portOf.get(row);
    if (port !== undefined) {
      ends.tailport = `${port}:e`;
      if (anchor(source) === anchor(target)) ends.headport = `${port}:e`;
    }
    const label: Record<string, string> = fromClusters.has(row)
      ? { label: `${event}\n${row.hits === 0 ? 0 : row.hits}` }
      : {};
    const edge = `  ${quote(anchor(source))} -> ${quote(anchor(target))}`;
    if (row.hits === 0) {
      lines.push(
        `${edge} ${attrs({ ...label, color: UNVISITED_COLOR, fontcolor: UNVISITED_COLOR, style: 'dashed', penwidth: 1.5, tooltip: `${row.id}: never taken`, ...ends })};`,
      );
    } else {
      const t = intensity(row.hits, maxTransition);
      lines.push(
        `${edge} ${attrs({
          ...label,
          color: targeted(row) ? TARGETED_COLOR : mix('#9ae6b4', '#1c4532', t),
          penwidth: Math.round((1 + 2.5 * t) * 10) / 10,
          tooltip: `${row.id}: ${row.hits} hits`,
          ...ends,
        })};`,
      );
    }
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
