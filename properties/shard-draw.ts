// fast-check's side of a sharded check: a plugin that generates only the cases this shard owns (the others are a
// placeholder the predicate passes over), so case indices, values and shrinking are the unsharded run's.
import fc from 'fast-check';
import type { Scenario } from '../model/scenario-types.ts';
import type { Judgement } from './evaluate.ts';
import {
  CASE_ENGAGED,
  CASE_JUDGED,
  CASE_SKIPPED,
  CASE_UNJUDGED,
  CaseLog,
  type CaseShard,
  ownedBelow,
  ownedTarget,
  ownsCase,
} from './shard-cases.ts';

/** Stands for a case another shard owns: never generated, never evaluated. */
export const NOT_OWNED = Object.freeze({ notOwnedByThisShard: true }) as unknown as Scenario;

/**
 * One property × target of a sharded check. fast-check still walks every case index from 0 (its random stream jumps
 * once per case, and the case's value depends on the seed and the index only), so an owned case is drawn exactly as
 * the unsharded run draws it, and a failure's path ("k:…") and shrinking are the same.
 */
export class ShardedDraw {
  /** fast-check's index of the case being drawn (shrinking draws none: it stays the failing case's). */
  current = -1;
  readonly log = new CaseLog();

  constructor(
    readonly shard: CaseShard,
    readonly runs: number,
    readonly canSkip: boolean,
  ) {}

  /**
   * Runs: the other shards' cases below `runs` pass (R − owned of them), the owned ones count, and the placeholders
   * beyond `runs` are skips, so fast-check stops once this shard's own target of runs is met (ownedTarget).
   */
  parameters(seed: number): fc.Parameters<[Scenario]> {
    const owned = ownedBelow(this.shard, this.runs);
    return {
      seed,
      numRuns: this.runs - owned + ownedTarget(this.shard, this.runs, this.canSkip),
      plugins: [this.plugin],
    };
  }

  private readonly plugin: fc.Plugin<[Scenario]> = () => ({
    decorateGenerate: (generate) => (mrng, runId) => {
      this.current = runId ?? -1;
      return ownsCase(this.shard, this.current) ? generate(mrng, runId) : new fc.Value([NOT_OWNED], undefined);
    },
  });

  /** The verdict on another shard's case: passes among the first `runs` cases, a skip beyond them. */
  passOver(): boolean {
    if (this.current >= this.runs) fc.pre(false);
    return true;
  }

  record(j: Judgement): void {
    this.log.push(j.unjudged !== undefined ? CASE_UNJUDGED : j.engaged ? CASE_ENGAGED : CASE_JUDGED);
  }

  skipped(): void {
    this.log.push(CASE_SKIPPED);
  }
}
