// Writes the five coverage files (dot, svg, md, json, index.html) and the saved failures' timelines.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Coverage, ModelGraph } from '../../model/coverage-types.ts';
import { summarizeCoverage, type CoverageSummary } from './summary.ts';
import { coverageDot } from './dot.ts';
import { inlineSvg, renderDotToSvg } from './render-svg.ts';
import { coverageMarkdown } from './markdown.ts';
import { coverageJson } from './json.ts';
import { coverageHtml } from './html.ts';
import { writeFailureTimelines, type FailureTimeline } from './failure-timelines.ts';

export interface CoverageReportOptions {
  /** Coverage before the targeted scenarios, for the before/after view. */
  before?: Coverage;
  /** Folder of saved failure files to draw timelines for (default: `<outDir>/failures`). */
  failuresDir?: string;
  /** Lines describing the run (how many runs, which modes…). */
  notes?: string[];
  title?: string;
}

export interface CoverageReport {
  summary: CoverageSummary;
  files: string[];
  failures: FailureTimeline[];
}

export async function writeCoverageReport(
  graph: ModelGraph,
  coverage: Coverage,
  outDir: string,
  options: CoverageReportOptions = {},
): Promise<CoverageReport> {
  const summary = summarizeCoverage(graph, coverage, options.before);
  const notes = options.notes ?? [];
  const dot = coverageDot(summary, options.title);
  const svg = await renderDotToSvg(dot);
  mkdirSync(outDir, { recursive: true });
  const failures = writeFailureTimelines(options.failuresDir ?? join(outDir, 'failures'), outDir);
  const files: [string, string][] = [
    ['coverage.dot', dot],
    ['coverage.svg', svg],
    ['coverage.md', coverageMarkdown(summary, notes)],
    ['coverage.json', coverageJson(summary, notes)],
    ['index.html', coverageHtml(summary, { graphSvg: inlineSvg(svg), failures, notes, title: options.title })],
  ];
  for (const [name, text] of files) writeFileSync(join(outDir, name), text);
  return { summary, files: files.map(([name]) => join(outDir, name)), failures };
}
