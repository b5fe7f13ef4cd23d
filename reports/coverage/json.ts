// coverage.json: the summary as data (for CI and tools).
import type { CoverageSummary } from './summary.ts';

export function coverageJson(summary: CoverageSummary, notes: string[] = []): string {
  return `${JSON.stringify({ loopcheck: 1, kind: 'coverage', notes, ...summary }, null, 2)}\n`;
}
