// Tests of span computation on hand-made traces and of the SVG and ASCII renderings.
import { describe, expect, it } from 'vitest';
import {
  runTimeline,
  timelineAscii,
  timelineSvg,
  firstDivergence,
  timelineInputFromFailure,
  ASCII_WIDTH,
} from './index.ts';
import { layoutAxis } from './axis.ts';
import { xmlProblems } from '../fixtures/xml-check.ts';
import * as f from '../fixtures/outcomes.ts';
import type { Span, TaskTimeline, TimelineInput } from './types.ts';

const kinds = (task: TaskTimeline | undefined): string[] => (task?.spans ?? []).map((span: Span) => span.kind);
const row = (scenario: typeof f.raisingScenario, outcome: typeof f.raisingModel, name: string) =>
  runTimeline(scenario, { label: 'model', outcome }).tasks.find((task) => task.task === name);

const twoRuns: TimelineInput = {
  scenario: f.raisingScenario,
  outcomes: [
    { label: 'model', outcome: f.raisingModel },
    { label: 'loop', outcome: f.raisingLoop },
  ],
};

describe('spans', () => {
  it('a child that is cancelled while sleeping: queued, running, sleeping, then cleanup', () => {
    expect(kinds(row(f.raisingScenario, f.raisingModel, 'a'))).toEqual(['queued', 'running', 'sleeping', 'cleanup']);
  });
  it('cleanup covers the cleanup step, the cleanup sleep and the final step', () => {
    const c = row(f.raisingScenario, f.raisingModel, 'c')!;
    expect(kinds(c)).toEqual(['queued', 'running', 'sleeping', 'cleanup', 'cleanup', 'cleanup']);
    const cleanupSleep = c.spans[4]!;
    expect(cleanupSleep.from.at).toBe(2);
    expect(cleanupSleep.to.at).toBe(5);
  });
  it('the awaiter waits on its gather, and is not in cleanup when woken by a raising gather', () => {
    const awaiter = row(f.raisingScenario, f.raisingModel, 'awaiter')!;
    expect(kinds(awaiter)).toEqual(['queued', 'running', 'awaiting', 'running']);
    const decision = awaiter.marks.find((mark) => mark.kind === 'gather-raised');
    expect(decision?.label).toBe('gather raised ValueError');
  });
  it('a hang after the sleeps is drawn as hanging, the gatherAfter sleep as sleeping', () => {
    expect(kinds(row(f.cancelScenario, f.cancelModel, 'h'))).toEqual([
      'queued',
      'running',
      'sleeping',
      'running',
      'hanging',
      'cleanup',
    ]);
    expect(kinds(row(f.cancelScenario, f.cancelModel, 'awaiter'))).toEqual([
      'queued',
      'running',
      'sleeping',
      'running',
      'awaiting',
      'cleanup',
    ]);
  });
  it('marks cancel requests and final events at their slots', () => {
    const a = row(f.raisingScenario, f.raisingModel, 'a')!;
    expect(a.marks.map((mark) => mark.kind)).toEqual(['created', 'cancel-requested', 'cancelled']);
    expect(a.marks[1]!.at).toEqual({ at: 2, slot: 3 });
  });
  it('a gather that returned shows its list', () => {
    const awaiter = row(f.instantScenario, f.instantModel, 'awaiter')!;
    expect(awaiter.marks.find((mark) => mark.kind === 'gather-returned')?.label).toBe(
      'gather → ["x",{"error":"KeyError"}]',
    );
  });
});

describe('axis', () => {
  it('gives distinct, increasing positions to the steps of one instant', () => {
    const axis = layoutAxis([f.instantModel.trace], 0, { width: 500, maxSlot: 14, minGap: 10 });
    const xs = f.instantModel.trace.map((_, slot) => axis.x({ at: 0, slot }));
    for (let i = 1; i < xs.length; i++) expect(xs[i]!).toBeGreaterThan(xs[i - 1]!);
    expect(xs[xs.length - 1]!).toBeLessThanOrEqual(500);
  });
  it('keeps time order between instants and fits the width', () => {
    const axis = layoutAxis([f.raisingModel.trace], 5, { width: 300, maxSlot: 14, minGap: 10 });
    expect(axis.timeX(0)).toBeLessThan(axis.timeX(2));
    expect(axis.timeX(2)).toBeLessThan(axis.timeX(5));
    expect(axis.x({ at: 5, slot: 'end' })).toBeLessThanOrEqual(300 + 1e-9);
  });
});

describe('divergence', () => {
  it('finds the first differing event', () => {
    const divergence = firstDivergence(twoRuns.outcomes);
    expect(divergence?.index).toBe(f.raisingModel.trace.length - 1);
    expect(divergence?.task).toBe('c');
  });
  it('finds an outcome difference when the traces agree', () => {
    const other = { ...f.instantModel, awaiter: { ...f.instantModel.awaiter, value: ['z'] } };
    const divergence = firstDivergence([
      { label: 'model', outcome: f.instantModel },
      { label: 'loop', outcome: other },
    ]);
    expect(divergence).toMatchObject({ index: null, task: 'awaiter' });
  });
  it('is null for identical runs', () => {
    expect(
      firstDivergence([
        { label: 'model', outcome: f.raisingModel },
        { label: 'loop', outcome: f.raisingModel },
      ]),
    ).toBeNull();
    // an empty slot in a result list is not null (JSON text would write both as null)
    const returning = (value: unknown) => ({
      ...f.raisingModel,
      awaiter: { status: 'returned' as const, value: value as never, at: 2 },
    });
    // eslint-disable-next-line no-sparse-arrays
    expect(
      firstDivergence([
        { label: 'model', outcome: returning([null, 1]) },
        { label: 'loop', outcome: returning([, 1]) },
      ])?.description,
    ).toMatch(/\[null,1\].*\[<empty>,1\]/);
  });
});

describe('timelineSvg', () => {
  it('is well-formed XML with one row per task', () => {
    const svg = timelineSvg({ scenario: f.cancelScenario, outcomes: [{ label: 'model', outcome: f.cancelModel }] });
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg.match(/class="task-row"/g)?.length).toBe(4);
  });
  it('with two runs: two rows per task and the divergence marked', () => {
    const svg = timelineSvg(twoRuns);
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg.match(/class="task-row"/g)?.length).toBe(8);
    expect(svg).toContain('class="divergence"');
    expect(svg).toContain('first divergence');
  });
  it('escapes names and values', () => {
    const scenario = { ...f.instantScenario, children: [{ name: 'a<&>"', sleeps: [], end: { return: '<b>' } }] };
    const outcome = {
      ...f.instantModel,
      children: { 'a<&>"': { status: 'returned' as const, value: '<b>', at: 0 } },
      trace: f.instantModel.trace
        .map((event) => (event.task === 'x' ? { ...event, task: 'a<&>"' } : event))
        .filter((event) => event.task !== 'y'),
    };
    expect(xmlProblems(timelineSvg({ scenario, outcomes: [{ label: 'm&m', outcome }] }))).toEqual([]);
  });
  it("stays XML 1.0 when unvalidated text carries control characters or lone surrogates (a title, an adapter's task names)", () => {
    const bad = 'q\u0001\u001f\ud800\uffff\tz';
    const outcome = {
      ...f.instantModel,
      children: { [bad]: { status: 'returned' as const, value: bad, at: 0 } },
      trace: f.instantModel.trace.map((event) => (event.task === 'x' ? { ...event, task: bad } : event)),
    };
    const svg = timelineSvg({
      scenario: f.instantScenario,
      outcomes: [{ label: bad, outcome }],
      title: bad,
      notes: [bad],
    });
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toContain('q\\u0001\\u001f\\ud800\\uffff\tz');
  });
  it('draws zero-duration spans with a visible width', () => {
    const svg = timelineSvg({ scenario: f.instantScenario, outcomes: [{ label: 'model', outcome: f.instantModel }] });
    const widths = [...svg.matchAll(/class="span span-running"[^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths.length).toBeGreaterThan(0);
    for (const width of widths) expect(width).toBeGreaterThanOrEqual(2);
  });
});

describe('timelineAscii', () => {
  const rowLines = (text: string): string[] =>
    text.split('\n').filter((line) => /\|.*\|/.test(line) && !line.includes('+-'));
  it('has one line per task and fits 100 columns', () => {
    const text = timelineAscii({ scenario: f.cancelScenario, outcomes: [{ label: 'model', outcome: f.cancelModel }] });
    expect(rowLines(text).length).toBe(4);
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(ASCII_WIDTH);
  });
  it('with two runs: a line per task per run, the divergent rows flagged', () => {
    const text = timelineAscii(twoRuns);
    const lines = rowLines(text);
    expect(lines.length).toBe(8);
    expect(lines.filter((line) => line.startsWith('*')).length).toBe(2);
    expect(text).toContain('first divergence');
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(ASCII_WIDTH);
  });
  it('shows every step of a single instant', () => {
    const text = timelineAscii({
      scenario: f.instantScenario,
      outcomes: [{ label: 'model', outcome: f.instantModel }],
    });
    const y = rowLines(text).find((line) => line.startsWith(' y'))!;
    expect(y).toContain('#');
    expect(y).toContain('!');
    expect(y.indexOf('+')).toBeLessThan(y.indexOf('#'));
  });
  it('scales long runs into the width', () => {
    const long = {
      ...f.raisingModel,
      trace: f.raisingModel.trace.map((event) => ({ ...event, at: event.at * 1000 })),
      end: 5000,
    };
    const text = timelineAscii({ scenario: f.raisingScenario, outcomes: [{ label: 'model', outcome: long }] });
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(ASCII_WIDTH);
    expect(text).toContain('5000');
  });
});

describe('timelineInputFromFailure', () => {
  const failure = {
    loopcheck: 1 as const,
    kind: 'failure' as const,
    property: 'differential',
    target: 'impl',
    profile: 'seed',
    seed: 3,
    path: '1',
    scenario: f.raisingScenario,
    message: 'impl crashed: boom',
    observed: null,
  };
  it('draws the model row from a fallback when the target crashed, and says so', () => {
    const input = timelineInputFromFailure(failure, { model: () => f.raisingModel });
    expect(input.outcomes.map((run) => run.label)).toEqual(['model']);
    expect(input.notes).toContain('impl crashed: boom');
    expect(input.notes).toContain('impl produced no outcome');
    expect(timelineAscii(input)).toContain('impl crashed: boom');
  });
  it('labels the loop target `loop` next to the model', () => {
    const input = timelineInputFromFailure({ ...failure, expected: f.raisingModel, observed: f.raisingLoop });
    expect(input.outcomes.map((run) => run.label)).toEqual(['model', 'loop']);
  });
  it('refuses a failure with no outcome at all', () => {
    expect(() => timelineInputFromFailure(failure)).toThrow(/neither "expected" nor "observed"/);
  });
});

describe('gather result line', () => {
  it('lists every decision when a run decides twice (G5 broken)', () => {
    const twice = {
      ...f.raisingModel,
      trace: [...f.raisingModel.trace, { at: 5, task: 'awaiter', event: 'gather-returned' as const }],
    };
    const text = timelineAscii({ scenario: f.raisingScenario, outcomes: [{ label: 'loop', outcome: twice }] });
    expect(text).toContain('gather raised ValueError (t=2), then gather returned (t=5)');
  });
});
