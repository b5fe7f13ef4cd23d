// `npm run bench` (its second part) and `npm run bench:scale`: the checks, formatters and replay on big scenarios —
// every property on 10^4 tasks, a 64×64 nested gather replayed and printed, 200,000 zero sleeps, the size limit.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../model/scenario-types.ts';
import type { Outcome } from '../model/outcome.ts';
import { simulate } from '../model/index.ts';
import { runOnLoop } from '../properties/run-on-loop.ts';
import { propertiesFor } from '../properties/rules/index.ts';
import { judge } from '../properties/evaluate.ts';
import { MAX_EVENTS, MAX_TASKS, scenarioSize } from '../properties/lib/scenario-size.ts';
import { renderTable } from '../properties/format/table.ts';
import { nestedScenario, taskCount, zeroSleepsScenario } from './scale-scenarios.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The goals of issue 15 §1. */
export const SCALE_GOALS = { checkMs: 3_000, replayMs: 2_000, outputBytes: 200_000 };

export interface CheckFigure {
  scenario: string;
  profile: string;
  tasks: number;
  events: number;
  modelMs: number;
  loopMs: number;
  /** Every property of the profile on the loop's outcome (the model's for a runtime profile), in ms. */
  properties: Array<{ name: string; ms: number }>;
}

export interface ReplayFigure {
  scenario: string;
  /** `loopcheck replay FILE` as a process (both targets, twice each, every property, printing), wall ms. */
  wallMs: number;
  /** The same replay's CPU time (user + system) of the process, ms: on a loaded machine wall time is mostly waiting. */
  cpuMs: number;
  exit: number | null;
  bytes: number;
  fullBytes: number | null;
}

export interface ScaleReport {
  checks: CheckFigure[];
  replays: ReplayFigure[];
  /** The size limit refused a scenario above it with exit 2. */
  limit: { tasks: number; events: number; exit: number | null; message: string };
  goals: Array<{ goal: string; measured: string; met: boolean }>;
}

function timed<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const value = fn();
  return [value, performance.now() - start];
}

/** Every property of the scenario's profile judged on one outcome (determinism and differentials get their pair). */
function checkFigure(name: string, scenario: Scenario): CheckFigure {
  simulate(scenario); // warm-up of the model's code paths
  const [model, modelMs] = timed(() => simulate(scenario));
  let loop: Outcome = model;
  let loopMs = 0;
  if (scenario.profile === 'seed') [loop, loopMs] = timed(() => runOnLoop(scenario));
  const second = scenario.profile === 'seed' ? runOnLoop(scenario) : simulate(scenario);
  const properties = propertiesFor(scenario.profile).map((p) => {
    const [, ms] = timed(() => judge(p, scenario, loop, p.kind === 'determinism' ? second : model));
    return { name: p.name, ms };
  });
  return {
    scenario: name,
    profile: scenario.profile,
    tasks: taskCount(scenario),
    events: model.trace.length,
    modelMs,
    loopMs,
    properties,
  };
}

function cliReplay(
  file: string,
  full: boolean,
): { wallMs: number; cpuMs: number; exit: number | null; bytes: number; stderr: string } {
  const script = `const t=process.cpuUsage();process.on('exit',()=>{const u=process.cpuUsage(t);process.stderr.write('\\ncpu '+((u.user+u.system)/1000)+'\\n')});await import(${JSON.stringify(join(ROOT, 'bin', 'loopcheck.js'))});`;
  const start = performance.now();
  const r = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', script, 'loopcheck', 'replay', file, ...(full ? ['--full'] : [])],
    {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      env: { ...process.env, LOOPCHECK_PROGRESS: 'never' },
    },
  );
  const wallMs = performance.now() - start;
  const cpu = /cpu ([\d.]+)\s*$/.exec(r.stderr);
  return {
    wallMs,
    cpuMs: cpu === null ? NaN : Number(cpu[1]),
    exit: r.status,
    bytes: Buffer.byteLength(r.stdout ?? ''),
    stderr: r.stderr.replace(/\ncpu [\d.]+\s*$/, ''),
  };
}

export function runScaleBench(options: { quick: boolean; log: (line: string) => void }): ScaleReport {
  const { log } = options;
  const dir = mkdtempSync(join(tmpdir(), 'loopcheck-scale-'));
  try {
    const cases: Array<[string, Scenario]> = [
      ['64x64 nested', nestedScenario({ width: 64, depth: 1 })],
      ['64x64 raising, cancelled', nestedScenario({ width: 64, depth: 1, varied: true, cancelAt: 9 })],
      ['10^4 tasks (10x10x10x10)', nestedScenario({ width: 10, depth: 3, varied: true })],
      ['10^4 tasks, cancelled', nestedScenario({ width: 10, depth: 3, varied: true, cancelAt: 9 })],
      ['10^4 tasks, cpython', nestedScenario({ width: 10, depth: 3, varied: true, cancelAt: 9, profile: 'cpython' })],
      [
        '10^4 tasks, micropython',
        nestedScenario({ width: 10, depth: 3, varied: true, cancelAt: 9, profile: 'micropython' }),
      ],
      ['200,000 zero sleeps', zeroSleepsScenario(200_000)],
      ...(options.quick
        ? []
        : [
            ['2x10^4 tasks (28x28x28)', nestedScenario({ width: 28, depth: 2, varied: true, cancelAt: 9 })] as [
              string,
              Scenario,
            ],
          ]),
    ];
    const checks: CheckFigure[] = [];
    for (const [name, scenario] of cases) {
      log(`scale: every property on ${name}`);
      checks.push(checkFigure(name, scenario));
    }

    const replays: ReplayFigure[] = [];
    const files: Array<[string, Scenario]> = [
      ['64x64 nested', nestedScenario({ width: 64, depth: 1 })],
      ['64x64 raising, cancelled', nestedScenario({ width: 64, depth: 1, varied: true, cancelAt: 9 })],
      ['200,000 zero sleeps', zeroSleepsScenario(200_000)],
    ];
    for (const [name, scenario] of files) {
      const file = join(dir, `${name.replace(/\W+/g, '-')}.json`);
      writeFileSync(file, JSON.stringify(scenario));
      log(`scale: loopcheck replay ${name}`);
      const r = cliReplay(file, false);
      const full = options.quick ? null : cliReplay(file, true).bytes;
      replays.push({ scenario: name, wallMs: r.wallMs, cpuMs: r.cpuMs, exit: r.exit, bytes: r.bytes, fullBytes: full });
    }

    // Above the limit: 64 gathers of 64 gathers of 7 leaves (32,833 tasks) is refused before anything runs.
    const big = nestedScenario({ width: 64, depth: 2 });
    big.children.forEach((g) => {
      if ('gather' in g)
        g.gather.children.forEach((c) => {
          if ('gather' in c) c.gather.children.length = 7;
        });
    });
    const bigFile = join(dir, 'too-large.json');
    writeFileSync(bigFile, JSON.stringify(big));
    const refused = cliReplay(bigFile, false);
    const size = scenarioSize(big);
    const limit = { tasks: size.tasks, events: size.events, exit: refused.exit, message: refused.stderr.trim() };

    const slowest = (figures: CheckFigure[]): { name: string; ms: number; scenario: string } =>
      figures
        .flatMap((f) => f.properties.map((p) => ({ ...p, scenario: f.scenario })))
        .reduce((a, b) => (b.ms > a.ms ? b : a));
    const tenK = checks.filter((c) => c.tasks >= 10_000);
    const worst = slowest(tenK);
    const replay64 = replays.filter((r) => r.scenario.startsWith('64x64'));
    const goals = [
      {
        goal: `every property on 10^4+ tasks < ${SCALE_GOALS.checkMs} ms`,
        measured: `slowest ${worst.name} ${Math.round(worst.ms)} ms (${worst.scenario})`,
        met: worst.ms < SCALE_GOALS.checkMs,
      },
      {
        goal: `64x64 replay on model and loop < ${SCALE_GOALS.replayMs} ms (process CPU time)`,
        measured: replay64.map((r) => `${Math.round(r.cpuMs)} ms CPU, ${Math.round(r.wallMs)} ms wall`).join('; '),
        met: replay64.every((r) => r.cpuMs < SCALE_GOALS.replayMs && r.exit !== 3),
      },
      {
        goal: `64x64 replay prints <= ${SCALE_GOALS.outputBytes / 1000} KB`,
        measured: replay64
          .map(
            (r) =>
              `${(r.bytes / 1000).toFixed(1)} KB${r.fullBytes === null ? '' : ` (--full ${(r.fullBytes / 1e6).toFixed(2)} MB)`}`,
          )
          .join('; '),
        met: replay64.every((r) => r.bytes <= SCALE_GOALS.outputBytes),
      },
      {
        goal: '200,000 zero sleeps replay (exit 0)',
        measured: replays
          .filter((r) => r.scenario.startsWith('200,000'))
          .map((r) => `exit ${r.exit}, ${Math.round(r.cpuMs)} ms CPU`)
          .join(''),
        met: replays.every((r) => !r.scenario.startsWith('200,000') || r.exit === 0),
      },
      {
        goal: `above ${MAX_TASKS} tasks or ${MAX_EVENTS} events: exit 2`,
        measured: `${size.tasks} tasks: exit ${refused.exit}`,
        met: refused.exit === 2,
      },
    ];
    return { checks, replays, limit, goals };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function renderScaleText(report: ScaleReport): string {
  const checkRows = report.checks.map((c) => {
    const worst = c.properties.reduce((a, b) => (b.ms > a.ms ? b : a));
    const total = c.properties.reduce((a, b) => a + b.ms, 0);
    return [
      c.scenario,
      String(c.tasks),
      String(c.events),
      c.modelMs.toFixed(0),
      c.profile === 'seed' ? c.loopMs.toFixed(0) : '-',
      total.toFixed(0),
      `${worst.name} ${worst.ms.toFixed(0)}`,
      ((total * 1000) / c.events).toFixed(2),
    ];
  });
  const replayRows = report.replays.map((r) => [
    r.scenario,
    String(r.exit),
    r.cpuMs.toFixed(0),
    r.wallMs.toFixed(0),
    (r.bytes / 1000).toFixed(1),
    r.fullBytes === null ? '-' : (r.fullBytes / 1000).toFixed(0),
  ]);
  return [
    'scale: every property on one outcome (ms)',
    renderTable(
      ['scenario', 'tasks', 'events', 'model', 'loop', 'all checks', 'slowest check', 'µs/event'],
      checkRows,
      ['left', 'right', 'right', 'right', 'right', 'right', 'left', 'right'],
    ),
    '',
    'scale: loopcheck replay FILE (a process: both targets twice, every property, the printed report)',
    renderTable(['scenario', 'exit', 'CPU ms', 'wall ms', 'KB', '--full KB'], replayRows, [
      'left',
      'right',
      'right',
      'right',
      'right',
      'right',
    ]),
    '',
    `size limit: ${report.limit.tasks} tasks (~${report.limit.events} events) -> exit ${report.limit.exit}: ${report.limit.message}`,
    '',
    'scale goals:',
    ...report.goals.map((g) => `  ${g.met ? 'met    ' : 'NOT MET'}  ${g.goal}: ${g.measured}`),
  ].join('\n');
}

/** Writes the scale figures as Markdown (default reports/out/bench-scale.md); returns the path written. */
export function writeScaleReport(text: string, out = 'reports/out/bench-scale.md'): string {
  const path = resolve(out);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(
    path,
    `# loopcheck scale benchmark\n\nmeasured ${new Date().toISOString()}\n\n\`\`\`\n${text}\n\`\`\`\n`,
  );
  return out;
}

// Run on its own: `npm run bench:scale [-- --quick]`.
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const unknown = args.find((a) => a !== '--quick');
  if (unknown !== undefined) {
    process.stderr.write(
      `bench:scale: unknown argument ${JSON.stringify(unknown)} (usage: npm run bench:scale [-- --quick])\n`,
    );
    process.exit(2);
  }
  const report = runScaleBench({
    quick: args.includes('--quick'),
    log: (line) => process.stderr.write(`bench: ${line}\n`),
  });
  const text = renderScaleText(report);
  process.stdout.write(`${text}\n\nwritten: ${writeScaleReport(text)}\n`);
}
