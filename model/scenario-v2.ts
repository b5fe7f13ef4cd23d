// Validates a format 2 scenario (docs/rules.md §4b): steps, await/shield/cancel/create/timeout, args, timeoutMs,
// shutdown; every problem with its JSON path; step targets checked once every task path is known.
import {
  AWAITER,
  PATH_SEPARATOR,
  type Cancel,
  type ChildV2,
  type CreatedChild,
  type GatherNodeV2,
  type OnCancel,
  type Profile,
  type ScenarioV2,
  type Step,
} from './scenario-types.ts';
import {
  type Checker,
  MAX_CHILDREN,
  MAX_NESTING,
  ScenarioError,
  keyPath,
  type Obj,
  unnamedPath,
} from './scenario-checker.ts';
import { PROFILE_CHOICES, type ProfileChoices } from './profiles.ts';

/** Most steps in one body (the steps inside `timeout` steps included). */
export const MAX_STEPS = 16;
/** Deepest nesting of `timeout` steps. */
export const MAX_TIMEOUT_NESTING = 2;
/** Most tasks in one scenario (the awaiter, every child, every created task). */
export const MAX_TASKS = 128;
/** Most entries in one `args`. */
export const MAX_ARGS = 64;

/** A step target checked after the first pass (all paths known). */
interface TargetCheck {
  at: string;
  kind: 'await' | 'shield' | 'cancel';
  target: string;
  self: string;
  /** Tasks that surely exist when this step runs. */
  sure: ReadonlySet<string>;
}

function join(prefix: string, name: string): string {
  return prefix === '' ? name : prefix + PATH_SEPARATOR + name;
}

class Checker2 {
  readonly paths = new Set<string>([AWAITER]);
  readonly checks: TargetCheck[] = [];
  /** Tasks some gather waits for (its arguments), for F2m's await check. */
  readonly gathered = new Set<string>();
  tasks = 1;

  constructor(
    readonly c: Checker,
    /** The profile's format 2 choices (F2m: what it refuses), and its name for the messages. */
    readonly choices: ProfileChoices,
    readonly profile: Profile,
  ) {}

  /** F2m: `what` does not exist under this profile (docs/rules.md §7). */
  refuse(at: string, what: string): undefined {
    return this.c.fail(at, `profile ${this.profile} has no ${what} (docs/rules.md §7, F2m)`);
  }

  countTask(at: string): void {
    if (++this.tasks === MAX_TASKS + 1) this.c.fail(at, `the scenario has more than ${MAX_TASKS} tasks`);
  }

  /** `owner`: the task that runs this node's gather; `prefix`: its children's path prefix; `sure`: tasks surely existing when it runs. */
  gatherNode(
    obj: Obj,
    at: string,
    depth: number,
    owner: string,
    prefix: string,
    sure: ReadonlySet<string>,
  ): GatherNodeV2 {
    const c = this.c;
    const node: GatherNodeV2 = { returnExceptions: false, children: [] };
    if ('returnExceptions' in obj) {
      const b = c.boolean(obj.returnExceptions, `${at}.returnExceptions`);
      if (b !== undefined) node.returnExceptions = b;
    }
    if ('gatherAfter' in obj) {
      const ms = c.delay(obj.gatherAfter, `${at}.gatherAfter`);
      if (ms !== undefined) node.gatherAfter = ms;
    }
    if ('timeoutMs' in obj) {
      const ms = c.delay(obj.timeoutMs, `${at}.timeoutMs`);
      if (!this.choices.shieldAndTimeoutScopesExist) this.refuse(`${at}.timeoutMs`, 'timeout scope');
      else if (ms !== undefined) node.timeoutMs = ms;
    }
    const raw = Array.isArray(obj.children) ? obj.children : [];
    if ('children' in obj && !Array.isArray(obj.children)) c.fail(`${at}.children`, 'must be an array');
    if (raw.length > MAX_CHILDREN)
      c.fail(`${at}.children`, `must have at most ${MAX_CHILDREN} children (has ${raw.length})`);
    // names and kinds first: args and the sure set need them
    const names: (string | undefined)[] = raw.map((r) => {
      const o = r !== null && typeof r === 'object' && !Array.isArray(r) ? (r as Obj) : undefined;
      return o && typeof o.name === 'string' ? o.name : undefined; // child() reports a bad name
    });
    const isTask = raw.map((r) => r !== null && typeof r === 'object' && (r as Obj).task === true);
    let args: string[] | undefined;
    if ('args' in obj) {
      if (!Array.isArray(obj.args)) c.fail(`${at}.args`, 'must be an array of child names');
      else {
        if (obj.args.length > MAX_ARGS)
          c.fail(`${at}.args`, `must have at most ${MAX_ARGS} entries (has ${obj.args.length})`);
        args = [];
        obj.args.forEach((a, i) => {
          if (typeof a !== 'string' || !names.includes(a))
            c.fail(`${at}.args[${i}]`, `${JSON.stringify(a) ?? String(a)} names no child of this gather`);
          else if (!this.choices.argsMayRepeat && args!.includes(a))
            this.refuse(`${at}.args[${i}]`, 'gather of one argument twice');
          else args!.push(a);
        });
        node.args = args;
      }
    }
    const gathered = (name: string | undefined): boolean =>
      args === undefined || (name !== undefined && args.includes(name));
    for (const name of names) if (name !== undefined && gathered(name)) this.gathered.add(join(prefix, name));
    // tasks that exist before any child body of this node runs (task children; wrapped ones unless gatherAfter)
    const seen = new Set<string>();
    raw.forEach((r, i) => {
      const name = names[i];
      const childAt = `${at}.children[${i}]`;
      if (!isTask[i] && name !== undefined && !gathered(name))
        c.fail(childAt, 'a non-task child must be in args (it would never be created)');
      const childSure = new Set(sure);
      childSure.add(owner);
      raw.forEach((_, j) => {
        const other = names[j];
        if (other === undefined || (!gathered(other) && !isTask[j])) return;
        if (isTask[j] || node.gatherAfter === undefined || !isTask[i]) childSure.add(join(prefix, other));
      });
      const child = this.child(r, childAt, depth, prefix, seen, childSure);
      if (child) node.children.push(child);
    });
    return node;
  }

  child(
    raw: unknown,
    at: string,
    depth: number,
    prefix: string,
    seen: Set<string>,
    sure: ReadonlySet<string>,
  ): ChildV2 | undefined {
    const c = this.c;
    const o = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Obj) : undefined;
    const kind = o && 'gather' in o ? 'gather' : o && 'steps' in o ? 'steps' : 'leaf';
    const allowed = [
      'name',
      'onCancel',
      'task',
      ...(kind === 'gather' ? ['gather'] : kind === 'steps' ? ['steps'] : ['sleeps', 'end']),
    ];
    const required =
      kind === 'gather' ? ['name', 'gather'] : kind === 'steps' ? ['name', 'steps'] : ['name', 'sleeps', 'end'];
    const obj = c.object(raw, at, allowed, required);
    if (!obj) return undefined;
    const name = c.name(obj.name, `${at}.name`, depth === 0);
    if (name !== undefined) {
      if (seen.has(name)) c.fail(`${at}.name`, `duplicate name ${JSON.stringify(name)} in this gather`);
      seen.add(name);
    }
    const path = name === undefined ? undefined : join(prefix, name);
    if (path !== undefined) this.paths.add(path);
    this.countTask(at);
    let onCancel: OnCancel | undefined;
    if ('onCancel' in obj) onCancel = c.onCancel(obj.onCancel, `${at}.onCancel`);
    let task: boolean | undefined;
    if ('task' in obj) task = c.boolean(obj.task, `${at}.task`);
    const extra = { ...(onCancel === undefined ? {} : { onCancel }), ...(task === undefined ? {} : { task }) };
    if (kind === 'gather') {
      if (depth + 1 > MAX_NESTING) return c.fail(`${at}.gather`, `nesting deeper than ${MAX_NESTING} gathers`);
      const allowedNode = ['returnExceptions', 'gatherAfter', 'args', 'timeoutMs', 'children'];
      const g = c.object(obj.gather, `${at}.gather`, allowedNode, ['children']);
      if (!g) return undefined;
      // under an invalid name too (unnamedPath), so that the problems inside are listed as well
      const owner = path ?? unnamedPath(at);
      const gather = this.gatherNode(g, `${at}.gather`, depth + 1, owner, owner, sure);
      return name === undefined ? undefined : { name, gather, ...extra };
    }
    if (kind === 'steps') {
      const steps = this.body(obj.steps, `${at}.steps`, path ?? unnamedPath(at), sure);
      return steps === undefined || name === undefined ? undefined : { name, steps, ...extra };
    }
    const leaf = this.leaf(obj, at);
    return leaf === undefined || name === undefined ? undefined : { name, ...leaf, ...extra };
  }

  leaf(obj: Obj, at: string): { sleeps: number[]; end: NonNullable<ReturnType<Checker['end']>> } | undefined {
    const c = this.c;
    const sleeps: number[] = [];
    if (!Array.isArray(obj.sleeps)) c.fail(`${at}.sleeps`, 'must be an array of delays');
    else
      obj.sleeps.forEach((s, i) => {
        const ms = c.delay(s, `${at}.sleeps[${i}]`);
        if (ms !== undefined) sleeps.push(ms);
      });
    const end = 'end' in obj ? c.end(obj.end, `${at}.end`) : undefined;
    return end === undefined ? undefined : { sleeps, end };
  }

  /** A body's steps: checks each, counts them, collects target checks; `self` is the body's task path. */
  body(raw: unknown, at: string, self: string, sure: ReadonlySet<string>): Step[] | undefined {
    const state = { count: 0, created: new Set<string>(), names: new Set<string>(), sure: new Set(sure) };
    const steps = this.stepList(raw, at, self, state, 0);
    if (state.count > MAX_STEPS) this.c.fail(at, `must have at most ${MAX_STEPS} steps in all (has ${state.count})`);
    return steps;
  }

  stepList(
    raw: unknown,
    at: string,
    self: string,
    state: { count: number; names: Set<string>; sure: Set<string> },
    timeoutDepth: number,
  ): Step[] | undefined {
    const c = this.c;
    if (!Array.isArray(raw) || raw.length === 0) return c.fail(at, 'must be a non-empty array of steps');
    const out: Step[] = [];
    let ok = true;
    raw.forEach((r, i) => {
      const stepAt = `${at}[${i}]`;
      state.count++;
      const last = i === raw.length - 1;
      const step = this.step(r, stepAt, self, state, timeoutDepth);
      if (step === undefined) {
        ok = false;
        return;
      }
      const isEnd = step === 'hang' || 'return' in step || 'raise' in step;
      if (isEnd && !last) {
        ok = false;
        c.fail(stepAt, 'an end step (return, raise, hang) must be the last step');
      } else if (isEnd && timeoutDepth > 0 && step !== 'hang' && 'return' in step) {
        ok = false;
        c.fail(stepAt, 'return inside a timeout is not supported (the timeout gives the value of its last await)');
      }
      out.push(step);
    });
    return ok ? out : undefined;
  }

  step(
    raw: unknown,
    at: string,
    self: string,
    state: { count: number; names: Set<string>; sure: Set<string> },
    timeoutDepth: number,
  ): Step | undefined {
    const c = this.c;
    if (raw === 'hang') return 'hang';
    const kinds = ['sleep', 'await', 'shield', 'cancel', 'create', 'timeout', 'return', 'raise'];
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      return c.fail(at, `must be "hang" or an object with one of ${kinds.map((k) => `"${k}"`).join(', ')}`);
    }
    const obj = raw as Obj;
    const kind = kinds.find((k) => k in obj);
    if (kind === undefined) return c.fail(at, `must have one of ${kinds.map((k) => `"${k}"`).join(', ')}`);
    const ok = c.object(
      obj,
      at,
      kind === 'timeout' ? ['timeout', 'steps'] : [kind],
      kind === 'timeout' ? ['timeout', 'steps'] : [kind],
    );
    if (!ok) return undefined;
    const valueAt = `${at}.${kind}`;
    const v = obj[kind];
    switch (kind) {
      case 'sleep': {
        const ms = c.delay(v, valueAt);
        return ms === undefined ? undefined : { sleep: ms };
      }
      case 'await':
      case 'shield':
      case 'cancel': {
        if (typeof v !== 'string') return c.fail(valueAt, 'must be a task path');
        if (kind === 'shield' && !this.choices.shieldAndTimeoutScopesExist) return this.refuse(valueAt, 'shield');
        this.checks.push({ at: valueAt, kind, target: v, self, sure: new Set(state.sure) });
        return { [kind]: v } as Step;
      }
      case 'create': {
        const created = this.created(v, valueAt, self, state);
        return created === undefined ? undefined : { create: created };
      }
      case 'timeout': {
        const ms = c.delay(v, valueAt);
        if (!this.choices.shieldAndTimeoutScopesExist) return this.refuse(valueAt, 'timeout scope');
        if (timeoutDepth + 1 > MAX_TIMEOUT_NESTING)
          return c.fail(at, `timeout nested deeper than ${MAX_TIMEOUT_NESTING}`);
        const inner = this.stepList(obj.steps, `${at}.steps`, self, state, timeoutDepth + 1);
        return ms === undefined || inner === undefined ? undefined : { timeout: ms, steps: inner };
      }
      case 'return': {
        const j = c.json(v, valueAt);
        return j === undefined ? undefined : { return: j };
      }
      default: {
        const e = c.errorName(v, valueAt);
        return e === undefined ? undefined : { raise: e };
      }
    }
  }

  created(
    raw: unknown,
    at: string,
    creator: string,
    state: { names: Set<string>; sure: Set<string> },
  ): CreatedChild | undefined {
    const c = this.c;
    const o = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Obj) : undefined;
    const isSteps = o !== undefined && 'steps' in o;
    const obj = c.object(
      raw,
      at,
      ['name', 'onCancel', ...(isSteps ? ['steps'] : ['sleeps', 'end'])],
      isSteps ? ['name', 'steps'] : ['name', 'sleeps', 'end'],
    );
    if (!obj) return undefined;
    const name = c.name(obj.name, `${at}.name`, false);
    if (name !== undefined && state.names.has(name))
      return c.fail(`${at}.name`, `duplicate name ${JSON.stringify(name)} among the tasks ${creator} creates`);
    // under an invalid name too (unnamedPath), so that the problems inside are listed as well
    const path = name === undefined ? unnamedPath(at) : creator + PATH_SEPARATOR + name;
    if (name !== undefined) {
      state.names.add(name);
      this.paths.add(path);
    }
    this.countTask(at);
    let onCancel: OnCancel | undefined;
    if ('onCancel' in obj) onCancel = c.onCancel(obj.onCancel, `${at}.onCancel`);
    const extra = onCancel === undefined ? {} : { onCancel };
    // the created task runs after this step: whatever surely exists now (and its creator) surely exists then
    const sure = new Set(state.sure);
    sure.add(creator);
    let out: CreatedChild | undefined;
    if (isSteps) {
      const steps = this.body(obj.steps, `${at}.steps`, path, sure);
      out = steps === undefined || name === undefined ? undefined : { name, steps, ...extra };
    } else {
      const leaf = this.leaf(obj, at);
      out = leaf === undefined || name === undefined ? undefined : { name, ...leaf, ...extra };
    }
    if (name === undefined) return undefined;
    state.sure.add(path); // later steps of the creator may await it
    return out;
  }

  /** Second pass: every await/shield/cancel target. */
  checkTargets(): void {
    for (const t of this.checks) {
      if (!this.paths.has(t.target)) {
        this.c.fail(t.at, `${JSON.stringify(t.target)} names no task of the scenario`);
      } else if (t.kind !== 'cancel' && t.target === t.self) {
        this.c.fail(t.at, `a task cannot ${t.kind} itself`);
      } else if (t.kind !== 'cancel' && !t.sure.has(t.target)) {
        this.c.fail(t.at, `${JSON.stringify(t.target)} names no task created before this step`);
      } else if (t.kind === 'await' && !this.choices.awaitOfGatheredTaskAllowed && this.gathered.has(t.target)) {
        this.refuse(t.at, `await of a task a gather waits for (${JSON.stringify(t.target)} is a gather argument)`);
      }
    }
  }
}

/** Validates a format 2 scenario (`top` is already an object); problems go to `c`, thrown at the end. */
export function parseChecked2(top: Obj, c: Checker, profile: Profile | undefined): ScenarioV2 {
  const allowed = [
    'loopcheck',
    'profile',
    'shutdown',
    'returnExceptions',
    'gatherAfter',
    'args',
    'timeoutMs',
    'children',
    'cancels',
  ];
  for (const key of Object.keys(top)) if (!allowed.includes(key)) c.fail(`$${keyPath(key)}`, 'unknown key');
  if (!('children' in top)) c.fail('$.children', 'is required');
  let shutdown = false;
  if ('shutdown' in top) shutdown = c.boolean(top.shutdown, '$.shutdown') ?? false;
  const c2 = new Checker2(c, PROFILE_CHOICES[profile ?? 'seed'], profile ?? 'seed');
  const node = c2.gatherNode(top, '$', 0, AWAITER, '', new Set([AWAITER]));
  c2.checkTargets();
  const cancels: Cancel[] = [];
  if ('cancels' in top) {
    if (!Array.isArray(top.cancels)) c.fail('$.cancels', 'must be an array');
    else
      top.cancels.forEach((raw, i) => {
        const at = `$.cancels[${i}]`;
        const obj = c.object(raw, at, ['at', 'target'], ['at', 'target']);
        if (!obj) return;
        const when = 'at' in obj ? c.delay(obj.at, `${at}.at`) : undefined;
        let target: string | undefined;
        if ('target' in obj) {
          if (typeof obj.target === 'string' && c2.paths.has(obj.target)) target = obj.target;
          else
            c.fail(`${at}.target`, `${JSON.stringify(obj.target) ?? String(obj.target)} names no task of the scenario`);
        }
        if (when !== undefined && target !== undefined) cancels.push({ at: when, target });
      });
  }
  if (c.problems.length > 0) throw new ScenarioError(c.problems);
  return { loopcheck: 2, profile: profile ?? 'seed', shutdown, ...node, cancels };
}
