// Coverage figures from a ModelGraph and visit counts: per state, transition, guard outcome and transition pair
// hits, totals (guards and pairs out of the reachable ones), before/after.
import type { Coverage, ModelGraph } from '../../model/coverage-types.ts';
import { unreachableReason } from '../../model/coverage-unreachable.ts';

/** The four coverage kinds, in the order reports show them. */
export const COVERAGE_KINDS = ['states', 'transitions', 'guards', 'pairs'] as const;
export type CoverageKind = (typeof COVERAGE_KINDS)[number];

export interface CoverageRow {
  kind: 'state' | 'transition' | 'guard' | 'pair';
  id: string;
  machine: string;
  hits: number;
  /** Hits before the targeted scenarios (only with a before/after view). */
  before?: number;
  /** Share of all hits of this kind in this machine, in percent. */
  share: number;
  /** For transitions. */
  source?: string;
  target?: string;
  event?: string;
  /** Guard outcomes and pairs: why it can never be covered (model/coverage-unreachable.ts). */
  unreachable?: string;
}

export interface Ratio {
  reached: number;
  total: number;
  percent: number;
  /** Guards and pairs: listed ids known to be unreachable, left out of `total` (and of `reached`). */
  unreachable?: number;
}

export interface KindTotals {
  states: Ratio;
  transitions: Ratio;
  /** Out of the reachable guard outcomes (when the graph lists them). */
  guards?: Ratio;
  /** Out of the reachable transition pairs (when the graph lists them). */
  pairs?: Ratio;
}

export interface CoverageTotals extends KindTotals {
  /** Same figures before the targeted scenarios, when given. */
  before?: KindTotals;
}

export interface CoverageSummary {
  machines: string[];
  states: CoverageRow[];
  transitions: CoverageRow[];
  /** Guard outcomes (absent when the graph does not list them). */
  guards?: CoverageRow[];
  /** Transition pairs (absent when the graph does not list them). */
  pairs?: CoverageRow[];
  totals: CoverageTotals;
  byMachine: Record<string, CoverageTotals>;
  /** Ids counted in the coverage that the graph does not list (a sign the two disagree). */
  unknown: string[];
  /** Ids listed as unreachable that were reached anyway (a sign the reason table is wrong). */
  contradicted: string[];
}

export interface SummaryOptions {
  /** Why an id can never be covered (default: the model's table, model/coverage-unreachable.ts). */
  unreachable?: (id: string) => string | undefined;
}

export function ratio(reached: number, total: number): Ratio {
  return { reached, total, percent: total === 0 ? 100 : Math.floor((reached / total) * 10000) / 100 };
}

function rows(
  kind: CoverageRow['kind'],
  items: { id: string; machine: string; source?: string; target?: string; event?: string }[],
  hits: Map<string, number>,
  before: Map<string, number> | undefined,
  unreachable?: (id: string) => string | undefined,
): CoverageRow[] {
  const perMachine = new Map<string, number>();
  for (const item of items)
    perMachine.set(item.machine, (perMachine.get(item.machine) ?? 0) + (hits.get(item.id) ?? 0));
  return items.map((item) => {
    const count = hits.get(item.id) ?? 0;
    const machineTotal = perMachine.get(item.machine) ?? 0;
    const row: CoverageRow = {
      kind,
      id: item.id,
      machine: item.machine,
      hits: count,
      share: machineTotal === 0 ? 0 : Math.round((count / machineTotal) * 10000) / 100,
    };
    if (before !== undefined) row.before = before.get(item.id) ?? 0;
    if (item.source !== undefined) Object.assign(row, { source: item.source, target: item.target, event: item.event });
    const reason = unreachable?.(item.id);
    if (reason !== undefined) row.unreachable = reason;
    return row;
  });
}

/** Reached out of listed; rows known unreachable are left out of both and counted apart. */
function ratioOf(list: CoverageRow[], hits: (row: CoverageRow) => number): Ratio {
  const reachable = list.filter((row) => row.unreachable === undefined);
  const r = ratio(reachable.filter((row) => hits(row) > 0).length, reachable.length);
  return list.length === reachable.length ? r : { ...r, unreachable: list.length - reachable.length };
}

type Rows = Pick<CoverageSummary, 'states' | 'transitions' | 'guards' | 'pairs'>;

function kindTotals(all: Rows, hits: (row: CoverageRow) => number): KindTotals {
  const totals: KindTotals = { states: ratioOf(all.states, hits), transitions: ratioOf(all.transitions, hits) };
  if (all.guards !== undefined) totals.guards = ratioOf(all.guards, hits);
  if (all.pairs !== undefined) totals.pairs = ratioOf(all.pairs, hits);
  return totals;
}

function totalsOf(all: Rows, withBefore: boolean): CoverageTotals {
  const totals: CoverageTotals = kindTotals(all, (row) => row.hits);
  if (withBefore) totals.before = kindTotals(all, (row) => row.before ?? 0);
  return totals;
}

function ofMachine(all: Rows, machine: string): Rows {
  const pick = (list: CoverageRow[]) => list.filter((row) => row.machine === machine);
  const out: Rows = { states: pick(all.states), transitions: pick(all.transitions) };
  if (all.guards !== undefined) out.guards = pick(all.guards);
  if (all.pairs !== undefined) out.pairs = pick(all.pairs);
  return out;
}

export function summarizeCoverage(
  graph: ModelGraph,
  coverage: Coverage,
  before?: Coverage,
  options: SummaryOptions = {},
): CoverageSummary {
  const unreachable = options.unreachable ?? unreachableReason;
  const all: Rows = {
    states: rows('state', graph.states, coverage.states, before?.states),
    transitions: rows('transition', graph.transitions, coverage.transitions, before?.transitions),
  };
  const guardItems = graph.guards?.map((g) => ({ id: g.id, machine: g.machine }));
  if (guardItems !== undefined)
    all.guards = rows(
      'guard',
      guardItems,
      coverage.guards ?? new Map(),
      before?.guards ?? (before && new Map()),
      unreachable,
    );
  const pairItems = graph.pairs?.map((p) => ({ id: p.id, machine: p.machine }));
  if (pairItems !== undefined)
    all.pairs = rows(
      'pair',
      pairItems,
      coverage.pairs ?? new Map(),
      before?.pairs ?? (before && new Map()),
      unreachable,
    );
  const machines = [...graph.machines];
  const every = [...all.states, ...all.transitions, ...(all.guards ?? []), ...(all.pairs ?? [])];
  for (const row of every) if (!machines.includes(row.machine)) machines.push(row.machine);
  const byMachine: Record<string, CoverageTotals> = {};
  for (const machine of machines) byMachine[machine] = totalsOf(ofMachine(all, machine), before !== undefined);
  const known = new Set(every.map((row) => row.id));
  const counted = [...coverage.states.keys(), ...coverage.transitions.keys()];
  if (all.guards !== undefined) counted.push(...(coverage.guards?.keys() ?? []));
  if (all.pairs !== undefined) counted.push(...(coverage.pairs?.keys() ?? []));
  return {
    machines,
    ...all,
    totals: totalsOf(all, before !== undefined),
    byMachine,
    unknown: counted.filter((id) => !known.has(id)),
    contradicted: every.filter((row) => row.unreachable !== undefined && row.hits > 0).map((row) => row.id),
  };
}

/** The rows of one kind (empty when the summary has none of it). */
export function rowsOf(summary: CoverageSummary, kind: CoverageKind): CoverageRow[] {
  return summary[kind] ?? [];
}

/** How each kind is named in reports. */
export const KIND_LABELS: Record<CoverageKind, string> = {
  states: 'states',
  transitions: 'transitions',
  guards: 'guard outcomes',
  pairs: 'transition pairs',
};

/** "12/14 (85.71%)"; "12/14 (85.71%; +3 unreachable)" when some were left out. */
export function formatRatio(r: Ratio): string {
  return `${r.reached}/${r.total} (${r.percent}%${r.unreachable === undefined ? '' : `; +${r.unreachable} unreachable`})`;
}
