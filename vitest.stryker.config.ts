// vitest configuration for Stryker (`npm run mutation`): the impl, model and property suites only (no CLI, browser,
// conformance or bench tests); the mutant zoo's matrix is left out (it runs the loop at import time, outside any test).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{impl,model,properties}/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'properties/mutants/**'],
    // Keep isolation (the default): without it a mutant run was ~3x faster but wrong, since module caches built in
    // one run (machinesFor, the compiled machines) hid mutants in later runs, and a mutant's leaked state could
    // fail later ones (tried 2026-11-30).
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
