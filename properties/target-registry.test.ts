// Every mutant of the zoo, format 2's included, is a target by name: a failure file found on it replays as printed.
import { describe, expect, it } from 'vitest';
import { ALL_MUTANTS, FORMAT2_MUTANTS, MUTANTS, PROFILE_MUTANTS } from './mutants/index.ts';
import { knownTargets, registerTargetLoader, resolveRunner } from './target-registry.ts';
import { BUILTIN_RUNNERS } from './runners.ts';
import { parseAnyScenario } from '../model/scenario.ts';
import type { Scenario } from '../model/scenario-types.ts';

describe('mutant targets', () => {
  it('lists and resolves every mutant, format 1 and format 2', async () => {
    expect(ALL_MUTANTS).toHaveLength(MUTANTS.length + FORMAT2_MUTANTS.length + PROFILE_MUTANTS.length);
    const names = (await knownTargets()).map((t) => t.name);
    for (const m of ALL_MUTANTS) {
      expect(names).toContain(`mutant:${m.name}`);
      expect(await resolveRunner(`mutant:${m.name}`)).toBeDefined();
    }
    expect(await resolveRunner('mutant:no-such-mutant')).toBeUndefined();
  });

  it('mutant:lost-self-cancel runs its broken loop: a self-cancel then a return ends returned (impl: cancelled, T4h)', async () => {
    const scenario = parseAnyScenario({
      loopcheck: 2,
      children: [{ name: 'c', steps: [{ cancel: 'c' }, { return: 1 }] }],
    }) as unknown as Scenario;
    const status = async (target: string) => {
      const runner = (await resolveRunner(target))!;
      const outcome = await runner.run(scenario);
      return outcome.children.c?.status;
    };
    expect(await status('impl')).toBe('cancelled');
    expect(await status('mutant:lost-self-cancel')).toBe('returned');
  });
});

describe('deferred registrations', () => {
  it('runs a loader at the first look-up of a name other than model or impl, once, before resolving it', async () => {
    let loads = 0;
    registerTargetLoader(async () => {
      loads++;
      const { registerTarget } = await import('./target-registry.ts');
      registerTarget('deferred-model', 'the model, registered late', () => BUILTIN_RUNNERS.get('model')!);
    });
    expect(await resolveRunner('model')).toBe(BUILTIN_RUNNERS.get('model'));
    expect(loads).toBe(0);
    expect(await resolveRunner('deferred-model')).toBe(BUILTIN_RUNNERS.get('model'));
    expect((await knownTargets()).map((t) => t.name)).toContain('deferred-model');
    expect(loads).toBe(1);
  });
});
