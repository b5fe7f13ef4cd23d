// Every registered runtime target that does not run format 2 yet answers `unsupported` for a format 2 scenario
// (docs/rules.md §4b), in batch order; cpython and uvloop (conformance/format2-cpython.test.ts) and micropython
// (conformance/targets/micropython-format2.test.ts) run it.
import { describe, expect, it } from 'vitest';
import { TARGET_NAMES, loadTarget } from './index.ts';
import { withFormat2Unsupported } from './format2-unsupported.ts';
import { parseAnyScenario, parseScenario } from '../../model/scenario.ts';
import type { Scenario } from '../../model/scenario-types.ts';
import type { Target } from '../../properties/target.ts';

const v2 = parseAnyScenario({
  loopcheck: 2,
  children: [{ name: 'a', steps: [{ sleep: 1 }, { return: 1 }] }],
}) as unknown as Scenario;
const v1 = parseScenario({ loopcheck: 1, children: [{ name: 'a', sleeps: [1], end: { return: 1 } }] });

/** The targets whose program runs format 2 (checked against their own profile elsewhere). */
const RUN_FORMAT2 = new Set(['cpython', 'uvloop', 'micropython']);

describe('format 2 on the runtime targets', () => {
  it('each registered target answers unsupported, without running anything', async () => {
    for (const name of TARGET_NAMES.filter((n) => !RUN_FORMAT2.has(n))) {
      const target = await loadTarget(name);
      try {
        const [result] = await target.run([v2]);
        expect(result, name).toMatchObject({ ok: false, kind: 'unsupported' });
      } finally {
        await target.close?.();
      }
    }
  });
  it('a mixed batch keeps its order: format 1 scenarios still run', async () => {
    const seen: Scenario[][] = [];
    const fake: Target = {
      name: 'fake',
      description: 'records',
      profile: 'seed',
      async run(scenarios) {
        seen.push(scenarios);
        return scenarios.map(() => ({ ok: false, kind: 'crash', error: 'ran' }));
      },
    };
    const results = await withFormat2Unsupported(fake).run([v2, v1, v2]);
    expect(results.map((r) => (r.ok ? 'ok' : r.kind))).toEqual(['unsupported', 'crash', 'unsupported']);
    expect(seen).toEqual([[v1]]);
  });
});
