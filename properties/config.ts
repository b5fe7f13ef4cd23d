// Run sizes and seeds from the environment: LOOPCHECK_RUNS (runs per property and target) and LOOPCHECK_SEED.
export const DEFAULT_RUNS = 100;

function parseInteger(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (!Number.isSafeInteger(n)) throw new Error(`${name} must be an integer, got ${JSON.stringify(raw)}`);
  return n;
}

/** Runs per property and target: LOOPCHECK_RUNS, else DEFAULT_RUNS. */
export function envRuns(env: NodeJS.ProcessEnv = process.env): number {
  const n = parseInteger('LOOPCHECK_RUNS', env.LOOPCHECK_RUNS);
  if (n !== undefined && n < 1) throw new Error('LOOPCHECK_RUNS must be at least 1');
  return n ?? DEFAULT_RUNS;
}

/** LOOPCHECK_SEED, or undefined (a fresh seed per run). */
export function envSeed(env: NodeJS.ProcessEnv = process.env): number | undefined {
  return parseInteger('LOOPCHECK_SEED', env.LOOPCHECK_SEED);
}

/** The seed the test suites use unless LOOPCHECK_SEED says otherwise (suites stay deterministic). */
export const TEST_SEED = 1_729;

/** A fresh 32-bit seed (what fast-check itself would pick), so it can be printed before the run. */
export function freshSeed(): number {
  return (Date.now() ^ (Math.random() * 0x100000000)) | 0;
}
