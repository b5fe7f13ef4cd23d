// Public surface of the coverage report: figures, DOT, the five files, and failure timelines.
export {
  summarizeCoverage,
  formatRatio,
  ratio,
  rowsOf,
  COVERAGE_KINDS,
  KIND_LABELS,
  type CoverageSummary,
  type CoverageRow,
  type CoverageTotals,
  type KindTotals,
  type CoverageKind,
  type Ratio,
  type SummaryOptions,
} from './summary.ts';
export { coverageDot, UNVISITED_COLOR, UNVISITED_FILL } from './dot.ts';
export { renderDotToSvg } from './render-svg.ts';
export { coverageMarkdown } from './markdown.ts';
export { coverageJson } from './json.ts';
export { coverageHtml } from './html.ts';
export { writeFailureTimelines, type FailureTimeline } from './failure-timelines.ts';
export { writeCoverageReport, type CoverageReportOptions, type CoverageReport } from './write-report.ts';
