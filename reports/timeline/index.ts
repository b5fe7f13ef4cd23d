// Public surface of the timelines: spans from traces, and the SVG and ASCII renderings.
export type {
  TimelineInput,
  LabelledOutcome,
  RunTimeline,
  TaskTimeline,
  Span,
  SpanKind,
  Mark,
  MarkKind,
  Point,
  Divergence,
} from './types.ts';
export { runTimeline, runTimelines, eventPoints } from './spans.ts';
export { firstDivergence } from './divergence.ts';
export { locateViolation, violationMark } from './violation-mark.ts';
export { buildTimeline } from './build.ts';
export { timelineSvg } from './svg.ts';
export { timelineAscii, ASCII_WIDTH } from './ascii.ts';
export { timelineInputFromFailure, type FailureFile } from './from-failure.ts';
export { writeTimelineBesideFailure } from './beside-failure.ts';
