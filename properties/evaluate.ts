// The one judge path: runs one property on one scenario (the target twice for determinism, plus the reference for a
// differential) and reads its tri-state verdict as a violation and whether the case engaged the property.
import type { Scenario } from '../model/scenario-types.ts';
import type { Outcome } from '../model/outcome.ts';
import { NOT_APPLICABLE, type PropertySpec, type ScenarioFormat } from './rules/property-types.ts';
import { UnsupportedCase, type AsyncRunner, type Runner, type SyncRunner } from './runners.ts';
import { judgesFormat } from './format2/readiness.ts';

/** A verdict read: the violation (null when it held or had nothing to check) and whether the comparison ran. */
export interface Judgement {
  violation: string | null;
  /** True when the property's substantive comparison ran on this case (a violation always counts as engaged). */
  engaged: boolean;
  /**
   * Set, to the case's format, when the property does not read that format (§4b: its declared `formats`,
   * format2/readiness.ts): not one of its cases, counted apart as not judged.
   */
  unjudged?: ScenarioFormat;
}

/** What one evaluation found: null violation when the property holds. */
export interface Evaluation extends Judgement {
  expected?: Outcome;
  observed: Outcome | null;
}

function crashed(e: unknown, who: string): string {
  return `${who} crashed: ${e instanceof Error ? e.message : String(e)}`.split('\n')[0]!;
}

/**
 * Judges one case: `observed` is the target's outcome; `other` is the reference's (differential) or the second run
 * (determinism). A check that throws is a violation. Every place that judges (checker, conformance, explore,
 * replay) comes through here, so "engaged" means the same everywhere.
 */
export function judge(property: PropertySpec, scenario: Scenario, observed: Outcome, other?: Outcome): Judgement {
  // §4b: a property that does not declare the case's format has nothing to say about it (never a wrong verdict)
  const format = (scenario as { loopcheck: number }).loopcheck as ScenarioFormat;
  if (!judgesFormat(property, format)) return { violation: null, engaged: false, unjudged: format };
  try {
    let verdict: ReturnType<PropertySpec['check']>;
    if (property.kind === 'outcome') verdict = property.check(scenario, observed);
    else if (other === undefined)
      throw new Error(
        `${property.name} needs a ${property.kind === 'determinism' ? 'second run' : 'reference outcome'}`,
      );
    else if (property.kind === 'determinism') verdict = property.check(scenario, observed, other);
    else verdict = property.check(scenario, other, observed);
    if (verdict === NOT_APPLICABLE) return { violation: null, engaged: false };
    return { violation: verdict, engaged: true };
  } catch (e) {
    return { violation: crashed(e, `the check ${property.name}`), engaged: true };
  }
}

/** A target that crashed: a violation (it engaged, in the sense that it failed). */
function crash(e: unknown, who: string, other?: Outcome): Evaluation {
  return { violation: crashed(e, who), engaged: true, observed: null, ...(other ? { expected: other } : {}) };
}

export function evaluateSync(
  property: PropertySpec,
  scenario: Scenario,
  runner: SyncRunner,
  reference?: SyncRunner,
): Evaluation {
  let other: Outcome | undefined;
  if (property.kind !== 'outcome') {
    const ref = property.kind === 'determinism' ? runner : reference;
    if (ref === undefined) throw new Error(`${property.name} needs a reference target`);
    try {
      other = ref.run(scenario);
    } catch (e) {
      return crash(e, ref.name);
    }
  }
  let observed: Outcome;
  try {
    observed = runner.run(scenario);
  } catch (e) {
    return crash(e, runner.name, other);
  }
  // For determinism the judged pair is (first run, second run); `expected` keeps the first for the failure file.
  const j =
    property.kind === 'determinism'
      ? judge(property, scenario, other!, observed)
      : judge(property, scenario, observed, other);
  return { ...j, observed, ...(other ? { expected: other } : {}) };
}

export async function evaluateAsync(
  property: PropertySpec,
  scenario: Scenario,
  runner: Runner,
  reference?: Runner,
): Promise<Evaluation> {
  if (runner.sync && (reference === undefined || reference.sync))
    return evaluateSync(property, scenario, runner, reference as SyncRunner | undefined);
  let other: Outcome | undefined;
  if (property.kind !== 'outcome') {
    const ref = property.kind === 'determinism' ? runner : reference;
    if (ref === undefined) throw new Error(`${property.name} needs a reference target`);
    try {
      other = await (ref as AsyncRunner).run(scenario);
    } catch (e) {
      if (e instanceof UnsupportedCase) throw e; // the check skips the case
      return crash(e, ref.name);
    }
  }
  let observed: Outcome;
  try {
    observed = await (runner as AsyncRunner).run(scenario);
  } catch (e) {
    if (e instanceof UnsupportedCase) throw e; // the check skips the case
    return crash(e, runner.name, other);
  }
  const j =
    property.kind === 'determinism'
      ? judge(property, scenario, other!, observed)
      : judge(property, scenario, observed, other);
  return { ...j, observed, ...(other ? { expected: other } : {}) };
}
