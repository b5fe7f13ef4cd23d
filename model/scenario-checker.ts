// The validator's building blocks: one Checker collects every problem with its JSON path (format 1 and 2 share it).
import {
  AWAITER,
  PATH_SEPARATOR,
  type Child,
  type End,
  type GatherNode,
  type Json,
  type OnCancel,
} from './scenario-types.ts';

/** Largest delay (sleeps, cleanupMs, gatherAfter, cancel `at`) in virtual ms. */
export const MAX_DELAY_MS = 1_000_000_000;
/** Most children one gather may have. */
export const MAX_CHILDREN = 64;
/** Most gathers nested below the awaiter's gather (a gather child's gather is at depth 1). */
export const MAX_NESTING = 4;
export const CANCELLED_ERROR = 'CancelledError';
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
// eslint-disable-next-line no-control-regex
const ASCII = /^[\x00-\x7f]*$/;
/** ASCII control characters: they would break one-line tables and traces, and XML 1.0 (the SVG timeline) cannot hold most of them even escaped. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x1f\x7f]/;

/** A scenario that failed validation; `problems` holds one `<json path>: <reason>` line each. */
export class ScenarioError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ScenarioError';
    this.problems = problems;
  }
}

export type Obj = Record<string, unknown>;

export class Checker {
  readonly problems: string[] = [];
  /** Paths of children created with `task: true` (cancel targets). */
  readonly taskPaths = new Set<string>();

  fail(path: string, reason: string): undefined {
    this.problems.push(`${path}: ${reason}`);
    return undefined;
  }

  object(value: unknown, path: string, allowed: readonly string[], required: readonly string[]): Obj | undefined {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.fail(path, 'must be an object');
      return undefined;
    }
    const obj = value as Obj;
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key)) this.fail(`${path}${keyPath(key)}`, 'unknown key');
    }
    for (const key of required) {
      if (!(key in obj)) this.fail(`${path}${keyPath(key)}`, 'is required');
    }
    return obj;
  }

  delay(value: unknown, path: string): number | undefined {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_DELAY_MS) {
      this.fail(path, `must be an integer from 0 to ${MAX_DELAY_MS}`);
      return undefined;
    }
    return value;
  }

  boolean(value: unknown, path: string): boolean | undefined {
    if (typeof value !== 'boolean') {
      this.fail(path, 'must be true or false');
      return undefined;
    }
    return value;
  }

  json(value: unknown, path: string, depth = 0): Json | undefined {
    if (depth > 100) {
      this.fail(path, 'is nested too deeply');
      return undefined;
    }
    if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
    if (typeof value === 'number') {
      if (Number.isFinite(value)) return value;
      this.fail(path, 'must be a finite number');
      return undefined;
    }
    if (Array.isArray(value)) {
      const out: Json[] = [];
      for (let i = 0; i < value.length; i++) {
        const j = Object.hasOwn(value, i)
          ? this.json(value[i], `${path}[${i}]`, depth + 1)
          : this.fail(`${path}[${i}]`, 'is an empty array slot');
        if (j !== undefined) out.push(j);
      }
      return out;
    }
    if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      const entries: [string, Json][] = [];
      for (const [key, item] of Object.entries(value as Obj)) {
        const j = this.json(item, `${path}${keyPath(key)}`, depth + 1);
        if (j !== undefined) entries.push([key, j]);
      }
      return Object.fromEntries(entries) as { [key: string]: Json }; // own keys, even "__proto__"
    }
    this.fail(path, 'must be a JSON value');
    return undefined;
  }

  errorName(value: unknown, path: string): string | undefined {
    if (typeof value !== 'string' || !IDENTIFIER.test(value)) {
      this.fail(path, 'must be an identifier (letters, digits, _; not starting with a digit)');
      return undefined;
    }
    if (value === CANCELLED_ERROR) {
      this.fail(path, 'must not be CancelledError (use a cancel instead)');
      return undefined;
    }
    return value;
  }

  end(value: unknown, path: string): End | undefined {
    return this.keywordOrOneKey<End>(value, path, 'hang', '"hang", {"return": value} or {"raise": "ErrorName"}', {
      return: (v, at) => this.json(v, at),
      raise: (v, at) => this.errorName(v, at),
    });
  }

  onCancel(value: unknown, path: string): OnCancel | undefined {
    const forms = '"propagate", {"cleanupMs": n} or {"swallow": value}';
    return this.keywordOrOneKey<OnCancel>(value, path, 'propagate', forms, {
      cleanupMs: (v, at) => this.delay(v, at),
      swallow: (v, at) => this.json(v, at),
    });
  }

  /**
   * The shape `end` and `onCancel` share: `keyword`, or an object with exactly one of the keys of `variants`,
   * whose value that variant checks. `forms` lists the forms for the message on any other string.
   */
  keywordOrOneKey<T>(
    value: unknown,
    path: string,
    keyword: T & string,
    forms: string,
    variants: Record<string, (value: unknown, path: string) => unknown>,
  ): T | undefined {
    if (value === keyword) return keyword;
    if (typeof value === 'string') {
      this.fail(path, `must be ${forms}`);
      return undefined;
    }
    const allowed = Object.keys(variants);
    const obj = this.object(value, path, allowed, []);
    if (!obj) return undefined;
    const keys = Object.keys(obj);
    const key = keys[0];
    if (keys.length !== 1 || key === undefined || !allowed.includes(key)) {
      this.fail(path, `must have exactly one of ${allowed.map((k) => `"${k}"`).join(' or ')}`);
      return undefined;
    }
    const checked = variants[key]!(obj[key], `${path}.${key}`);
    return checked === undefined ? undefined : ({ [key]: checked } as T);
  }

  name(value: unknown, path: string, topLevel: boolean): string | undefined {
    if (typeof value !== 'string') {
      this.fail(path, 'must be a string');
      return undefined;
    }
    let ok = true;
    if (value.length === 0) {
      this.fail(path, 'must not be empty');
      ok = false;
    }
    if (!ASCII.test(value)) {
      this.fail(path, 'must be ASCII');
      ok = false;
    } else if (CONTROL.test(value)) {
      this.fail(
        path,
        `must not contain control characters (found U+${CONTROL.exec(value)![0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')})`,
      );
      ok = false;
    }
    if (value.includes(PATH_SEPARATOR)) {
      this.fail(path, `must not contain "${PATH_SEPARATOR}"`);
      ok = false;
    }
    if (topLevel && value === AWAITER) {
      this.fail(path, `"${AWAITER}" is the name of the task that calls gather`);
      ok = false;
    }
    return ok ? value : undefined;
  }

  gatherNode(obj: Obj, path: string, depth: number, prefix: string): GatherNode {
    const node: GatherNode = { returnExceptions: false, children: [] };
    if ('returnExceptions' in obj) {
      const b = this.boolean(obj.returnExceptions, `${path}.returnExceptions`);
      if (b !== undefined) node.returnExceptions = b;
    }
    if ('gatherAfter' in obj) {
      const ms = this.delay(obj.gatherAfter, `${path}.gatherAfter`);
      if (ms !== undefined) node.gatherAfter = ms;
    }
    if (!('children' in obj)) return node;
    const children = obj.children;
    if (!Array.isArray(children)) {
      this.fail(`${path}.children`, 'must be an array');
      return node;
    }
    if (children.length > MAX_CHILDREN) {
      this.fail(`${path}.children`, `must have at most ${MAX_CHILDREN} children (has ${children.length})`);
    }
    const seen = new Set<string>();
    for (let i = 0; i < children.length; i++) {
      const child = this.child(children[i], `${path}.children[${i}]`, depth, prefix, seen);
      if (child) node.children.push(child);
    }
    return node;
  }

  child(raw: unknown, path: string, depth: number, prefix: string, seen: Set<string>): Child | undefined {
    const isGather = raw !== null && typeof raw === 'object' && !Array.isArray(raw) && 'gather' in raw;
    const allowed = ['name', 'sleeps', 'end', 'onCancel', 'task', ...(isGather ? ['gather'] : [])];
    const obj = this.object(raw, path, allowed, isGather ? ['name', 'gather'] : ['name', 'sleeps', 'end']);
    if (!obj) return undefined;
    if (isGather) {
      for (const key of ['sleeps', 'end']) {
        if (key in obj) this.fail(`${path}.${key}`, 'a gather child has no sleeps or end (its gather decides)');
      }
    }
    const name = this.name(obj.name, `${path}.name`, depth === 0);
    if (name !== undefined) {
      if (seen.has(name)) this.fail(`${path}.name`, `duplicate name ${JSON.stringify(name)} in this gather`);
      seen.add(name);
    }
    const childPath = name === undefined ? undefined : prefix + name;
    let onCancel: OnCancel | undefined;
    if ('onCancel' in obj) onCancel = this.onCancel(obj.onCancel, `${path}.onCancel`);
    let task: boolean | undefined;
    if ('task' in obj) task = this.boolean(obj.task, `${path}.task`);
    if (task === true && childPath !== undefined) this.taskPaths.add(childPath);

    if (isGather) {
      const gatherPath = `${path}.gather`;
      if (depth + 1 > MAX_NESTING) {
        this.fail(gatherPath, `nesting deeper than ${MAX_NESTING} gathers`);
        return undefined;
      }
      const g = this.object(obj.gather, gatherPath, ['returnExceptions', 'gatherAfter', 'children'], ['children']);
      if (!g) return undefined;
      // under an invalid name too, so that the problems inside are listed as well
      const gather = this.gatherNode(g, gatherPath, depth + 1, (childPath ?? unnamedPath(path)) + PATH_SEPARATOR);
      if (name === undefined) return undefined;
      const out: Child = { name, gather };
      if (onCancel !== undefined) out.onCancel = onCancel;
      if (task !== undefined) out.task = task;
      return out;
    }
    const sleeps: number[] = [];
    if ('sleeps' in obj) {
      if (!Array.isArray(obj.sleeps)) this.fail(`${path}.sleeps`, 'must be an array of delays');
      else
        for (let i = 0; i < obj.sleeps.length; i++) {
          const ms = this.delay(obj.sleeps[i], `${path}.sleeps[${i}]`);
          if (ms !== undefined) sleeps.push(ms);
        }
    }
    const end = 'end' in obj ? this.end(obj.end, `${path}.end`) : undefined;
    if (name === undefined || end === undefined) return undefined;
    const out: Child = { name, sleeps, end };
    if (onCancel !== undefined) out.onCancel = onCancel;
    if (task !== undefined) out.task = task;
    return out;
  }
}

/**
 * The task path a child whose name is invalid stands under while what it holds is still checked (every problem
 * listed, each with its JSON path `at`): no valid name makes it (a name holds no control character), so nothing
 * checked below it is mistaken for a task of the scenario's.
 */
export function unnamedPath(at: string): string {
  return `\u0000${at}`;
}

export function keyPath(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}
