// Runs every property of a profile on every target (the differential against the model) and collects the results.
import type { PropertySpec } from './rules/property-types.ts';
import { propertiesFor } from './rules/index.ts';
import type { Runner } from './runners.ts';
import { modelRunner } from './runners.ts';
import { checkProperty, type CheckOptions, type CheckResult } from './checker.ts';

export interface SuiteOptions extends Omit<CheckOptions, 'onRun'> {
  profile?: string;
  /** Default: every property of the profile. */
  properties?: readonly PropertySpec[];
  /** Called before each (property, target) check and after each run, for progress displays. */
  onCheckStart?: (property: PropertySpec, runner: Runner, index: number, total: number) => void;
  onRun?: (property: PropertySpec, runner: Runner) => void;
  /**
   * Asked before each check and after it: once true, the suite returns the checks finished so far (a check that was
   * running when it became true is dropped: an interrupted target's result is not trusted).
   */
  shouldStop?: () => boolean;
  /** Awaited between checks when `shouldStop` is set, so a signal can be handled between synchronous checks. */
  between?: () => Promise<void>;
}

/** Checks every (property, target) pair, property-major, all with the same seed so failures replay alike. */
export async function runSuite(runners: readonly Runner[], options: SuiteOptions): Promise<CheckResult[]> {
  const properties = options.properties ?? propertiesFor(options.profile ?? 'seed');
  const results: CheckResult[] = [];
  const total = properties.length * runners.length;
  let index = 0;
  const { onRun, onCheckStart: _s, properties: _p, profile: _q, shouldStop, between, ...check } = options;
  for (const property of properties) {
    for (const runner of runners) {
      if (shouldStop?.() === true) return results;
      options.onCheckStart?.(property, runner, index++, total);
      const result = await checkProperty(property, runner, {
        reference: modelRunner,
        ...check,
        ...(onRun ? { onRun: () => onRun(property, runner) } : {}),
      });
      if (shouldStop?.() === true) return results;
      results.push(result);
      if (shouldStop !== undefined) await between?.();
    }
  }
  return results;
}
