// Everything both renderings need from a TimelineInput: rows per run, the first divergence, the gather's result.
import { AWAITER } from '../../model/scenario-types.ts';
import type { Divergence, RunTimeline, TimelineInput } from './types.ts';
import { runTimelines } from './spans.ts';
import { violationMark } from './violation-mark.ts';

export interface BuiltTimeline {
  title: string;
  notes: string[];
  runs: RunTimeline[];
  tasks: string[];
  end: number;
  /** What is marked: the first divergence, or what breaks the failing property (violation-mark.ts). */
  divergence: Divergence | null;
  /** One line per run: what the awaiter's gather decided. */
  gatherResults: string[];
}

export function gatherResult(run: RunTimeline): string {
  const awaiter = run.tasks.find((task) => task.task === AWAITER);
  const decisions = (awaiter?.marks ?? []).filter(
    (mark) => mark.kind.startsWith('gather-') && mark.kind !== 'gather-started',
  );
  if (decisions.length > 0) {
    // More than one decision breaks G5; show them all so the picture says so.
    return decisions.map((mark) => `${mark.label ?? mark.kind} (t=${mark.at.at})`).join(', then ');
  }
  const started = awaiter?.marks.some((mark) => mark.kind === 'gather-started') ?? false;
  return started ? `gather undecided when the loop went idle (t=${run.end})` : 'gather never called';
}

export function buildTimeline(input: TimelineInput): BuiltTimeline {
  if (input.outcomes.length < 1 || input.outcomes.length > 2) {
    throw new Error(`a timeline draws one or two outcomes, got ${input.outcomes.length}`);
  }
  const runs = runTimelines(input.scenario, input.outcomes);
  const end = Math.max(...input.outcomes.map((run) => run.outcome.end));
  return {
    title: input.title ?? 'loopcheck timeline',
    notes: input.notes ?? [],
    runs,
    tasks: runs[0]!.tasks.map((task) => task.task),
    end,
    divergence: violationMark(input),
    gatherResults: runs.map((run) => `${run.label}: ${gatherResult(run)}`),
  };
}
