// Runs one property on one scenario: calls the target (twice for determinism, plus the reference for the differential).
import type { Scenario } from '../model/scenario-types.ts';
import type { Outcome } from '../model/outcome.ts';
import type { PropertySpec } from './rules/property-types.ts';
import type { AsyncRunner, Runner, SyncRunner } from './runners.ts';

/** What one evaluation found: null violation when the property holds. */
export interface Evaluation {
  violation: string | null;
  expected?: Outcome;
  observed: Outcome | null;
}

function crashed(e: unknown, who: string): string {
  return `${who} crashed: ${e instanceof Error ? e.message : String(e)}`.split('\n')[0]!;
}

function judge(property: PropertySpec, scenario: Scenario, observed: Outcome, other: Outcome | undefined): string | null {
  try {
    if (property.kind === 'outcome') return property.check(scenario, observed);
    return property.check(scenario, other!, observed);
  } catch (e) {
    return crashed(e, `the check ${property.name}`);
  }
}

export function evaluateSync(property: PropertySpec, scenario: Scenario, runner: SyncRunner, reference?: SyncRunner): Evaluation {
  let other: Outcome | undefined;
  if (property.kind !== 'outcome') {
    const ref = property.kind === 'determinism' ? runner : reference;
    if (ref === undefined) throw new Error(`${property.name} needs a reference target`);
    try {
      other = ref.run(scenario);
    } catch (e) {
      return { violation: crashed(e, ref.name), observed: null };
    }
  }
  let observed: Outcome;
  try {
    observed = runner.run(scenario);
  } catch (e) {
    return { violation: crashed(e, runner.name), observed: null, ...(other ? { expected: other } : {}) };
  }
  return { violation: judge(property, scenario, observed, other), observed, ...(other ? { expected: other } : {}) };
}

export async function evaluateAsync(property: PropertySpec, scenario: Scenario, runner: Runner, reference?: Runner): Promise<Evaluation> {
  if (runner.sync && (reference === undefined || reference.sync)) return evaluateSync(property, scenario, runner, reference as SyncRunner | undefined);
  let other: Outcome | undefined;
  if (property.kind !== 'outcome') {
    const ref = property.kind === 'determinism' ? runner : reference;
    if (ref === undefined) throw new Error(`${property.name} needs a reference target`);
    try {
      other = await (ref as AsyncRunner).run(scenario);
    } catch (e) {
      return { violation: crashed(e, ref.name), observed: null };
    }
  }
  let observed: Outcome;
  try {
    observed = await (runner as AsyncRunner).run(scenario);
  } catch (e) {
    return { violation: crashed(e, runner.name), observed: null, ...(other ? { expected: other } : {}) };
  }
  return { violation: judge(property, scenario, observed, other), observed, ...(other ? { expected: other } : {}) };
}
