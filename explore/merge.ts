// Merging shard results into one certificate: counts add up, distinct traces are the union of the shards' trace
// hashes, so the merged certificate equals an unsharded run's; mismatched or incomplete sets of shards are refused.
import { readFileSync } from 'node:fs';
import type { Certificate, ExploreFailure, PropertyResult } from './explore.ts';
import { type Shard, formatShard } from './shard.ts';
import { shardSetProblem } from '../properties/shard-cases.ts';

/** loopcheck's package.json version (beside the sources, or one folder up from a build in dist/). */
function packageVersion(): string {
  for (const path of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'loopcheck' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not there: try the next place
    }
  }
  return 'unknown';
}

/** The loopcheck version: results of different versions are not merged. */
export const LOOPCHECK_VERSION: string = packageVersion();

/** Shard results that cannot be merged; the message is one line. */
export class MergeError extends Error {
  override readonly name = 'MergeError';
}

function mergeProperties(lists: readonly PropertyResult[][]): PropertyResult[] {
  return lists[0]!.map((p, i) => {
    const unjudged = lists.reduce((sum, l) => sum + (l[i]!.unjudged ?? 0), 0);
    return {
      name: p.name,
      held: lists.every((l) => l[i]!.held),
      checked: lists.reduce((sum, l) => sum + l[i]!.checked, 0),
      engaged: lists.reduce((sum, l) => sum + l[i]!.engaged, 0),
      ...(unjudged > 0 ? { unjudged } : {}),
      mustEngage: lists.every((l) => l[i]!.mustEngage === true),
    };
  });
}

/**
 * The failures an unsharded run would report: with every shard complete (all failures), the first failure of each
 * property × target; otherwise (each shard stopped at its first failure) only the first failure of all.
 */
function mergeFailures(results: readonly Certificate[]): ExploreFailure[] {
  const all = results.flatMap((r) => r.failures).sort((a, b) => a.case - b.case);
  if (all.length === 0) return [];
  if (!results.every((r) => r.complete)) return [all[0]!];
  const first = new Map<string, ExploreFailure>();
  for (const f of all) if (!first.has(`${f.property}\u0000${f.target}`)) first.set(`${f.property}\u0000${f.target}`, f);
  return [...first.values()];
}

/**
 * Merges results of disjoint shards (or sub-shards) into one. `as` is the shard the union is (the trace hashes are
 * kept for a later merge), or undefined for a whole certificate (no hashes).
 */
export function mergeResults(results: readonly Certificate[], as?: Shard): Certificate {
  if (results.length === 0) throw new MergeError('nothing to merge');
  const [first] = results;
  const hashes = new Set<string>();
  for (const r of results) for (const h of r.traceHashes ?? []) hashes.add(h);
  const out: Certificate = {
    version: first!.version,
    enumeration: first!.enumeration,
    bound: first!.bound,
    covers: first!.covers,
    blockSize: first!.blockSize,
    shards: 1,
    scenarios: results.reduce((sum, r) => sum + r.scenarios, 0),
    ranOnModel: results.reduce((sum, r) => sum + r.ranOnModel, 0),
    ranOnLoop: results.reduce((sum, r) => sum + r.ranOnLoop, 0),
    distinctTraces: hashes.size,
    loop: first!.loop,
    properties: mergeProperties(results.map((r) => r.properties)),
    timeMs: Math.max(...results.map((r) => r.timeMs)),
    complete: results.every((r) => r.complete),
    failures: mergeFailures(results),
  };
  if (as !== undefined) {
    out.shard = as;
    out.traceHashes = [...hashes].sort();
  }
  return out;
}

function field(json: unknown, name: string): unknown {
  return typeof json === 'object' && json !== null ? (json as Record<string, unknown>)[name] : undefined;
}

/** Reads a shard file written by `loopcheck explore --shard i/n --json`; one-line MergeError when it is not one. */
export function readShardFile(file: string): Certificate {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new MergeError(
      `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e))}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new MergeError(`${file} is not JSON (expected the output of loopcheck explore --shard i/n --json)`);
  }
  const shard = field(json, 'shard');
  const ok =
    typeof field(json, 'version') === 'string' &&
    typeof field(json, 'bound') === 'number' &&
    typeof field(json, 'scenarios') === 'number' &&
    Array.isArray(field(json, 'traceHashes')) &&
    Array.isArray(field(json, 'properties')) &&
    Array.isArray(field(json, 'failures')) &&
    typeof field(shard, 'index') === 'number' &&
    typeof field(shard, 'count') === 'number';
  if (!ok)
    throw new MergeError(`${file} is not a shard result (expected the output of loopcheck explore --shard i/n --json)`);
  if (field(json, 'interrupted') === true)
    throw new MergeError(`${file} is an interrupted run (SIGINT): it covers part of its shard; run that shard again`);
  return json as Certificate;
}

/** Checks that `results` are exactly shards 1..n of one exploration; throws a one-line MergeError otherwise. */
export function checkShardSet(results: readonly Certificate[], files: readonly string[]): void {
  const [first] = results;
  if (first === undefined) throw new MergeError('merge needs at least one shard file');
  const names = (r: Certificate): string => r.properties.map((p) => p.name).join(',');
  results.forEach((r, i) => {
    const file = files[i] ?? `shard ${i + 1}`;
    for (const key of ['version', 'enumeration', 'bound', 'blockSize', 'loop'] as const) {
      if (r[key] !== first[key])
        throw new MergeError(
          `${file} has ${key} ${JSON.stringify(r[key])}, ${files[0]} has ${JSON.stringify(first[key])}: not shards of one exploration`,
        );
    }
    if (names(r) !== names(first))
      throw new MergeError(`${file} checked other properties than ${files[0]}: not shards of one exploration`);
    if (r.shard!.count !== first.shard!.count)
      throw new MergeError(
        `${file} is shard ${formatShard(r.shard!)}, ${files[0]} is shard ${formatShard(first.shard!)}: different shard counts`,
      );
  });
  const problem = shardSetProblem(
    results.map((r) => r.shard!),
    files,
  );
  if (problem !== null) throw new MergeError(problem);
}

/** Reads, checks and merges shard files into one certificate. */
export function mergeShardFiles(files: readonly string[]): Certificate {
  const results = files.map(readShardFile);
  checkShardSet(results, files);
  return { ...mergeResults(results), shards: results.length };
}
