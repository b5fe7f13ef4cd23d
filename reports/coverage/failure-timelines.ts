// Draws a timeline (SVG and ASCII) for every saved failure file, for the report's links.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseFailureFile, timelineInputFromFailure } from '../timeline/from-failure.ts';
import { buildTimeline } from '../timeline/build.ts';
import { timelineSvgFromBuilt } from '../timeline/svg.ts';
import { timelineAsciiFromBuilt } from '../timeline/ascii.ts';
import { simulate } from '../../model/index.ts';

export interface FailureTimeline {
  /** The failure file's name without `.json`. */
  name: string;
  property?: string;
  target?: string;
  /** Paths relative to the report's directory. */
  svg?: string;
  ascii?: string;
  divergence?: string;
  /** Why no timeline could be drawn. */
  error?: string;
}

/** Reads `failuresDir/*.json`, writes `outDir/timelines/<name>.svg|.txt`, returns what it wrote (sorted by name). */
export function writeFailureTimelines(failuresDir: string, outDir: string): FailureTimeline[] {
  if (!existsSync(failuresDir)) return [];
  const files = readdirSync(failuresDir)
    .filter((file) => file.endsWith('.json'))
    .sort();
  const result: FailureTimeline[] = [];
  for (const file of files) {
    const name = basename(file, '.json');
    try {
      const failure = parseFailureFile(JSON.parse(readFileSync(join(failuresDir, file), 'utf8')), file);
      const built = buildTimeline(timelineInputFromFailure(failure, { model: (scenario) => simulate(scenario) }));
      mkdirSync(join(outDir, 'timelines'), { recursive: true });
      writeFileSync(join(outDir, 'timelines', `${name}.svg`), timelineSvgFromBuilt(built));
      writeFileSync(join(outDir, 'timelines', `${name}.txt`), timelineAsciiFromBuilt(built));
      const entry: FailureTimeline = {
        name,
        property: failure.property,
        target: failure.target,
        svg: `timelines/${name}.svg`,
        ascii: `timelines/${name}.txt`,
      };
      if (built.divergence !== null) entry.divergence = built.divergence.description;
      else if (built.notes.length > 0) entry.divergence = built.notes[0];
      result.push(entry);
    } catch (error) {
      result.push({ name, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return result;
}
