// A sharded check's cases: fast-check's case k belongs to shard (k mod n) + 1; each shard logs a 2-bit code per case it
// owns, so `check merge` can rebuild exactly the cases, runs and engagement an unsharded check would count.

/** Shard `index` of `count`, 1-based (the CLI parses it with explore's parseShard). */
export interface CaseShard {
  index: number;
  count: number;
}

/** What one owned case was: not the property's case (format it does not read), judged, engaged, skipped. */
export const CASE_UNJUDGED = 0;
export const CASE_JUDGED = 1;
export const CASE_ENGAGED = 2;
/** The target answered `unsupported` (fc.pre): fast-check draws another case, it is not a run. */
export const CASE_SKIPPED = 3;
export type CaseCode = 0 | 1 | 2 | 3;

/** The owned cases of a shard's row, in case order (owned case j is fast-check case index − 1 + j·count). */
export interface ShardCases {
  /** Owned cases drawn and evaluated (the last one is the failing one when the row failed). */
  covered: number;
  /** Their codes, four per byte (low bits first), base64. */
  codes: string;
}

export function ownsCase(shard: CaseShard, k: number): boolean {
  return k % shard.count === shard.index - 1;
}

/** Cases of [0, cases) that `shard` owns. */
export function ownedBelow(shard: CaseShard, cases: number): number {
  return cases < shard.index ? 0 : Math.floor((cases - shard.index) / shard.count) + 1;
}

/**
 * How many owned cases a shard evaluates (beyond the skipped ones). Without skips the unsharded run draws cases
 * 0..runs−1, so ownedBelow(runs) covers it. A target that can skip cases (an async one) makes the unsharded run draw
 * further, by the skips of every shard, which one shard cannot know: it goes on by a margin of 4·√share + 2 (far
 * beyond the spread of its share of the runs), and `check merge` refuses a set of shards that still fell short.
 */
export function ownedTarget(shard: CaseShard, runs: number, canSkip: boolean): number {
  const share = ownedBelow(shard, runs);
  return canSkip ? share + Math.ceil(4 * Math.sqrt(share)) + 2 : share;
}

/** The codes of one shard's row, appended case by case. */
export class CaseLog {
  private bytes: number[] = [];
  covered = 0;
  /** Owned cases that were runs (not skipped). */
  runs = 0;

  push(code: CaseCode): void {
    const at = this.covered++;
    if (at % 4 === 0) this.bytes.push(0);
    this.bytes[this.bytes.length - 1]! |= code << (2 * (at % 4));
    if (code !== CASE_SKIPPED) this.runs++;
  }

  record(): ShardCases {
    return { covered: this.covered, codes: Buffer.from(this.bytes).toString('base64') };
  }
}

/** The codes of a ShardCases; null when `codes` does not hold `covered` of them. */
export function readCases(cases: ShardCases): CaseCode[] | null {
  if (!Number.isSafeInteger(cases.covered) || cases.covered < 0 || typeof cases.codes !== 'string') return null;
  const bytes = Buffer.from(cases.codes, 'base64');
  if (bytes.length !== Math.ceil(cases.covered / 4)) return null;
  return Array.from({ length: cases.covered }, (_, j) => ((bytes[j >> 2]! >> (2 * (j % 4))) & 3) as CaseCode);
}

/**
 * Why a set of shard results (one per file, `files[i]`'s being `shards[i]`, all of one count) is not shards 1..n each
 * once — a shard given twice or one missing — or null when it is (`check merge`, `explore merge`).
 */
export function shardSetProblem(shards: readonly CaseShard[], files: readonly string[]): string | null {
  const count = shards[0]!.count;
  const seen = new Map<number, string>();
  for (let i = 0; i < shards.length; i++) {
    const other = seen.get(shards[i]!.index);
    if (other !== undefined) return `shard ${shards[i]!.index}/${count} given twice (${other} and ${files[i]})`;
    seen.set(shards[i]!.index, files[i]!);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length === 0) return null;
  return `missing shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} (got ${shards.length} of ${count})`;
}
