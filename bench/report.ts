// Renders a benchmark run: a plain-text table for stdout and the same figures as Markdown (reports/out/bench.md).
import type { ExploreTiming, HarnessRates } from './harness.ts';
import type { Goal } from './goals.ts';
import type { MachineInfo } from './machine.ts';
import { type LoopFigure, WORKLOADS } from './loop-figures.ts';
import type { RatioFigure } from './loop-ratios.ts';

export interface BenchReport {
  machine: MachineInfo;
  /** External runtimes' versions, e.g. `python3 3.11.7`. */
  runtimes: string[];
  /** How the run was made: quick or full, repeats, what was skipped and why. */
  settings: string[];
  loop: LoopFigure[];
  /** Loop ÷ Promise.all per size from interleaved rounds ([] when not measured). */
  ratios: RatioFigure[];
  harness: HarnessRates | null;
  explore: ExploreTiming[];
  goals: Goal[];
  date: string;
}

type Row = string[];

/** The loop figures as rows: per size, every workload with µs per child, bytes per task and its time ÷ loopcheck's. */
export function loopRows(loop: readonly LoopFigure[]): Row[] {
  const rows: Row[] = [];
  const sizes = [...new Set(loop.map((f) => f.n))].sort((a, b) => a - b);
  for (const n of sizes) {
    const reference = loop.find((f) => f.n === n && f.workload === 'loopcheck');
    for (const w of WORKLOADS) {
      const f = loop.find((x) => x.n === n && x.workload === w.id);
      if (f === undefined) continue;
      rows.push([
        formatN(n),
        w.label,
        f.bestMs.toFixed(f.bestMs < 10 ? 2 : 1),
        ((f.bestMs * 1000) / n).toFixed(3),
        f.bytesPerTask === null ? '-' : `${Math.round(f.bytesPerTask)} (${w.memory})`,
        reference === undefined ? '-' : `${(f.bestMs / reference.bestMs).toFixed(2)}x`,
      ]);
    }
  }
  return rows;
}

/**
 * Per size: the workloads' CPU µs per child (the loop, Promise.all, the bare coroutines under the loop) and the
 * loop ÷ Promise.all ratio (median, range over the rounds).
 */
export function ratioRows(ratios: readonly RatioFigure[]): Row[] {
  const range = (s: RatioFigure['cpuRatio']): string =>
    `${s.median.toFixed(2)} (${s.min.toFixed(2)}-${s.max.toFixed(2)})`;
  return ratios.map((f) => [
    formatN(f.n),
    String(f.rounds),
    f.loopUsPerChild.toFixed(3),
    f.promiseAllUsPerChild.toFixed(3),
    f.floorUsPerChild.toFixed(3),
    range(f.cpuRatio),
    range(f.wallRatio),
  ]);
}

export const RATIO_HEADER: Row = [
  'N',
  'rounds',
  'loop cpu us/child',
  'Promise.all cpu us/child',
  'bare coroutines cpu us/child',
  'ratio cpu',
  'ratio wall',
];
export const LOOP_HEADER: Row = ['N', 'workload', 'best ms', 'us/child', 'bytes/task', 'time / loopcheck'];
export const HARNESS_HEADER: Row = ['harness measure', 'figure'];
export const GOAL_HEADER: Row = ['goal', 'target', 'measured', 'status'];

export function harnessRows(harness: HarnessRates | null, explore: readonly ExploreTiming[]): Row[] {
  const rows: Row[] = [];
  const rate = (x: number): string => `${Math.round(x).toLocaleString('en-US')} scenarios/s`;
  if (harness !== null) {
    const about = `(${harness.scenarios} generated scenarios, <= 8 children, mean ${harness.meanChildren.toFixed(1)} tasks)`;
    rows.push([`model alone (simulate) ${about}`, rate(harness.model)]);
    rows.push(['loop alone (runOnLoop)', rate(harness.loop)]);
    rows.push(['differential: model + loop + compare', rate(harness.differential)]);
    rows.push(['differential via checkPropertySync (fast-check generating)', rate(harness.differentialWithGeneration)]);
  }
  for (const e of explore) {
    rows.push([
      `loopcheck explore, N = ${e.bound} (${e.scenarios.toLocaleString('en-US')} scenarios, ${e.distinctTraces.toLocaleString('en-US')} distinct traces)`,
      `${(e.ms / 1000).toFixed(2)} s`,
    ]);
  }
  return rows;
}

export function goalRows(goals: readonly Goal[]): Row[] {
  return goals.map((g) => [g.goal, g.target, g.measured, g.status]);
}

function machineLine(report: BenchReport): string {
  const m = report.machine;
  return (
    `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, node ${m.node}, ${m.platform}` +
    (report.runtimes.length > 0 ? `; ${report.runtimes.join(', ')}` : '')
  );
}

/** A plain-text table with aligned columns (numbers right-aligned). */
export function textTable(header: Row, rows: readonly Row[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => /^[-\d.,]/.test(r[i] ?? '')));
  const line = (r: Row): string =>
    r
      .map((cell, i) => (numeric[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function markdownTable(header: Row, rows: readonly Row[]): string {
  const esc = (s: string): string => s.replace(/\|/g, '\\|');
  return [
    `| ${header.map(esc).join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}

export function renderText(report: BenchReport): string {
  return [
    `loopcheck bench, ${report.date}`,
    `machine: ${machineLine(report)}`,
    ...report.settings.map((s) => `  ${s}`),
    '',
    textTable(LOOP_HEADER, loopRows(report.loop)),
    '',
    'loop (sleepMs(0)) ÷ Promise.all over async functions, interleaved rounds: median (min-max)',
    textTable(RATIO_HEADER, ratioRows(report.ratios)),
    '',
    textTable(HARNESS_HEADER, harnessRows(report.harness, report.explore)),
    '',
    textTable(GOAL_HEADER, goalRows(report.goals)),
  ].join('\n');
}

export function renderMarkdown(report: BenchReport): string {
  return [
    '# loopcheck benchmarks',
    '',
    `Run ${report.date} by \`npm run bench\` on: ${machineLine(report)}.`,
    '',
    ...report.settings.map((s) => `- ${s}`),
    '',
    '## Goals',
    '',
    markdownTable(GOAL_HEADER, goalRows(report.goals)),
    '',
    '## Gather of N children (each sleeps, then returns its index)',
    '',
    markdownTable(LOOP_HEADER, loopRows(report.loop)),
    '',
    '## The loop ÷ Promise.all, same workload (each child yields once), interleaved rounds',
    '',
    markdownTable(RATIO_HEADER, ratioRows(report.ratios)),
    '',
    '## Harness throughput',
    '',
    markdownTable(HARNESS_HEADER, harnessRows(report.harness, report.explore)),
    '',
  ].join('\n');
}

function formatN(n: number): string {
  const k = Math.log10(n);
  return Number.isInteger(k) ? `10^${k}` : String(n);
}
