// The micropython mutant of the zoo (PROFILE_MUTANTS: the model under profile micropython, patched per run) is killed
// by cancel-through-chain (CH1 under G6m), a property that does not compare with the model; the patch stays local.
import { describe, expect, it } from 'vitest';
import { PROFILE_MUTANTS, mutantRunner, runMatrix, cell } from './index.ts';
import { micropythonGatherCancelLost } from './micropython-gather-cancel-lost.ts';
import { parseAnyScenario, simulate } from '../../model/index.ts';
import type { Scenario } from '../../model/scenario-types.ts';
import { judge } from '../evaluate.ts';
import { cancelThroughChain } from '../rules/index.ts';
import { TEST_SEED } from '../config.ts';

const v2 = (profile: 'seed' | 'micropython', json: object): Scenario =>
  parseAnyScenario({ loopcheck: 2, profile, returnExceptions: false, cancels: [], ...json }) as unknown as Scenario;

// The awaiter is cancelled @3 while its gather waits on c1 (awaiting the task c0) and g (a nested gather of x): when
// it runs (G6m) its gather cancels c1 (forwarded to c0, T4g) and g, whose own gather cancels x when g runs.
const chain = (profile: 'seed' | 'micropython') =>
  v2(profile, {
    args: ['c1', 'g'],
    children: [
      { name: 'c0', task: true, steps: [{ sleep: 10 }] },
      { name: 'c1', steps: [{ await: 'c0' }] },
      { name: 'g', gather: { returnExceptions: false, children: [{ name: 'x', sleeps: [10], end: { return: 1 } }] } },
    ],
    cancels: [{ at: 3, target: 'awaiter' }],
  });

describe('micropython-gather-cancel-lost (G6m)', () => {
  const mutant = mutantRunner(micropythonGatherCancelLost);

  it('is a profile mutant: the model under micropython, listed in the zoo', () => {
    expect(PROFILE_MUTANTS).toContain(micropythonGatherCancelLost);
    expect(mutant.profile).toBe('micropython');
  });

  it('cancel-through-chain holds and engages on the model, and fails on the mutant when the owner runs', () => {
    const s = chain('micropython');
    const model = simulate(s);
    expect(judge(cancelThroughChain, s, model)).toEqual({ violation: null, engaged: true });
    const broken = mutant.run(s);
    expect(broken.children.c0?.status).toBe('returned'); // the lost cancel: c0 runs on to its end
    expect(judge(cancelThroughChain, s, broken).violation).toMatch(/when awaiter ran .* its child c1, .*\(G6m\)/);
    expect(simulate(s)).toEqual(model); // the patch lasted one run
  });

  it('changes nothing outside its profile (seed cancels the children at once, G6)', () => {
    const s = chain('seed');
    expect(mutant.run(s)).toEqual(simulate(s));
  });

  it("is killed on check's micropython scenarios by cancel-through-chain (the matrix runs it under its profile)", () => {
    const matrix = runMatrix([micropythonGatherCancelLost], {
      runs: 40,
      seed: TEST_SEED,
      properties: [cancelThroughChain],
    });
    expect(cell(matrix, 'impl', 'cancel-through-chain')?.caught).toBe(false);
    const killed = cell(matrix, micropythonGatherCancelLost.name, 'cancel-through-chain')?.result.failure;
    expect(killed?.message).toMatch(/\(G6m\)/);
    expect(killed?.scenario.profile).toBe('micropython');
  });
});
