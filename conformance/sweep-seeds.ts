// Runs `conformance --profile own` over many seeds with the targets opened once; lists every own-profile failure.
// Usage: node --import tsx conformance/sweep-seeds.ts [--targets cpython,micropython] [--from 1] [--seeds 50] [--runs 100]
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_CASE_TIMEOUT_MS, loadTarget } from './targets/index.ts';
import { ownProfileFailures, runConformance } from './run-conformance.ts';
import type { Target } from '../properties/target.ts';

function integer(flag: string, raw: string, min: number): number {
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < min) {
    process.stderr.write(`sweep-seeds: ${flag} must be an integer ≥ ${min}, got ${JSON.stringify(raw)}\n`);
    process.exit(2);
  }
  return n;
}

// biome-ignore lint/suspicious/noImplicitAnyLet: parseArgs' typed values come from its options, assigned below
let values;
try {
  ({ values } = parseArgs({
    options: {
      targets: { type: 'string', default: 'cpython,micropython' },
      from: { type: 'string', default: '1' },
      seeds: { type: 'string', default: '50' },
      runs: { type: 'string', default: '100' },
    },
  }));
} catch (e) {
  process.stderr.write(`sweep-seeds: ${(e as Error).message.split('\n')[0]}\n`);
  process.exit(2);
}
const from = integer('--from', values.from, Number.MIN_SAFE_INTEGER);
const count = integer('--seeds', values.seeds, 1);
const runs = integer('--runs', values.runs, 1);

const targets: Target[] = [];
try {
  for (const name of values.targets
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== ''))
    targets.push(await loadTarget(name));
} catch (e) {
  for (const t of targets) await t.close?.();
  process.stderr.write(`sweep-seeds: ${(e as Error).message.split('\n')[0]}\n`);
  process.exit(2);
}
if (targets.length === 0) {
  process.stderr.write('sweep-seeds: --targets needs at least one target\n');
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'loopcheck-sweep-'));
const started = performance.now();
let failures = 0;
const ties = new Map<string, { ties: number; cases: number }>();
try {
  for (let seed = from; seed < from + count; seed++) {
    const report = await runConformance(targets, {
      runs,
      seed,
      modes: ['own'],
      timeoutMs: DEFAULT_CASE_TIMEOUT_MS,
      failuresDir: join(dir, String(seed)),
    });
    for (const cell of report.cells.filter((c) => c.property === 'outcome-differential')) {
      const t = ties.get(cell.target) ?? { ties: 0, cases: 0 };
      t.ties += cell.ties ?? 0;
      t.cases += cell.cases + (cell.ties ?? 0);
      ties.set(cell.target, t);
    }
    const failed = ownProfileFailures(report);
    failures += failed.length + report.issues.length;
    for (const c of failed)
      process.stdout.write(
        `seed ${seed}: ${c.property} fails on ${c.target}: ${c.message}\n  shrunk: ${JSON.stringify(c.scenario)}\n`,
      );
    for (const i of report.issues)
      process.stdout.write(
        `seed ${seed}: ${i.target} ${i.kind}: ${i.error}\n  scenario: ${JSON.stringify(i.scenario)}\n`,
      );
    process.stderr.write(`seed ${seed} done (${failed.length} failures)\n`);
  }
} finally {
  for (const t of targets) await t.close?.();
}
const seconds = ((performance.now() - started) / 1000).toFixed(0);
const tieText = [...ties].map(([t, v]) => `${t} ${v.ties}/${v.cases} uncompared`).join(', ');
process.stdout.write(
  `${count} seeds (${from}..${from + count - 1}) × ${runs} cases: ${failures} own-profile failures; outcome-differential ${tieText}; ${seconds} s\n`,
);
process.exitCode = failures === 0 ? 0 : 1;
