// Format 2 timelines (docs/rules.md §4b): every example's SVG is well-formed and draws its awaits, shields and
// timeouts where the trace puts them; the ASCII timeline lists them.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAnyScenario } from '../../model/scenario.ts';
import { simulate } from '../../model/simulate.ts';
import type { ScenarioV2 } from '../../model/scenario-types.ts';
import type { Outcome } from '../../model/outcome.ts';
import { runOnLoop } from '../../properties/run-on-loop.ts';
import { xmlProblems } from '../fixtures/xml-check.ts';
import { runTimeline, timelineAscii, timelineSvg } from './index.ts';

const dir = fileURLToPath(new URL('../../examples/scenarios/', import.meta.url));
const examples = readdirSync(dir).filter((f) => f.startsWith('format2-'));
const load = (file: string): ScenarioV2 =>
  parseAnyScenario(JSON.parse(readFileSync(join(dir, file), 'utf8'))) as ScenarioV2;

interface Drawn {
  attrs: Record<string, string>;
  inner: string;
}
/** Every `<g class="CLASS…" …>` group of the SVG with its attributes and the markup up to its first `</g>`. */
function groups(svg: string, cls: string): Drawn[] {
  const out: Drawn[] = [];
  for (const m of svg.matchAll(new RegExp(`<g class="${cls}[^"]*"([^>]*)>(.*?)</g>`, 'g'))) {
    const attrs: Record<string, string> = { class: m[0].match(/class="([^"]*)"/)![1]! };
    for (const a of m[1]!.matchAll(/([\w-]+)="([^"]*)"/g)) attrs[a[1]!] = a[2]!;
    out.push({ attrs, inner: m[2]! });
  }
  return out;
}
const attr = (markup: string, name: string): number => Number(markup.match(new RegExp(`\\b${name}="([-\\d.]+)"`))![1]);
/** x of a task's final mark (returned circle, cancelled square, raised diamond) in the row of `task` on run `run`. */
function endMarkX(svg: string, task: string, run: string): number {
  const row = svg.match(
    new RegExp(
      `<g class="task-row" data-task="${task}" data-run="${run}">(.*?)</g><g class="task-row|<g class="task-row" data-task="${task}" data-run="${run}">(.*)`,
    ),
  )!;
  const mark = (row[1] ?? row[2]!).match(/<g class="mark mark-(returned|raised|cancelled)">(.*?)<title>/)!;
  if (mark[1] === 'returned') return attr(mark[2]!, 'cx');
  if (mark[1] === 'cancelled') return attr(mark[2]!, 'x') + 5;
  return Number(mark[2]!.match(/d="M([-\d.]+)/)![1]);
}

describe('format 2 timelines', () => {
  const runs = examples.map((file) => {
    const scenario = load(file);
    const outcomes: { label: string; outcome: Outcome }[] = [
      { label: 'model', outcome: simulate(scenario) },
      { label: 'loop', outcome: runOnLoop(scenario) },
    ];
    return {
      file,
      scenario,
      outcomes,
      svg: timelineSvg({ scenario, outcomes, title: file }),
      ascii: timelineAscii({ scenario, outcomes, title: file }),
    };
  });

  it('every example: well-formed SVG; each arrow runs from a suspension of its task to the awaited end, drawn at those x', () => {
    expect(examples.length).toBeGreaterThanOrEqual(8);
    expect(runs.reduce((sum, r) => sum + groups(r.svg, 'await-arrow').length, 0)).toBeGreaterThanOrEqual(6);
    for (const { file, svg, outcomes } of runs) {
      expect(xmlProblems(svg), file).toEqual([]);
      for (const arrow of groups(svg, 'await-arrow')) {
        const { outcome } = outcomes.find((o) => o.label === arrow.attrs['data-run'])!;
        const task = arrow.attrs['data-task']!;
        const target = arrow.attrs['data-target']!;
        const suspensions = outcome.trace.filter((e) => e.task === task && e.event === 'suspended').map((e) => e.at);
        expect(suspensions, `${file}: ${task} → ${target}`).toContain(Number(arrow.attrs['data-from-at']));
        expect(Number(arrow.attrs['data-to-at']), `${file}: ${target}'s end`).toBe(outcome.children[target]!.at);
        expect(attr(arrow.inner, 'x2'), `${file}: arrow tip on ${target}'s end mark`).toBeCloseTo(
          endMarkX(svg, target, arrow.attrs['data-run']!),
          1,
        );
      }
      for (const deadline of groups(svg, 'deadline')) {
        expect(Number(deadline.attrs['data-at']) >= 0, file).toBe(true);
      }
    }
  });

  it('a timeout around an await: an arrow w → w/h from 0 to 25, the deadline at 20 (fired, where w gets its cancel), the scope 0…25', () => {
    const { svg, outcomes } = runs.find((r) => r.file === 'format2-timeout.json')!;
    const arrows = groups(svg, 'await-arrow').filter((a) => a.attrs['data-run'] === 'model');
    expect(
      arrows.map((a) => [
        a.attrs['data-task'],
        a.attrs['data-target'],
        a.attrs['data-from-at'],
        a.attrs['data-to-at'],
        a.attrs.class,
      ]),
    ).toEqual([['w', 'w/h', '0', '25', 'await-arrow']]);
    const timeouts = groups(svg, 'timeout').filter((t) => t.attrs['data-run'] === 'model');
    expect(timeouts).toHaveLength(1);
    expect(timeouts[0]!.attrs['data-task']).toBe('w');
    const scope = timeouts[0]!.inner.match(/<rect class="timeout-scope"[^>]*>/)![0];
    expect([scope.match(/data-from-at="(\d+)"/)![1], scope.match(/data-to-at="(\d+)"/)![1]]).toEqual(['0', '25']);
    const deadline = svg.match(/<g class="deadline deadline-fired" data-at="20" data-x="([\d.]+)"/);
    expect(deadline).not.toBeNull();
    // the deadline sits on w's cancel request at t=20 (TO1)
    expect(
      outcomes[0]!.outcome.trace.some((e) => e.task === 'w' && e.at === 20 && e.event === 'cancel-requested'),
    ).toBe(true);
    const scopeX = attr(scope, 'x');
    expect(Number(deadline![1])).toBeGreaterThan(scopeX);
    expect(Number(deadline![1])).toBeLessThan(scopeX + attr(scope, 'width'));
  });

  it('a timeout whose await ends first: the deadline is drawn as not reached, the scope ends with the await', () => {
    const { svg } = runs.find((r) => r.file === 'format2-fetch-timeout-in-gather.json')!;
    const model = groups(svg, 'timeout').filter((t) => t.attrs['data-run'] === 'model');
    const scopeOf = (task: string) => model.find((t) => t.attrs['data-task'] === task)!.inner;
    expect(scopeOf('a')).toMatch(/data-from-at="0" data-to-at="30"/);
    expect(scopeOf('a')).toMatch(/<g class="deadline" data-at="100"/);
    expect(scopeOf('b')).toMatch(/data-from-at="0" data-to-at="110"/);
    expect(scopeOf('b')).toMatch(/<g class="deadline deadline-fired" data-at="100"/);
  });

  it('a shield: the shielded await is hatched and its arrow dashed, with legend entries; s is cancelled at 5, save ends at 20', () => {
    const { svg, scenario, outcomes } = runs.find((r) => r.file === 'format2-shield.json')!;
    const [arrow, ...more] = groups(svg, 'await-arrow').filter((a) => a.attrs['data-run'] === 'model');
    expect(more).toEqual([]);
    expect(arrow!.attrs.class).toBe('await-arrow shield');
    expect([
      arrow!.attrs['data-task'],
      arrow!.attrs['data-target'],
      arrow!.attrs['data-from-at'],
      arrow!.attrs['data-to-at'],
    ]).toEqual(['s', 'save', '0', '20']);
    expect(arrow!.inner).toContain('stroke-dasharray');
    const hatched = svg.match(/<rect class="span span-shielded"[^>]*>/g) ?? [];
    expect(hatched).toHaveLength(2); // one per run
    expect(hatched[0]).toContain('url(#lc-shield-hatch)');
    expect(attr(hatched[0]!, 'x')).toBeCloseTo(attr(arrow!.inner, 'x1'), 1);
    expect(svg).toContain('<pattern id="lc-shield-hatch"');
    for (const kind of ['shielded', 'awaiting-task', 'await-arrow', 'deadline', 'timeout-scope'])
      expect(svg).toContain(`data-kind="${kind}"`);
    const s = runTimeline(scenario, outcomes[0]!).tasks.find((t) => t.task === 's')!;
    expect(s.spans.map((span) => span.kind)).toContain('shielded');
  });

  it('a cancel forwarded to an awaited task that swallows it is not drawn as delivered to the awaiter (T4g)', () => {
    const { scenario, outcomes } = runs.find((r) => r.file === 'format2-c-cancel-forwarded.json')!;
    const { outcome } = outcomes[0]!;
    expect(outcome.children.t2!.status).toBe('returned');
    const t2 = runTimeline(scenario, outcomes[0]!).tasks.find((t) => t.task === 't2')!;
    expect(t2.marks.map((m) => m.kind)).toContain('cancel-requested');
    expect(t2.spans.map((span) => span.kind)).not.toContain('cleanup');
    // the awaited task got the cancel and cleaned up
    const t1 = runTimeline(scenario, outcomes[0]!).tasks.find((t) => t.task === 't1')!;
    expect(t1.spans.map((span) => span.kind)).toContain('cleanup');
  });

  it('created tasks are rows right under their creator', () => {
    const { scenario, outcomes } = runs.find((r) => r.file === 'format2-fetch-timeout-in-gather.json')!;
    expect(runTimeline(scenario, outcomes[0]!).tasks.map((t) => t.task)).toEqual([
      'awaiter',
      'a',
      'a/fetch',
      'b',
      'b/fetch',
    ]);
  });

  it('ASCII: awaits as → name, shields, deadlines as T on the row and listed', () => {
    const timeout = runs.find((r) => r.file === 'format2-timeout.json')!.ascii;
    expect(timeout).toContain('model w → w/h  from t=0 to its end t=25');
    expect(timeout).toContain('model w T deadline t=20 (timeout 20 entered t=0, scope t=0…25, fired)');
    expect(timeout.split('\n').find((l) => l.startsWith(' w ') && l.includes('model'))).toMatch(/\|[^|]*T[^|]*\|/);
    const shield = runs.find((r) => r.file === 'format2-shield.json')!.ascii;
    expect(shield).toContain('model s shield → save  from t=0 to its end t=20');
    expect(shield.split('\n').find((l) => l.startsWith(' s ') && l.includes('model'))).toContain('/');
  });

  it('a format 1 timeline draws none of it', () => {
    const { outcomes } = runs[0]!;
    const scenario = parseAnyScenario(JSON.parse(readFileSync(join(dir, 'seed-gather.json'), 'utf8')));
    const svg = timelineSvg({ scenario, outcomes: [{ label: 'model', outcome: simulate(scenario) }] });
    expect(svg).not.toContain('await-arrow');
    expect(svg).not.toContain('lc-shield-hatch');
    expect(outcomes.length).toBe(2);
  });
});
