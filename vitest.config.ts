// vitest configuration: every *.test.ts under the source folders; property runs are sized by LOOPCHECK_RUNS.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{impl,model,properties,reports,cli,conformance,explore,test,regressions}/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
