// Validates untrusted scenario JSON into the types of scenario-types.ts, filling defaults; every problem is reported.
import { AWAITER, type AnyScenario, type Cancel, type Profile, type Scenario } from './scenario-types.ts';
import { Checker, ScenarioError } from './scenario-checker.ts';
import { parseChecked2 } from './scenario-v2.ts';

export { CANCELLED_ERROR, MAX_CHILDREN, MAX_DELAY_MS, MAX_NESTING, ScenarioError } from './scenario-checker.ts';
export { MAX_STEPS, MAX_TASKS, MAX_ARGS, MAX_TIMEOUT_NESTING } from './scenario-v2.ts';
export const PROFILES: readonly Profile[] = ['seed', 'cpython', 'micropython'];

/** A value as it reads in a problem line; never throws (BigInt, Symbol, functions, cycles). */
function describeValue(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent: JSON.stringify(symbol) is undefined, so String(value) below gives the same text
  if (typeof value === 'symbol') return value.toString();
  if (typeof value === 'function') return 'a function';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return 'a value that is not JSON';
  }
}

/**
 * Validates `json` (already JSON.parsed, or built in process) into a Scenario with defaults filled; throws
 * ScenarioError, also for values JSON cannot hold (BigInt, Symbol, functions, cycles, empty array slots) and for
 * objects that throw when read (getters, proxies).
 */
export function parseScenario(json: unknown): Scenario {
  return guarded(() => parseChecked(json));
}

/**
 * Validates a scenario of either format (docs/rules.md §4, §4b): `"loopcheck": 2` is read as format 2, anything
 * else exactly as `parseScenario` reads it.
 */
export function parseAnyScenario(json: unknown): AnyScenario {
  return guarded(() => {
    if (
      json === null ||
      typeof json !== 'object' ||
      Array.isArray(json) ||
      (json as { loopcheck?: unknown }).loopcheck !== 2
    ) {
      return parseChecked(json);
    }
    const c = new Checker();
    const top = json as Record<string, unknown>;
    let profile: Profile | undefined;
    if ('profile' in top) {
      if (typeof top.profile === 'string' && (PROFILES as readonly string[]).includes(top.profile))
        profile = top.profile as Profile;
      else c.fail('$.profile', `unknown profile ${describeValue(top.profile)} (known: ${PROFILES.join(', ')})`);
    }
    return parseChecked2(top, c, profile);
  });
}

function guarded<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ScenarioError) throw error;
    const message = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
    throw new ScenarioError([`$: could not be read as a scenario (${message})`]);
  }
}

function parseChecked(json: unknown): Scenario {
  const c = new Checker();
  const top = c.object(
    json,
    '$',
    ['loopcheck', 'profile', 'returnExceptions', 'gatherAfter', 'children', 'cancels'],
    ['loopcheck', 'children'],
  );
  if (!top) throw new ScenarioError(c.problems);
  if ('loopcheck' in top && top.loopcheck !== 1)
    c.fail(
      '$.loopcheck',
      top.loopcheck === 2
        ? 'must be 1 here (a format 2 scenario is read with parseAnyScenario)'
        : 'must be 1 (the scenario format version)',
    );
  let profile: Profile = 'seed';
  if ('profile' in top) {
    if (typeof top.profile === 'string' && (PROFILES as readonly string[]).includes(top.profile)) {
      profile = top.profile as Profile;
    } else {
      c.fail('$.profile', `unknown profile ${describeValue(top.profile)} (known: ${PROFILES.join(', ')})`);
    }
  }
  const node = c.gatherNode(top, '$', 0, '');
  const cancels: Cancel[] = [];
  if ('cancels' in top) {
    if (!Array.isArray(top.cancels)) c.fail('$.cancels', 'must be an array');
    else
      for (let i = 0; i < top.cancels.length; i++) {
        const path = `$.cancels[${i}]`;
        const obj = c.object(top.cancels[i], path, ['at', 'target'], ['at', 'target']);
        if (!obj) continue;
        const at = 'at' in obj ? c.delay(obj.at, `${path}.at`) : undefined;
        let target: string | undefined;
        if ('target' in obj) {
          if (typeof obj.target === 'string' && (obj.target === AWAITER || c.taskPaths.has(obj.target))) {
            target = obj.target;
          } else {
            c.fail(`${path}.target`, `must be "${AWAITER}" or the path of a child with "task": true`);
          }
        }
        // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent: at or target is undefined only after a recorded problem, which throws below before cancels is used
        if (at !== undefined && target !== undefined) cancels.push({ at, target });
      }
  }
  if (c.problems.length > 0) throw new ScenarioError(c.problems);
  const scenario: Scenario = {
    loopcheck: 1,
    profile,
    returnExceptions: node.returnExceptions,
    children: node.children,
    cancels,
  };
  if (node.gatherAfter !== undefined) scenario.gatherAfter = node.gatherAfter;
  return scenario;
}

/** Parses scenario text of either format (parseAnyScenario): JSON syntax errors become a one-line ScenarioError. */
export function parseAnyScenarioText(text: string): AnyScenario {
  return parseAnyScenario(parseJson(text));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    // Stryker disable next-line MethodExpression: equivalent: V8's JSON.parse messages never start or end with whitespace, so trim() changes nothing
    const message = (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ').trim();
    throw new ScenarioError([`$: not valid JSON (${message})`]);
  }
}

/** Parses scenario text: JSON syntax errors become a one-line ScenarioError. */
export function parseScenarioText(text: string): Scenario {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    // Stryker disable next-line MethodExpression: equivalent: V8's JSON.parse messages never start or end with whitespace, so trim() changes nothing
    const message = (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ').trim();
    throw new ScenarioError([`$: not valid JSON (${message})`]);
  }
  return parseScenario(json);
}
