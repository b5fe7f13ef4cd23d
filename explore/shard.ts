// Sharding: the enumeration cut into blocks of BLOCK_SIZE consecutive scenarios, block b belonging to shard
// (b mod count) + 1, so any number of machines or workers split one exploration deterministically.

/** Scenarios per block. Reduction and per-block de-duplication restart at every block, so counts do not depend on
 * how the blocks are shared out. */
export const BLOCK_SIZE = 32_768;

/** Shard `index` of `count` (1-based, as `vitest --shard`). */
export interface Shard {
  index: number;
  count: number;
}

export const WHOLE: Shard = { index: 1, count: 1 };

/** Parses `i/n` (1 ≤ i ≤ n); null with the reason when it is not one. */
export function parseShard(raw: string): Shard | string {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(raw);
  if (m === null) return `--shard must be i/n (for example 1/3), got ${JSON.stringify(raw)}`;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (!Number.isSafeInteger(count) || count < 1) return `--shard i/n needs n ≥ 1, got ${JSON.stringify(raw)}`;
  if (!Number.isSafeInteger(index) || index < 1 || index > count)
    return `--shard i/n needs 1 ≤ i ≤ n, got ${JSON.stringify(raw)}`;
  return { index, count };
}

/** Whether block `block` (0-based) belongs to `shard`. */
export function ownsBlock(shard: Shard, block: number): boolean {
  return block % shard.count === shard.index - 1;
}

/**
 * Shard `shard` split among `workers`: worker w takes sub-shard (index − 1) + count·w + 1 of count·workers. Block b
 * is in the sub-shard iff b ≡ index − 1 + count·w (mod count·workers), and these together are exactly the blocks
 * with b ≡ index − 1 (mod count).
 */
export function subShards(shard: Shard, workers: number): Shard[] {
  return Array.from({ length: workers }, (_, w) => ({
    index: shard.index + shard.count * w,
    count: shard.count * workers,
  }));
}

export function formatShard(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}
