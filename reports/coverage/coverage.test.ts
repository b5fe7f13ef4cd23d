// Tests of the coverage report: percentages, the DOT (every state, unvisited in red), the five files.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, existsSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  coverageDot,
  summarizeCoverage,
  UNVISITED_COLOR,
  writeCoverageReport,
  coverageMarkdown,
  coverageHtml,
} from './index.ts';
import type { ModelGraph } from '../../model/coverage-types.ts';
import { escapeXml } from '../xml.ts';
import { fixtureCoverage, fixtureGraph } from '../fixtures/graph.ts';
import { emptyCoverage } from '../../model/coverage-types.ts';
import { xmlProblems } from '../fixtures/xml-check.ts';
import * as f from '../fixtures/outcomes.ts';

describe('summarizeCoverage', () => {
  it('counts reached states and transitions and their percentages', () => {
    const summary = summarizeCoverage(fixtureGraph, fixtureCoverage());
    expect(summary.totals.states).toEqual({ reached: 8, total: 9, percent: 88.88 });
    expect(summary.totals.transitions).toEqual({ reached: 6, total: 9, percent: 66.66 });
    expect(summary.byMachine.gather!.transitions).toEqual({ reached: 1, total: 2, percent: 50 });
    const running = summary.states.find((row) => row.id === 'task.running')!;
    expect(running.share).toBeCloseTo((90 / 260) * 100, 1);
  });
  it('reports a before/after view and ids the graph does not list', () => {
    const before = fixtureCoverage();
    before.states.delete('gather.cancelled');
    const after = fixtureCoverage();
    after.states.set('task.bogus', 3);
    const summary = summarizeCoverage(fixtureGraph, after, before);
    expect(summary.totals.before?.states.reached).toBe(7);
    expect(summary.totals.states.reached).toBe(8);
    expect(summary.unknown).toEqual(['task.bogus']);
  });
  it('is 0% with no visits and 100% for an empty graph', () => {
    expect(summarizeCoverage(fixtureGraph, emptyCoverage()).totals.transitions.percent).toBe(0);
    expect(
      summarizeCoverage({ machines: [], states: [], transitions: [] }, emptyCoverage()).totals.states.percent,
    ).toBe(100);
  });
});

describe('guard outcomes and transition pairs', () => {
  const [create, step, suspend] = fixtureGraph.transitions.map((t) => t.id);
  const pair = (first: string, second: string) => ({ id: `${first} => ${second}`, machine: 'task', first, second });
  const graph: ModelGraph = {
    ...fixtureGraph,
    guards: [
      {
        id: 'g taken',
        machine: 'task',
        kind: 'taken',
        guard: 'g',
        source: 'task.running',
        event: 'SUSPEND',
        target: 'task.suspended',
        index: 0,
      },
      {
        id: 'g false',
        machine: 'task',
        kind: 'false',
        guard: 'g',
        source: 'task.running',
        event: 'SUSPEND',
        target: 'task.suspended',
        index: 0,
      },
      {
        id: 'h false',
        machine: 'task',
        kind: 'false',
        guard: 'h',
        source: 'task.running',
        event: 'SUSPEND',
        target: 'task.suspended',
        index: 1,
      },
      { id: 'gather: check c: true', machine: 'gather', kind: 'check', guard: 'c', value: true },
    ],
    pairs: [pair(create!, step!), pair(step!, suspend!), pair(suspend!, step!)],
  };
  const coverage = () => ({
    ...fixtureCoverage(),
    guards: new Map([
      ['g taken', 5],
      ['gather: check c: true', 1],
    ]),
    pairs: new Map([[`${create} => ${step}`, 40]]),
  });
  const unreachable = (id: string) => (id === 'h false' ? 'h is the last guard and always holds' : undefined);
  const summary = summarizeCoverage(graph, coverage(), undefined, { unreachable });

  it('counts reached out of the reachable ones, the unreachable apart, per machine too', () => {
    expect(summary.totals.guards).toEqual({ reached: 2, total: 3, percent: 66.66, unreachable: 1 });
    expect(summary.totals.pairs).toEqual({ reached: 1, total: 3, percent: 33.33 });
    expect(summary.byMachine.gather!.guards).toEqual({ reached: 1, total: 1, percent: 100 });
    expect(summary.guards!.find((row) => row.id === 'h false')!.unreachable).toBe(
      'h is the last guard and always holds',
    );
    expect(summary.contradicted).toEqual([]);
    // without guards and pairs in the graph, the summary has none
    expect('guards' in summarizeCoverage(fixtureGraph, fixtureCoverage())).toBe(false);
  });

  it('a before view counts guards and pairs before the targeted scenarios', () => {
    const before = { ...fixtureCoverage(), guards: new Map(), pairs: new Map([[`${create} => ${step}`, 1]]) };
    const withBefore = summarizeCoverage(graph, coverage(), before, { unreachable });
    expect(withBefore.totals.before!.guards!.reached).toBe(0);
    expect(withBefore.totals.before!.pairs!.reached).toBe(1);
  });

  it('Markdown and HTML list every kind, what was never reached, and the unreachable ones with why', () => {
    const md = coverageMarkdown(summary);
    expect(md).toContain('| | states | transitions | guard outcomes | transition pairs |');
    expect(md).toContain('## Guard outcomes');
    expect(md).toContain(`**${step} => ${suspend}** (never reached)`);
    expect(md).toContain('h false (unreachable)');
    expect(md).toMatch(/## Unreachable, and why\n\n- h is the last guard and always holds\n {2}- `h false`/);
    const html = coverageHtml(summary, { graphSvg: '<svg></svg>' });
    expect(html).toMatch(/<ul id="never-guards" class="never"><li><code>g false<\/code><\/li><\/ul>/);
    expect(html).toContain(`<code>${escapeXml(`${step} => ${suspend}`)}</code>`);
    expect(html).toMatch(
      /<details id="unreachable">.*h is the last guard and always holds<ul><li><code>h false<\/code>/,
    );
    expect(html).not.toContain('id="contradicted"');
  });
});

describe('coverageDot', () => {
  const dot = coverageDot(summarizeCoverage(fixtureGraph, fixtureCoverage()));
  it('lists every state as a node, one cluster per machine', () => {
    for (const state of fixtureGraph.states) {
      const asNode = dot.includes(`"${state.id}" [`);
      const asCluster = new RegExp(`subgraph "cluster_\\d+_${state.id.replace(/\./g, '\\.')}"`).test(dot);
      expect(asNode || asCluster, state.id).toBe(true);
    }
    expect(dot).toMatch(/subgraph "cluster_0_task" \{/);
    expect(dot).toMatch(/subgraph "cluster_1_gather" \{/);
  });
  it('draws a compound state as a cluster around its children', () => {
    expect(dot).toMatch(/subgraph "cluster_0_task\.running" \{/);
    expect(dot).not.toContain('"task.running" [');
  });
  it('colours the unvisited states and transitions red, and only those', () => {
    const redNodes = dot
      .split('\n')
      .filter((line) => /^\s*"[^"]+" \[/.test(line) && line.includes(`color="${UNVISITED_COLOR}"`));
    expect(redNodes.map((line) => line.trim().split('"')[1])).toEqual(['task.running.cleanup']);
    const redEdges = dot
      .split('\n')
      .filter((line) => line.includes(' -> ') && line.includes(`color="${UNVISITED_COLOR}"`));
    expect(redEdges.length).toBe(3);
  });
  it('lists every transition as an edge', () => {
    expect(dot.split('\n').filter((line) => line.includes(' -> ')).length).toBe(fixtureGraph.transitions.length);
  });
});

describe('coverageMarkdown', () => {
  it('has a row per state and transition', () => {
    const md = coverageMarkdown(summarizeCoverage(fixtureGraph, fixtureCoverage()));
    const rows = md.split('\n').filter((line) => /^\| (task|gather) \| (\*\*)?(task|gather)\./.test(line));
    expect(rows.length).toBe(fixtureGraph.states.length + fixtureGraph.transitions.length);
    expect(md).toContain('**task.running.cleanup** (never reached)');
  });
});

describe('writeCoverageReport', () => {
  it('writes the five files and a timeline per saved failure', async () => {
    const out = mkdtempSync(join(tmpdir(), 'loopcheck-coverage-'));
    try {
      mkdirSync(join(out, 'failures'));
      writeFileSync(
        join(out, 'failures', 'differential-impl.json'),
        JSON.stringify({
          loopcheck: 1,
          kind: 'failure',
          property: 'differential',
          target: 'impl',
          profile: 'seed',
          seed: 1,
          path: '0',
          scenario: f.raisingScenario,
          expected: f.raisingModel,
          observed: f.raisingLoop,
        }),
      );
      writeFileSync(join(out, 'failures', 'broken-impl.json'), '{"kind":"nope"}');
      const report = await writeCoverageReport(fixtureGraph, fixtureCoverage(), out, {
        before: emptyCoverage(),
        notes: ['fixture'],
      });
      for (const name of ['coverage.dot', 'coverage.svg', 'coverage.md', 'coverage.json', 'index.html']) {
        expect(existsSync(join(out, name))).toBe(true);
      }
      const svg = readFileSync(join(out, 'coverage.svg'), 'utf8');
      expect(svg).toContain('<svg');
      expect(svg).toContain('task.running.cleanup'.slice(5)); // node label inside the cluster
      const json = JSON.parse(readFileSync(join(out, 'coverage.json'), 'utf8'));
      expect(json.totals.transitions.reached).toBe(6);
      const html = readFileSync(join(out, 'index.html'), 'utf8');
      expect(html).toContain('href="timelines/differential-impl.svg"');
      expect(html).toContain('<code>task.running.cleanup</code>');
      expect(html).toContain('broken-impl');
      expect(xmlProblems(readFileSync(join(out, 'timelines', 'differential-impl.svg'), 'utf8'))).toEqual([]);
      expect(report.failures.map((failure) => failure.name)).toEqual(['broken-impl', 'differential-impl']);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
