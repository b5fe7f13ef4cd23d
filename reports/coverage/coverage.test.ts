// Tests of the coverage report: percentages, the DOT (every state, unvisited in red), the five files.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, existsSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { coverageDot, summarizeCoverage, UNVISITED_COLOR, writeCoverageReport, coverageMarkdown } from './index.ts';
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
    expect(summarizeCoverage({ machines: [], states: [], transitions: [] }, emptyCoverage()).totals.states.percent).toBe(100);
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
    const redNodes = dot.split('\n').filter((line) => /^\s*"[^"]+" \[/.test(line) && line.includes(`color="${UNVISITED_COLOR}"`));
    expect(redNodes.map((line) => line.trim().split('"')[1])).toEqual(['task.running.cleanup']);
    const redEdges = dot.split('\n').filter((line) => line.includes(' -> ') && line.includes(`color="${UNVISITED_COLOR}"`));
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
        JSON.stringify({ loopcheck: 1, kind: 'failure', property: 'differential', target: 'impl', profile: 'seed', seed: 1, path: '0', scenario: f.raisingScenario, expected: f.raisingModel, observed: f.raisingLoop }),
      );
      writeFileSync(join(out, 'failures', 'broken-impl.json'), '{"kind":"nope"}');
      const report = await writeCoverageReport(fixtureGraph, fixtureCoverage(), out, { before: emptyCoverage(), notes: ['fixture'] });
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
