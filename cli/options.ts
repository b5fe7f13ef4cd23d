// Parsers for command-line option values: integers, target lists, profiles (bad values are UsageErrors).
import { UsageError } from './errors.ts';
import { knownTargets, resolveRunner } from '../properties/target-registry.ts';
import type { Runner } from '../properties/runners.ts';
import { PROFILES } from '../model/scenario.ts';

export function parseIntegerOption(flag: string, raw: string | undefined, min: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isSafeInteger(n) || n < min)
    throw new UsageError(
      `${flag} must be an integer${min > Number.MIN_SAFE_INTEGER ? ` ≥ ${min}` : ''}, got ${JSON.stringify(raw)}`,
    );
  return n;
}

export function parseProfile(raw: string): string {
  if (!(PROFILES as readonly string[]).includes(raw))
    throw new UsageError(`unknown profile ${JSON.stringify(raw)} (known: ${PROFILES.join(', ')})`);
  return raw;
}

/** A target by name or adapter path; an adapter that is missing, fails to load or exports no Target is a UsageError. */
export async function resolveTarget(name: string): Promise<Runner | undefined> {
  try {
    return await resolveRunner(name);
  } catch (e) {
    throw new UsageError((e instanceof Error ? e.message : String(e)).split('\n')[0]!);
  }
}

/** Resolves `model,impl` into runners; an unknown name is a UsageError listing the known ones. */
export async function parseTargets(raw: string): Promise<Runner[]> {
  const names = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (names.length === 0) throw new UsageError('--target needs at least one target name');
  const runners: Runner[] = [];
  for (const name of new Set(names)) {
    const runner = await resolveTarget(name);
    if (runner === undefined) {
      const known = (await knownTargets()).map((t) => t.name).filter((n) => !n.startsWith('mutant:'));
      throw new UsageError(
        `unknown target ${JSON.stringify(name)} (known: ${known.join(', ')}, mutant:<name>, asyncio-loop:FILE.py:Class)`,
      );
    }
    runners.push(runner);
  }
  return runners;
}
