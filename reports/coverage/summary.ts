// Coverage figures from a ModelGraph and visit counts: per state and transition hits, totals, before/after.
import type { Coverage, ModelGraph } from '../../model/coverage-types.ts';

export interface CoverageRow {
  kind: 'state' | 'transition';
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
}

export interface Ratio {
  reached: number;
  total: number;
  percent: number;
}

export interface CoverageTotals {
  states: Ratio;
  transitions: Ratio;
  /** Same figures before the targeted scenarios, when given. */
  before?: { states: Ratio; transitions: Ratio };
}

export interface CoverageSummary {
  machines: string[];
  states: CoverageRow[];
  transitions: CoverageRow[];
  totals: CoverageTotals;
  byMachine: Record<string, CoverageTotals>;
  /** Ids counted in the coverage that the graph does not list (a sign the two disagree). */
  unknown: string[];
}

export function ratio(reached: number, total: number): Ratio {
  return { reached, total, percent: total === 0 ? 100 : Math.floor((reached / total) * 10000) / 100 };
}

function rows(
  kind: CoverageRow['kind'],
  items: { id: string; machine: string; source?: string; target?: string; event?: string }[],
  hits: Map<string, number>,
  before: Map<string, number> | undefined,
): CoverageRow[] {
  const perMachine = new Map<string, number>();
  for (const item of items) perMachine.set(item.machine, (perMachine.get(item.machine) ?? 0) + (hits.get(item.id) ?? 0));
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
    return row;
  });
}

function totalsOf(states: CoverageRow[], transitions: CoverageRow[], withBefore: boolean): CoverageTotals {
  const reached = (list: CoverageRow[]) => list.filter((row) => row.hits > 0).length;
  const reachedBefore = (list: CoverageRow[]) => list.filter((row) => (row.before ?? 0) > 0).length;
  const totals: CoverageTotals = {
    states: ratio(reached(states), states.length),
    transitions: ratio(reached(transitions), transitions.length),
  };
  if (withBefore) {
    totals.before = {
      states: ratio(reachedBefore(states), states.length),
      transitions: ratio(reachedBefore(transitions), transitions.length),
    };
  }
  return totals;
}

export function summarizeCoverage(graph: ModelGraph, coverage: Coverage, before?: Coverage): CoverageSummary {
  const states = rows('state', graph.states, coverage.states, before?.states);
  const transitions = rows('transition', graph.transitions, coverage.transitions, before?.transitions);
  const machines = [...graph.machines];
  for (const row of [...states, ...transitions]) if (!machines.includes(row.machine)) machines.push(row.machine);
  const byMachine: Record<string, CoverageTotals> = {};
  for (const machine of machines) {
    byMachine[machine] = totalsOf(
      states.filter((row) => row.machine === machine),
      transitions.filter((row) => row.machine === machine),
      before !== undefined,
    );
  }
  const known = new Set([...graph.states.map((s) => s.id), ...graph.transitions.map((t) => t.id)]);
  const unknown = [...coverage.states.keys(), ...coverage.transitions.keys()].filter((id) => !known.has(id));
  return {
    machines,
    states,
    transitions,
    totals: totalsOf(states, transitions, before !== undefined),
    byMachine,
    unknown,
  };
}

/** "12/14 (85.71%)" */
export function formatRatio(r: Ratio): string {
  return `${r.reached}/${r.total} (${r.percent}%)`;
}
