// The coverage SVG is readable (issue 17): rendered by Graphviz for the model's graph, no label overlaps another
// label or a node box, and no edge runs through a label (text boxes estimated from the font size).
import { describe, expect, it } from 'vitest';
import { collectModelCoverage } from './collect.ts';
import { coverageDot } from './dot.ts';
import { renderDotToSvg } from './render-svg.ts';
import { summarizeCoverage } from './summary.ts';
import { labelBoxes, labelsCrossedByEdges, overlappingBoxes, type Box } from './label-boxes.ts';
import { emptyCoverage, type Coverage, type ModelGraph } from '../../model/index.ts';
import { fixtureCoverage, fixtureGraph } from '../fixtures/graph.ts';

const show = (pairs: [Box, Box][]): string[] =>
  pairs.map(([a, b]) => `${a.owner} "${a.text}" × ${b.owner} "${b.text}"`);

async function svgOf(graph: ModelGraph, coverage: Coverage, before?: Coverage): Promise<string> {
  return renderDotToSvg(coverageDot(summarizeCoverage(graph, coverage, before)));
}

function expectReadable(svg: string): void {
  const boxes = labelBoxes(svg);
  expect(boxes.filter((b) => b.kind === 'label').length).toBeGreaterThan(0);
  expect(show(overlappingBoxes(boxes))).toEqual([]);
  expect(labelsCrossedByEdges(svg).map(({ label, edge }) => `"${label.text}" by ${edge}`)).toEqual([]);
}

describe('label-boxes', () => {
  const text = (x: number, y: number, s: string) =>
    `<text text-anchor="middle" x="${x}" y="${y}" font-size="10.00">${s}</text>`;
  const svg = (parts: string[]) => `<svg><g id="graph0" class="graph">${parts.join('\n')}</g></svg>`;
  const edge = (id: number, labelX: number, path: string) =>
    `<g id="edge${id}" class="edge"><title>a${id}&#45;&gt;b${id}</title><path fill="none" d="${path}"/><g id="a_edge${id}-label">${text(labelX, 50, 'RUN')}${text(labelX, 62, '1405')}</g></g>`;
  const node = `<g id="node1" class="node"><title>n</title><polygon points="100,40 140,40 140,70 100,70 100,40"/>${text(120, 58, 'n')}</g>`;
  it('finds labels that overlap each other or a node box, and edges through labels', () => {
    const apart = svg([
      edge(1, 0, 'M-50,200C-40,200 -30,200 -20,200'),
      edge(2, 60, 'M-50,300C-40,300 -30,300 -20,300'),
      node,
    ]);
    expect(overlappingBoxes(labelBoxes(apart))).toEqual([]);
    expect(labelsCrossedByEdges(apart)).toEqual([]);
    const close = svg([
      edge(1, 0, 'M-50,200C-40,200 -30,200 -20,200'),
      edge(2, 12, 'M-50,300C-40,300 -30,300 -20,300'),
      node,
    ]);
    expect(show(overlappingBoxes(labelBoxes(close)))).toEqual(['edge a1->b1 "RUN 1405" × edge a2->b2 "RUN 1405"']);
    const onNode = svg([edge(1, 100, 'M-50,200C-40,200 -30,200 -20,200'), node]);
    expect(overlappingBoxes(labelBoxes(onNode)).map(([, b]) => b.kind)).toEqual(['node']);
    const through = svg([edge(1, 0, 'M-50,200C-40,200 -30,200 -20,200'), edge(2, 60, 'M-40,47C-10,47 10,47 40,47')]);
    expect(labelsCrossedByEdges(through).map(({ label, edge }) => `${label.owner} by ${edge}`)).toEqual([
      'edge a1->b1 by edge a2->b2',
    ]);
  });
});

describe('coverage SVG layout', () => {
  // cli/graph.test.ts checks the graph command's own report the same way
  it('the model graph with a seeded run’s coverage: readable, every state and transition drawn', async () => {
    // no bounded enumeration after the random and targeted scenarios (5,000 candidates, ~3 s, for one more hit):
    // cli/graph.test.ts checks the graph command's report, built with it, the same way
    const collected = collectModelCoverage({ runs: 20, seed: 7, enumerationBudget: 0 });
    const { graph } = collected;
    const svg = await svgOf(graph, collected.after, collected.before);
    expectReadable(svg);
    const ids = graph.states.map((s) => s.id);
    const compound = ids.filter((id) => ids.some((other) => other.startsWith(`${id}.`)));
    expect(svg.match(/class="node"/g)?.length).toBe(ids.length - compound.length);
    expect(svg.match(/class="edge"/g)?.length).toBe(graph.transitions.length);
    expect(svg.match(/class="cluster"/g)?.length).toBe(graph.machines.length + compound.length);
  });

  it('the model graph never visited (the longest labels), and the report fixture: readable', async () => {
    const collected = collectModelCoverage({ runs: 1, seed: 1, enumerationBudget: 0 });
    expectReadable(await svgOf(collected.graph, emptyCoverage()));
    const before = fixtureCoverage();
    before.states.delete('gather.cancelled');
    expectReadable(await svgOf(fixtureGraph, fixtureCoverage(), before));
  });
});
