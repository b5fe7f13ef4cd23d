// `loopcheck check merge FILE...`: merges the --json results of `check --shard i/n` (i = 1..n) into the table or JSON
// the unsharded check prints, writing the first failure's replay file as it would.
import type { Command } from 'commander';
import {
  CheckMergeError,
  checkCheckShardSet,
  mergeCheckRuns,
  readCheckShardFile,
} from '../../properties/check-merge.ts';
import type { CheckResult } from '../../properties/checker.ts';
import { DEFAULT_FAILURES_DIR, removeFailureFile, writeFailureFile } from '../../properties/failure-file.ts';
import { UsageError } from '../errors.ts';
import { prepareOutputDir, prepareOutputFile } from '../output-path.ts';
import { reportCheck } from './check-report.ts';

interface MergeFlags {
  json?: boolean;
  junit?: string;
  failuresDir?: string;
}

export function registerCheckMerge(check: Command): void {
  check
    .command('merge')
    .description(
      'merge the --json results of `check --shard i/n` for i = 1..n into the unsharded table; exit 1 on a failure',
    )
    .argument('<files...>', 'shard result files')
    .option('--json', 'print the results as JSON')
    .option('--junit <file>', 'also write a JUnit XML report')
    .option('--failures-dir <dir>', 'where the replay files of failures go', DEFAULT_FAILURES_DIR)
    .action((files: string[], own: MergeFlags, command: Command) => {
      // Options written after the files are taken by `check` (the parent has the same ones); either place counts.
      const parent = command.parent?.opts<MergeFlags>() ?? {};
      const json = own.json === true || parent.json === true;
      const junit = own.junit ?? parent.junit;
      const given = (name: string) => command.getOptionValueSource(name) === 'cli';
      const failuresDir = prepareOutputDir(
        given('failuresDir') ? own.failuresDir! : (parent.failuresDir ?? DEFAULT_FAILURES_DIR),
        '--failures-dir',
      );
      if (junit !== undefined) prepareOutputFile(junit, '--junit');
      let results: CheckResult[];
      let first: ReturnType<typeof readCheckShardFile>;
      try {
        const runs = files.map(readCheckShardFile);
        checkCheckShardSet(runs, files);
        results = mergeCheckRuns(runs);
        first = runs[0]!;
      } catch (e) {
        if (e instanceof CheckMergeError) throw new UsageError(e.message);
        throw e;
      }
      // The failures folder as the unsharded run leaves it: the failures' replay files, none for the rows that held.
      results = results.map((r) => {
        if (r.status === 'failed' && r.failure !== undefined)
          return { ...r, failureFile: writeFailureFile(r.failure, failuresDir) };
        if (r.status !== 'skipped') removeFailureFile(r.property, r.target, failuresDir);
        return r;
      });
      reportCheck(results, {
        seed: first.seed,
        runs: first.runs,
        profile: first.profile,
        checks: results.length,
        interrupted: false,
        json,
        ...(junit !== undefined ? { junit } : {}),
      });
    });
}
