// runMatrix shares draws and runs between its cells, and each cell is what checking that cell alone gives.
import { describe, expect, it } from 'vitest';
import { runMatrix } from './matrix.ts';
import { completionOrder } from './completion-order.ts';
import { shieldForwardsCancel } from './shield-forwards-cancel.ts';
import { mutantRunner } from './mutant.ts';
import { checkPropertySync, type CheckResult } from '../checker.ts';
import { checkArb } from '../arbitraries/scenario.ts';
import { propertiesFor } from '../rules/index.ts';
import { implRunner, modelRunner } from '../runners.ts';
import { TEST_SEED } from '../config.ts';

const timeless = (r: CheckResult) => ({ ...r, timeMs: 0 });

describe('runMatrix', () => {
  it('gives every cell the result of checking it alone: same cases, verdicts, counterexamples and shrinks', () => {
    const options = { runs: 20, seed: TEST_SEED };
    const mutants = [completionOrder, shieldForwardsCancel];
    const matrix = runMatrix(mutants, options);
    const alone = [['impl', implRunner] as const, ...mutants.map((m) => [m.name, mutantRunner(m)] as const)].flatMap(
      ([subject, runner]) =>
        propertiesFor('seed').map((p) => ({
          subject,
          property: p.name,
          result: checkPropertySync(p, runner, {
            ...options,
            reference: modelRunner,
            failuresDir: null,
            arbitrary: checkArb(),
          }),
        })),
    );
    expect(matrix.cells.map((c) => ({ subject: c.subject, property: c.property, result: timeless(c.result) }))).toEqual(
      alone.map((c) => ({ ...c, result: timeless(c.result) })),
    );
    // the comparison covers shrinking: both mutants are caught within these runs, by more than one property
    for (const m of mutants)
      expect(matrix.cells.filter((c) => c.subject === m.name && c.caught).length).toBeGreaterThan(1);
  });
});
