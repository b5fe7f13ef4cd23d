// Canonical forms for exploration: scenarios with children renamed by position, and a hash of an outcome with task
// names normalised the same way, so cases that differ only by names (or not at all in behaviour) are run once.
import * as crypto from 'node:crypto';
import type { Outcome, TaskOutcome } from '../model/outcome.ts';
import type { Child, GatherNode, Scenario } from '../model/scenario-types.ts';
import { AWAITER, PATH_SEPARATOR, isGatherChild } from '../model/scenario-types.ts';

/** Every child path of `node` (depth first, scenario order) mapped to its positional path (`c0`, `c1/c0`, …). */
export function positionalNames(node: GatherNode): Map<string, string> {
  const names = new Map<string, string>([[AWAITER, AWAITER]]);
  const walk = (n: GatherNode, prefix: string, canonicalPrefix: string): void => {
    n.children.forEach((child, i) => {
      const path = prefix + child.name;
      const canonical = `${canonicalPrefix}c${i}`;
      names.set(path, canonical);
      if (isGatherChild(child)) walk(child.gather, path + PATH_SEPARATOR, canonical + PATH_SEPARATOR);
    });
  };
  walk(node, '', '');
  return names;
}

function renameNode(node: GatherNode): GatherNode {
  const out: GatherNode = { returnExceptions: node.returnExceptions, children: node.children.map(renameChild) };
  if (node.gatherAfter !== undefined) out.gatherAfter = node.gatherAfter;
  return out;
}

function renameChild(child: Child, i: number): Child {
  const name = `c${i}`;
  const base = isGatherChild(child)
    ? { name, gather: renameNode(child.gather) }
    : { name, sleeps: [...child.sleeps], end: child.end };
  const out: Child = base;
  if (child.onCancel !== undefined) out.onCancel = child.onCancel;
  if (child.task !== undefined) out.task = child.task;
  return out;
}

/**
 * The scenario with every child renamed by its position (argument order is kept: it decides result order,
 * creation order and cancellation order, so it is not symmetric) and cancel targets renamed to match.
 */
export function canonicalScenario(scenario: Scenario): Scenario {
  const names = positionalNames(scenario);
  const node = renameNode(scenario);
  const out: Scenario = {
    loopcheck: 1,
    profile: scenario.profile,
    returnExceptions: node.returnExceptions,
    children: node.children,
    cancels: scenario.cancels.map((c) => ({ at: c.at, target: names.get(c.target) ?? c.target })),
  };
  if (node.gatherAfter !== undefined) out.gatherAfter = node.gatherAfter;
  return out;
}

/** JSON with object keys sorted, so equal values give equal text whatever order their keys were written in. */
export function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.keys(value)
    .sort()
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

/**
 * The canonical scenario as text: two scenarios are the same case iff their keys are equal. canonicalScenario
 * writes every key in a fixed order, so plain JSON.stringify (fast) is stable; only the key order inside JSON
 * values (return and swallow values) is taken as written.
 */
export function scenarioKey(scenario: Scenario): string {
  return JSON.stringify(canonicalScenario(scenario));
}

function taskText(t: TaskOutcome | undefined): string {
  if (!t) return '-';
  return `${t.status}@${t.at}:${t.value === undefined ? '' : stableJson(t.value)}:${t.error ?? ''}`;
}

/**
 * The outcome as text with task names normalised by position: the whole trace, then every task's final status,
 * value or error and time, then `end` (a trace alone would merge cases whose results differ only in values).
 */
export function outcomeText(scenario: Scenario, outcome: Outcome): string {
  const names = positionalNames(scenario);
  const parts: string[] = [];
  for (const e of outcome.trace) parts.push(`${e.at} ${names.get(e.task) ?? e.task} ${e.event}`);
  parts.push(`awaiter ${taskText(outcome.awaiter)}`);
  for (const [path, canonical] of names)
    if (path !== AWAITER) parts.push(`${canonical} ${taskText(outcome.children[path])}`);
  parts.push(`end ${outcome.end}`);
  return parts.join('\n');
}

/** A short hash of outcomeText. */
export function traceHash(scenario: Scenario, outcome: Outcome): string {
  const text = outcomeText(scenario, outcome);
  // A format 2 property reads the program as well as the trace (steps, cancels, onCancel: two programs can give one
  // trace and different verdicts), so a format 2 scenario shares its verdicts with no other: its program is hashed too.
  const program = (scenario as { loopcheck: number }).loopcheck === 2 ? `\nprogram ${stableJson(scenario)}` : '';
  return sha1Base64(text + program);
}

/** crypto.hash (Node ≥ 20.12: one call, no Hash object; the same digest), else createHash. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'base64') => string }).hash;
function sha1Base64(text: string): string {
  return oneShot !== undefined
    ? oneShot('sha1', text, 'base64')
    : crypto.createHash('sha1').update(text).digest('base64');
}

/** Remembers the trace hashes seen; `add` says whether an outcome's normalised trace is new. */
export class TraceDeduper {
  private readonly seen = new Set<string>();
  add(scenario: Scenario, outcome: Outcome): boolean {
    const hash = traceHash(scenario, outcome);
    if (this.seen.has(hash)) return false;
    this.seen.add(hash);
    return true;
  }
  get size(): number {
    return this.seen.size;
  }
}
