// The bench harness at tiny sizes: every workload runs and gives numbers, goals are judged, the tables render.
// No timing assertions (speed goals belong to `npm run bench`).
import { describe, expect, it } from 'vitest';
import {
  cpythonGather,
  evaluateGoals,
  harnessRates,
  heapPerChild,
  jsLoopFigures,
  loopcheckGather,
  renderMarkdown,
  renderText,
  runBench,
  sampleScenarios,
  timeExplore,
  WORKLOADS,
  type BenchOptions,
  type LoopFigure,
  type RatioFigure,
} from './index.ts';

describe('bench workloads', () => {
  it('runs every JavaScript workload and measures time and memory per child', async () => {
    const figures = await jsLoopFigures([50], 1, 1);
    expect(figures.map((f) => f.workload).sort()).toEqual([
      'loopcheck',
      'loopcheck-yield',
      'promise-all-async',
      'promise-all-resolved',
    ]);
    for (const f of figures) {
      expect(f.n).toBe(50);
      expect(Number.isFinite(f.bestMs) && f.bestMs >= 0).toBe(true);
      expect(f.bytesPerTask === null || Number.isFinite(f.bytesPerTask)).toBe(true);
    }
  });

  it('checks the loop gather really returned every result', () => {
    expect(() => loopcheckGather(3, 1)).not.toThrow();
    let probed = 0;
    loopcheckGather(4, 0, () => probed++);
    expect(probed).toBe(1); // the probe runs once, in the last child
  });

  it('measures a positive heap per child while children are alive', async () => {
    const bytes = await heapPerChild(2_000, (probe) => loopcheckGather(2_000, 1, probe));
    expect(bytes).toBeGreaterThan(0);
  });

  it('runs the CPython script and parses its figures', async () => {
    const [figure] = await cpythonGather([20], 1);
    expect(figure?.n).toBe(20);
    expect(figure!.bestMs).toBeGreaterThan(0);
    expect(figure!.bytesPerTask).toBeGreaterThan(0);
  });
});

describe('bench harness', () => {
  it('samples the same scenarios every time (fixed seed), with at most 8 children per gather', () => {
    const a = sampleScenarios(20);
    expect(sampleScenarios(20)).toEqual(a);
    for (const s of a) expect(s.children.length).toBeLessThanOrEqual(8);
  });

  it('gives model, loop and differential rates', () => {
    const rates = harnessRates(sampleScenarios(5), 5);
    for (const key of ['model', 'loop', 'differential', 'differentialWithGeneration'] as const)
      expect(rates[key]).toBeGreaterThan(0);
  });

  it('times explore', () => {
    // N = 0 (8 scenarios): the harness's wiring; the N = 1 exploration is explore/explore.test.ts's
    const timing = timeExplore(0, 1);
    expect(timing.scenarios).toBeGreaterThan(0);
    expect(timing.ms).toBeGreaterThan(0);
  });
});

describe('bench goals and report', () => {
  const fig = (workload: LoopFigure['workload'], bestMs: number): LoopFigure => ({
    workload,
    n: 100_000,
    bestMs,
    bytesPerTask: null,
  });

  it('judges each goal met, not met, or not measured', () => {
    const goals = evaluateGoals({
      loop: [fig('loopcheck', 50), fig('cpython', 400), fig('promise-all-async', 60)],
      harness: { scenarios: 1, meanChildren: 1, model: 1, loop: 1, differential: 6_000, differentialWithGeneration: 1 },
      explore: [{ bound: 3, ms: 12_000, scenarios: 1, distinctTraces: 1 }],
    });
    expect(goals.map((g) => g.status)).toEqual([
      'not met',
      'not measured',
      'not measured',
      'not measured',
      'not measured',
      'not measured',
      'met',
      'not met',
    ]);
    const ratio = (n: number, median: number, loopUsPerChild: number): RatioFigure => ({
      n,
      rounds: 3,
      loopUsPerChild,
      promiseAllUsPerChild: 1,
      floorUsPerChild: 0.1,
      cpuRatio: { median, min: 0.5, max: 2 },
      wallRatio: { median, min: 0.5, max: 2 },
    });
    const judged = evaluateGoals({
      loop: [],
      harness: null,
      explore: [],
      ratios: [ratio(1_000, 1.2, 0.2), ratio(10_000, 1, 0.2), ratio(100_000, 0.9, 0.41)],
      lean: { n: 100_000, bytesPerTask: 250, coroutineBytes: 150 },
    });
    expect(judged.slice(1, 6).map((g) => g.status)).toEqual(['not met', 'met', 'met', 'not met', 'not met']);
    expect(judged[5]!.measured).toContain("the loop's own 100");
    const none = evaluateGoals({ loop: [], harness: null, explore: [] });
    expect(none.every((g) => g.status === 'not measured')).toBe(true);
  });

  it('renders a tiny run as text and Markdown with every workload, rate and goal', async () => {
    const report = await tinyBench({ harnessScenarios: 3, compiled: false });
    const text = renderText(report);
    const md = renderMarkdown(report);
    for (const w of WORKLOADS.filter((x) => x.id !== 'cpython' && x.id !== 'micropython')) {
      expect(text).toContain(w.label);
      expect(md).toContain(w.label);
    }
    expect(text).toContain(report.machine.cpu);
    expect(md).toContain('| goal | target | measured | status |');
    expect(md).toMatch(/differential: model \+ loop \+ compare \| [\d,]+ scenarios\/s/);
    expect(report.goals).toHaveLength(8);
    expect(report.ratios.map((r) => r.n)).toEqual([30]);
    expect(text).toContain('ratio cpu');
    expect(report.goals[0]!.status).toBe('not measured'); // no CPython, no 10^5
  });

  it('runs the JavaScript workloads on the tsc-compiled loop in fresh processes, with the same figures', async () => {
    const lines: string[] = [];
    const report = await tinyBench({ harnessScenarios: 0, compiled: true, log: (line) => lines.push(line) });
    expect(lines).toContain('loop: JavaScript workloads (tsc-compiled, in fresh processes)');
    expect(report.settings.join('\n')).toContain('compiled by tsc');
    const js = WORKLOADS.filter((x) => x.id !== 'cpython' && x.id !== 'micropython').map((w) => w.id);
    expect(report.loop.map((f) => f.workload).sort()).toEqual([...js].sort());
    for (const f of report.loop) expect(f.bestMs, f.workload).toBeGreaterThan(0);
    expect(report.ratios.map((r) => r.n)).toEqual([30]);
    expect(report.ratios[0]!.cpuRatio.median).toBeGreaterThan(0);
  }, 60_000);
});

/** runBench at N = 30, one of everything, nothing external. */
function tinyBench(options: Pick<BenchOptions, 'harnessScenarios' | 'compiled'> & Partial<BenchOptions>) {
  return runBench({
    sizes: [30],
    repeats: 1,
    ratioRounds: 1,
    memorySamples: 1,
    external: false,
    micropython: false,
    micropythonMaxN: 0,
    harnessMinMs: 2,
    exploreBounds: [],
    exploreRepeats: 1,
    log: () => {},
    ...options,
  });
}
