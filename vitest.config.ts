// vitest configuration: every *.test.ts under the source folders; property runs are sized by LOOPCHECK_RUNS.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{impl,model,properties,reports,cli,conformance,explore,bench,test,regressions}/**/*.test.ts'],
    // reports/out/ holds generated files (emitted regression tests among them), never part of the suite.
    exclude: ['**/node_modules/**', 'reports/out/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
