// Test-only: runs the regression tests `loopcheck replay --emit-test` wrote into one folder, in one nested vitest,
// and tells how each ended — 'passed', 'violated' (failed on its assertion: the property's violation, not a broken
// import or a crash), or the start of any other failure message.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

type Result = { name: string; assertionResults: Array<{ status: string; failureMessages: string[] }> };

function verdict(t: Result): string {
  return t.assertionResults
    .map((a) =>
      a.status === 'passed'
        ? 'passed'
        : /AssertionError: expected .* to be null/.test(a.failureMessages.join(''))
          ? 'violated'
          : a.failureMessages.join('').slice(0, 200),
    )
    .join();
}

/** Each emitted test file of `dir` (by name, without `.test.ts`) and how it ended; `root` is the checkout. */
export function emittedTestVerdicts(dir: string, root: string): Record<string, string> {
  const ran = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--root', dir, '--reporter=json'],
    { cwd: dir, encoding: 'utf8', timeout: 120_000 },
  );
  const report = JSON.parse(ran.stdout.slice(ran.stdout.indexOf('{'))) as { testResults: Result[] };
  return Object.fromEntries(
    report.testResults.map((t) => [t.name.replace(/^.*[\\/]/, '').replace('.test.ts', ''), verdict(t)]),
  );
}
