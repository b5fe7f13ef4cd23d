// The `promise-allsettled` target: gather is JavaScript's Promise.allSettled (every child settles, errors become entries).
import type { Json } from '../../model/scenario-types.ts';
import type { ChildHandle } from './js-program.ts';
import type { Target, TargetResult } from '../../properties/target.ts';
import { runJsScenario } from './js-program.ts';

/** Each settled child becomes its value, or `{ error: name }` for a rejection. */
async function allSettled(children: readonly ChildHandle[]): Promise<Json[]> {
  const settled = await Promise.allSettled(children.map((c) => c.promise));
  return settled.map((s) => (s.status === 'fulfilled' ? s.value : { error: (s.reason as Error).name }));
}

export const target: Target = {
  name: 'promise-allsettled',
  description: 'JavaScript Promise.allSettled as gather (always like return_exceptions=True; the abort signal ignored)',
  profile: 'promise-allsettled',
  async run(scenarios) {
    const results: TargetResult[] = [];
    for (const scenario of scenarios) {
      results.push({ ok: true, outcome: await runJsScenario(scenario, allSettled) });
    }
    return results;
  },
};

export default target;
