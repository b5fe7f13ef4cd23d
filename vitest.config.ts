// vitest configuration: every *.test.ts under the source folders; property runs are sized by LOOPCHECK_RUNS.
//
// Three projects. `regressions` (the corpus) runs first, on its own: groupOrder 0 finishes before the others start.
// `unit` holds the in-process suites: worker threads that each load the model, the loop and the properties once for
// many files (isolate: false — these suites set no globals, environment or module state; nothing in them mocks).
// `processes` holds the suites that start Python, MicroPython, the CLI thread or Chromium, or measure the heap: not
// isolated either (isolating each file cost ~8 s of CPU in a ~50 s project: every file loaded its modules and started
// its own CLI thread); these suites too set no globals or environment that outlive a test, and mock nothing.
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const SOURCES = '{impl,model,properties,reports,cli,conformance,explore,bench,test}';
const PROCESSES = [
  'cli/**/*.test.ts',
  'conformance/**/*.test.ts',
  'explore/cli.test.ts',
  'bench/**/*.test.ts',
  'reports/browser.test.ts',
];
// The longest files, started first within their project (in this order), so that the end of the run is short files
// on both cores. vitest orders by the durations it cached from the last run, else by file size; a fresh checkout has
// no cache, and a file whose work is at import time looks instant in it.
const LONG_FIRST = [
  'explore/explore.test.ts',
  'properties/mutants/mutants.test.ts',
  'reports/coverage/unreachable.test.ts',
  'test/package.test.ts',
  'test/output-dirs.test.ts',
  'cli/replay-lines.test.ts',
  'explore/cli.test.ts',
  'cli/scale.test.ts',
  'conformance/conformance.test.ts',
  'conformance/targets.test.ts',
];

class LongFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification): number => {
      const i = LONG_FIRST.findIndex((path) => f.moduleId.endsWith(`/${path}`));
      return i < 0 ? LONG_FIRST.length : i;
    };
    // a stable sort inside each run of files of one project (groupOrder and projects stay where vitest put them)
    const position = new Map(sorted.map((f, i) => [f, i]));
    const start = new Map<string, number>();
    for (const f of sorted) if (!start.has(f.project.name)) start.set(f.project.name, position.get(f)!);
    return sorted.sort(
      (a, b) =>
        start.get(a.project.name)! - start.get(b.project.name)! ||
        rank(a) - rank(b) ||
        position.get(a)! - position.get(b)!,
    );
  }
}

// reports/out/ holds generated files (emitted regression tests among them), never part of the suite.
const EXCLUDE = ['**/node_modules/**', 'reports/out/**'];

export default defineConfig({
  test: {
    exclude: EXCLUDE,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'threads',
    sequence: { sequencer: LongFirst },
    // every core: vitest's default leaves one free, which on 2 cores ran the suite on one worker (72 s instead of 54 s)
    maxWorkers: Math.max(2, availableParallelism()),
    projects: [
      {
        extends: true,
        test: {
          name: 'regressions',
          include: ['regressions/**/*.test.ts'],
          isolate: false,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'unit',
          include: [`${SOURCES}/**/*.test.ts`],
          exclude: [...EXCLUDE, ...PROCESSES],
          isolate: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: { name: 'processes', include: PROCESSES, isolate: false, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
