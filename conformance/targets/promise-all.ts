// The `promise-all` target, and the example of a user adapter: gather is JavaScript's Promise.all.
import type { Target, TargetResult } from '../../properties/target.ts';
import { runJsScenario } from './js-program.ts';

export const target: Target = {
  name: 'promise-all',
  description:
    'JavaScript Promise.all as gather (returnExceptions and the abort signal ignored; nothing cancels the children)',
  profile: 'promise-all',
  async run(scenarios) {
    const results: TargetResult[] = [];
    for (const scenario of scenarios) {
      const outcome = await runJsScenario(scenario, (children) => Promise.all(children.map((c) => c.promise)));
      results.push({ ok: true, outcome });
    }
    return results;
  },
};

export default target;
