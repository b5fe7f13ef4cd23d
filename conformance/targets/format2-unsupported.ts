// Scenario format 2 (docs/rules.md §4b) on a runtime target whose program does not speak it yet: `unsupported`,
// one result per such scenario; the other scenarios of the batch run as before.
import type { Scenario } from '../../model/scenario-types.ts';
import type { Target, TargetResult } from '../../properties/target.ts';

/** `target` answering `unsupported` for every format 2 scenario it is given (never crashing on one). */
export function withFormat2Unsupported(target: Target): Target {
  return {
    ...target,
    async run(scenarios: Scenario[], options?: { timeoutMs?: number }): Promise<TargetResult[]> {
      const isV2 = (s: Scenario): boolean => (s as { loopcheck: number }).loopcheck === 2;
      const rest = scenarios.filter((s) => !isV2(s));
      const ran = rest.length === 0 ? [] : await target.run(rest, options);
      let next = 0;
      return scenarios.map(
        (s): TargetResult =>
          isV2(s)
            ? {
                ok: false,
                kind: 'unsupported',
                error: `${target.name}: scenario format 2 is not supported by this target yet`,
              }
            : ran[next++]!,
      );
    },
  };
}
