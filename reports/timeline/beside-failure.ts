// Draws a saved failure's timeline next to its replay file (`x.json` → `x.svg` and `x.txt`), as check does for each.
import { readFileSync, writeFileSync } from 'node:fs';
import { simulate } from '../../model/index.ts';
import { parseFailureFile, timelineInputFromFailure } from './from-failure.ts';
import { buildTimeline } from './build.ts';
import { timelineSvgFromBuilt } from './svg.ts';
import { timelineAsciiFromBuilt } from './ascii.ts';

/** Writes the SVG and ASCII timelines of a failure file beside it; returns the SVG's path. */
export function writeTimelineBesideFailure(failureFile: string): string {
  const failure = parseFailureFile(JSON.parse(readFileSync(failureFile, 'utf8')), failureFile);
  const built = buildTimeline(timelineInputFromFailure(failure, { model: (scenario) => simulate(scenario) }));
  const stem = failureFile.replace(/\.json$/, '');
  writeFileSync(`${stem}.svg`, timelineSvgFromBuilt(built));
  writeFileSync(`${stem}.txt`, timelineAsciiFromBuilt(built));
  return `${stem}.svg`;
}
