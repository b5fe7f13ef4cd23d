// `loopcheck graph` end to end (in the warm CLI thread, test/run-cli.ts): the coverage gate over states and
// transitions (and --kinds), the report files, and bad input (exit 2, one line).
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../test/run-cli.ts';
import { gateFailures } from './commands/graph.ts';
import { summarizeCoverage } from '../reports/coverage/index.ts';
import { fixtureCoverage, fixtureGraph } from '../reports/fixtures/graph.ts';
import type { ModelGraph } from '../model/coverage-types.ts';
import { labelBoxes, labelsCrossedByEdges, overlappingBoxes } from '../reports/coverage/label-boxes.ts';

const dir = mkdtempSync(join(tmpdir(), 'loopcheck-graph-'));

/** `loopcheck ARGS` in the warm CLI thread (test/run-cli.ts), as spawned from the project root. */
function loopcheck(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = runCli(args, { LOOPCHECK_RUNS: '', LOOPCHECK_SEED: '' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('gateFailures', () => {
  const summary = summarizeCoverage(fixtureGraph, fixtureCoverage()); // states 8/9, transitions 6/9
  it('gates states and transitions: each below P fails on its own', () => {
    expect(gateFailures(summary, 80, ['states', 'transitions'])).toEqual([
      'transitions coverage 66.66% is below --min-coverage 80%',
    ]);
    expect(gateFailures(summary, 90, ['states', 'transitions'])).toEqual([
      'states coverage 88.88% is below --min-coverage 90%',
      'transitions coverage 66.66% is below --min-coverage 90%',
    ]);
    expect(gateFailures(summary, 60, ['states', 'transitions'])).toEqual([]);
  });
  it('a kind the graph does not list cannot pass', () => {
    expect(gateFailures(summary, 0, ['pairs'])).toEqual(['transition pairs coverage is not measured']);
  });
  it('guards and pairs count the reachable ones; a reached "unreachable" one fails the gate', () => {
    const first = fixtureGraph.transitions[0]!.id;
    const second = fixtureGraph.transitions[1]!.id;
    const graph: ModelGraph = {
      ...fixtureGraph,
      pairs: [
        { id: `${first} => ${second}`, machine: 'task', first, second },
        { id: `${second} => ${first}`, machine: 'task', first: second, second: first },
      ],
    };
    const coverage = { ...fixtureCoverage(), pairs: new Map([[`${first} => ${second}`, 3]]) };
    const unreachable = (id: string) => (id === `${second} => ${first}` ? 'cannot happen' : undefined);
    const ok = summarizeCoverage(graph, coverage, undefined, { unreachable });
    expect(ok.totals.pairs).toEqual({ reached: 1, total: 1, percent: 100, unreachable: 1 });
    expect(gateFailures(ok, 100, ['pairs'])).toEqual([]);
    const wrong = summarizeCoverage(graph, coverage, undefined, {
      unreachable: (id) => (id === `${first} => ${second}` ? 'cannot happen' : undefined),
    });
    expect(wrong.contradicted).toEqual([`${first} => ${second}`]);
    expect(gateFailures(wrong, 0, ['pairs'])).toEqual([
      `1 id(s) listed as unreachable were reached: ${first} => ${second}`,
    ]);
    expect(gateFailures(wrong, 0, ['states'])).toEqual([]);
  });
});

describe('loopcheck graph', () => {
  it('--min-coverage 100 over all four kinds passes on the model and writes every kind into the report', () => {
    const out = join(dir, 'all');
    const r = loopcheck(
      'graph',
      '--min-coverage',
      '100',
      '--kinds',
      'states,transitions,guards,pairs',
      '--out',
      out,
      '--failures-dir',
      join(dir, 'none'),
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /with targeted: +states (\d+)\/\1 \(100%\), transitions (\d+)\/\2 \(100%\), guard outcomes (\d+)\/\3 \(100%; \+\d+ unreachable\), transition pairs (\d+)\/\4 \(100%; \+\d+ unreachable\)/,
    );
    const json = JSON.parse(readFileSync(join(out, 'coverage.json'), 'utf8'));
    expect(json.totals.pairs.percent).toBe(100);
    expect(json.pairs.filter((row: { unreachable?: string }) => row.unreachable !== undefined).length).toBe(
      json.totals.pairs.unreachable,
    );
    const md = readFileSync(join(out, 'coverage.md'), 'utf8');
    expect(md).toContain('## Transition pairs');
    expect(md).toContain('## Unreachable, and why');
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('id="unreachable"');
    // issue 17: the report's own graph is readable (reports/coverage/svg-layout.test.ts)
    const svg = readFileSync(join(out, 'coverage.svg'), 'utf8');
    expect(overlappingBoxes(labelBoxes(svg))).toEqual([]);
    expect(labelsCrossedByEdges(svg)).toEqual([]);
  });

  it('bad --kinds or --min-coverage: one line on stderr, exit 2', () => {
    for (const args of [
      ['--kinds', 'states,edges'],
      ['--min-coverage', '101'],
    ]) {
      const r = loopcheck('graph', ...args, '--out', join(dir, 'bad'));
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });
});
