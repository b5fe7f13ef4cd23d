// `npm run mutation:zoo`: runs every property on the real loop and on every mutant, prints the matrix mutant × property.
import { ALL_MUTANTS, formatMatrix, runMatrix } from './index.ts';
import { envRuns, envSeed, TEST_SEED } from '../config.ts';
import { PROPERTIES } from '../rules/index.ts';

const runs = envRuns();
const seed = envSeed() ?? TEST_SEED;
const started = performance.now();
const matrix = runMatrix(ALL_MUTANTS, { runs, seed });
process.stdout.write(`${formatMatrix(matrix)}\n\n`);
// The differentials compare with the model; the proof of power (§8) is that the other properties alone kill each mutant.
const comparing = new Set(PROPERTIES.filter((p) => p.kind === 'differential').map((p) => p.name));
const missed = matrix.subjects.filter(
  (s) => s !== 'impl' && !matrix.cells.some((c) => c.subject === s && c.caught && !comparing.has(c.property)),
);
const implFails = matrix.cells.filter((c) => c.subject === 'impl' && c.caught);
for (const c of implFails) process.stdout.write(`the real loop fails ${c.property}: ${c.result.failure?.message}\n`);
for (const m of missed) process.stdout.write(`mutant ${m} is caught by no property except the differentials\n`);
process.stdout.write(
  `${matrix.subjects.length - 1} mutants, ${runs} runs, seed ${seed}, ${Math.round(performance.now() - started)} ms\n`,
);
process.exitCode = missed.length > 0 || implFails.length > 0 ? 1 : 0;
