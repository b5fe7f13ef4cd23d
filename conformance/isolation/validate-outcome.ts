// Validates what a user's adapter returns against the Outcome format (model/outcome.ts): the first error, named by JSON path.
import type { GatherNode, Scenario } from '../../model/scenario-types.ts';
import { isGatherChild } from '../../model/scenario-types.ts';
import { TRACE_EVENT_NAMES } from '../../model/outcome.ts';

const STATUSES = ['returned', 'raised', 'cancelled', 'pending'] as const;
const RESULT_KINDS = ['crash', 'timeout', 'unsupported'] as const;

/** One invalid spot: `$.children.a.status: must be one of "returned", …`. */
class Invalid extends Error {}

function fail(path: string, message: string): never {
  throw new Invalid(`${path}: ${message}`);
}

/** `$.children.a` for identifier-like keys, `$.children["a/b"]` otherwise. */
export function jsonPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return typeof value === 'object'
    ? 'an object'
    : `${typeof value} ${JSON.stringify(value)?.slice(0, 40) ?? ''}`.trim();
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function object(
  value: unknown,
  path: string,
  required: readonly string[],
  optional: readonly string[] = [],
): Record<string, unknown> {
  if (!isPlainObject(value)) fail(path, `must be an object, got ${describe(value)}`);
  for (const key of required) if (!Object.hasOwn(value, key)) fail(jsonPath(path, key), 'is missing');
  for (const key of Object.keys(value)) {
    if (!required.includes(key) && !optional.includes(key)) fail(jsonPath(path, key), 'is not a field of this object');
  }
  return value;
}

function time(value: unknown, path: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    fail(path, `must be a finite number ≥ 0, got ${describe(value)}`);
}

function string(value: unknown, path: string): void {
  if (typeof value !== 'string') fail(path, `must be a string, got ${describe(value)}`);
}

function oneOf(value: unknown, path: string, allowed: readonly string[]): void {
  if (typeof value !== 'string' || !allowed.includes(value))
    fail(path, `must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${describe(value)}`);
}

/** JSON data: null, booleans, finite numbers, strings, arrays and plain objects of them. */
function json(value: unknown, path: string, depth = 0): void {
  if (depth > 200) fail(path, 'nests too deeply');
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) fail(path, `must be JSON, got ${describe(value)}`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      json(v, jsonPath(path, i), depth + 1);
    });
    return;
  }
  if (!isPlainObject(value))
    fail(
      path,
      `must be JSON, got ${typeof value === 'object' ? ((value as object).constructor?.name ?? 'an object') : typeof value}`,
    );
  for (const [k, v] of Object.entries(value)) json(v, jsonPath(path, k), depth + 1);
}

function taskOutcome(value: unknown, path: string): void {
  const t = object(value, path, ['status', 'at'], ['value', 'error']);
  oneOf(t.status, jsonPath(path, 'status'), STATUSES);
  time(t.at, jsonPath(path, 'at'));
  if (t.status === 'raised') {
    if (!Object.hasOwn(t, 'error')) fail(jsonPath(path, 'error'), 'is missing (status "raised" names its error)');
    string(t.error, jsonPath(path, 'error'));
  } else if (Object.hasOwn(t, 'error'))
    fail(jsonPath(path, 'error'), `only a "raised" task has an error (status ${JSON.stringify(t.status)})`);
  if (Object.hasOwn(t, 'value')) {
    if (t.status !== 'returned')
      fail(jsonPath(path, 'value'), `only a "returned" task has a value (status ${JSON.stringify(t.status)})`);
    json(t.value, jsonPath(path, 'value'));
  }
}

/** Every child path of the scenario, depth first (`outer/inner` for nested gathers). */
function childPaths(node: GatherNode, prefix = ''): string[] {
  return node.children.flatMap((c) => [
    prefix + c.name,
    ...(isGatherChild(c) ? childPaths(c.gather, `${prefix}${c.name}/`) : []),
  ]);
}

function outcome(value: unknown, path: string, scenario: Scenario | undefined): void {
  const o = object(value, path, ['awaiter', 'children', 'end', 'trace']);
  taskOutcome(o.awaiter, jsonPath(path, 'awaiter'));
  const childrenPath = jsonPath(path, 'children');
  if (!isPlainObject(o.children)) fail(childrenPath, `must be an object, got ${describe(o.children)}`);
  const children = o.children;
  for (const [k, v] of Object.entries(children)) taskOutcome(v, jsonPath(childrenPath, k));
  if (scenario !== undefined) {
    const paths = childPaths(scenario);
    for (const p of paths)
      if (!Object.hasOwn(children, p)) fail(jsonPath(childrenPath, p), 'is missing (a child of the scenario)');
    for (const k of Object.keys(children))
      if (!paths.includes(k)) fail(jsonPath(childrenPath, k), 'is not a child of the scenario');
  }
  time(o.end, jsonPath(path, 'end'));
  const tracePath = jsonPath(path, 'trace');
  if (!Array.isArray(o.trace)) fail(tracePath, `must be an array, got ${describe(o.trace)}`);
  o.trace.forEach((e, i) => {
    const p = jsonPath(tracePath, i);
    const event = object(e, p, ['at', 'task', 'event']);
    time(event.at, jsonPath(p, 'at'));
    string(event.task, jsonPath(p, 'task'));
    oneOf(event.event, jsonPath(p, 'event'), TRACE_EVENT_NAMES);
  });
}

/** The first way `value` is not an Outcome (of `scenario`, when given: one entry per child), or null when it is one. */
export function outcomeError(value: unknown, scenario?: Scenario): string | null {
  try {
    outcome(value, '$', scenario);
    return null;
  } catch (error) {
    if (error instanceof Invalid) return error.message;
    throw error;
  }
}

/**
 * The first way `value` is not a TargetResult (`{ ok: true, outcome }` or `{ ok: false, kind, error }`), or null.
 * Paths start at `$` for the result; an outcome's at `$.outcome`… is reported as `$…` of the outcome (what users write).
 */
export function targetResultError(value: unknown, scenario?: Scenario): string | null {
  try {
    if (!isPlainObject(value))
      fail('$', `a result must be { ok: true, outcome } or { ok: false, kind, error }, got ${describe(value)}`);
    if (value.ok === true) {
      object(value, '$', ['ok', 'outcome']);
      outcome(value.outcome, '$', scenario);
    } else if (value.ok === false) {
      const r = object(value, '$', ['ok', 'kind', 'error']);
      oneOf(r.kind, '$.kind', RESULT_KINDS);
      string(r.error, '$.error');
    } else fail('$.ok', `must be true or false, got ${describe(value.ok)}`);
    return null;
  } catch (error) {
    if (error instanceof Invalid) return error.message;
    throw error;
  }
}
