// The mutant × property matrix: which property catches which mutant (and that the real loop passes every one).
import type fc from 'fast-check';
import type { Scenario } from '../../model/scenario-types.ts';
import type { PropertySpec } from '../rules/property-types.ts';
import { checkArb } from '../arbitraries/scenario.ts';
import { sharedDraws } from '../arbitraries/shared-draws.ts';
import { runOncePerScenario } from '../shared-runs.ts';
import { propertiesFor } from '../rules/index.ts';
import { checkPropertySync, type CheckResult } from '../checker.ts';
import { implRunner, modelRunner, type SyncRunner } from '../runners.ts';
import type { Mutant } from './mutant.ts';
import { mutantRunner } from './mutant.ts';
import { renderTable } from '../format/table.ts';

export interface MatrixCell {
  /** `impl` for the real loop, else the mutant's name. */
  subject: string;
  property: string;
  caught: boolean;
  result: CheckResult;
}

export interface MutantMatrix {
  subjects: string[];
  properties: string[];
  cells: MatrixCell[];
}

export interface MatrixOptions {
  runs: number;
  seed: number;
  properties?: readonly PropertySpec[];
  /** The scenarios (default `checkArb()`: `loopcheck check`'s, format 1 and 2 under seed). */
  arbitrary?: fc.Arbitrary<Scenario>;
}

/**
 * Runs every property on the real loop and on every mutant (no replay files are written). A mutant of another
 * profile (`Mutant.profile`) runs on that profile's scenarios (`checkArb(profile)`), under the properties of both.
 * Each check is fast-check's under one seed, so every cell draws the same scenarios: they are drawn once
 * (`sharedDraws`), and each target runs each drawn scenario once for all its properties but determinism (which runs it
 * twice, afresh, per case) — a mutant marked `random` runs afresh for every property. Same cases, same verdicts, same
 * shrinks as checking each cell alone.
 */
export function runMatrix(mutants: readonly Mutant[], options: MatrixOptions): MutantMatrix {
  const properties = options.properties ?? propertiesFor('seed');
  const arbitrary = sharedDraws(options.arbitrary ?? checkArb());
  const subjects: Array<[string, SyncRunner, Mutant | undefined]> = [
    ['impl', implRunner, undefined],
    ...mutants.map((m): [string, SyncRunner, Mutant] => [m.name, mutantRunner(m), m]),
  ];
  const reference = runOncePerScenario(modelRunner);
  const cells: MatrixCell[] = [];
  for (const [subject, fresh, mutant] of subjects) {
    const profile = mutant?.profile;
    const judged =
      profile === undefined
        ? properties
        : (options.properties?.filter((p) => (p.profiles as readonly string[]).includes(profile)) ??
          propertiesFor(profile));
    // one subject's outcomes at a time: memory stays one row's, whatever the run count
    const once = mutant?.random === true ? fresh : runOncePerScenario(fresh);
    for (const property of judged) {
      const result = checkPropertySync(property, property.kind === 'determinism' ? fresh : once, {
        runs: options.runs,
        seed: options.seed,
        reference,
        failuresDir: null,
        arbitrary: profile === undefined ? arbitrary : checkArb(profile),
      });
      cells.push({ subject, property: property.name, caught: result.status === 'failed', result });
    }
  }
  const names = [...new Set([...properties.map((p) => p.name), ...cells.map((c) => c.property)])];
  return { subjects: subjects.map(([s]) => s), properties: names, cells };
}

export function cell(matrix: MutantMatrix, subject: string, property: string): MatrixCell | undefined {
  return matrix.cells.find((c) => c.subject === subject && c.property === property);
}

/**
 * The matrix as a table: `X` where the property caught the subject, `.` where it passed, `-` where it was not judged
 * (outside a profile mutant's profile).
 */
export function formatMatrix(matrix: MutantMatrix): string {
  const header = ['mutant', ...matrix.properties.map((_, i) => `P${i + 1}`), 'caught by'];
  const rows = matrix.subjects.map((s) => {
    const marks = matrix.properties.map((p) => {
      const c = cell(matrix, s, p);
      return c === undefined ? '-' : c.caught ? 'X' : '.';
    });
    const n = marks.filter((m) => m === 'X').length;
    return [s === 'impl' ? 'impl (the real loop)' : s, ...marks, String(n)];
  });
  const legend = matrix.properties.map((p, i) => `P${i + 1} ${p}`).join(', ');
  return `${renderTable(header, rows)}\n\n${legend}`;
}
