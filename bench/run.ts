// `npm run bench [-- --quick] [-- --skip-external]`: runs the benchmarks, prints the table, writes reports/out/bench.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { FULL, QUICK, runBench } from './suite.ts';
import { renderMarkdown, renderText } from './report.ts';
import { renderScaleText, runScaleBench, writeScaleReport } from './scale.ts';

const USAGE = `usage: npm run bench -- [--quick] [--skip-external] [--skip-micropython] [--out FILE]
  --quick             fewer repeats, shorter harness batches, MicroPython only up to 10^4
  --skip-external     no CPython or MicroPython (also LOOPCHECK_BENCH_SKIP_EXTERNAL=1)
  --skip-micropython  no MicroPython (its 10^5 gather alone takes about a minute)
  --out FILE          where the Markdown goes (default reports/out/bench.md)`;

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
let quick = false;
let external = !['1', 'true', 'yes'].includes((process.env.LOOPCHECK_BENCH_SKIP_EXTERNAL ?? '').toLowerCase());
let micropython = true;
let out = 'reports/out/bench.md';
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  if (a === '--quick') quick = true;
  else if (a === '--skip-external') external = false;
  else if (a === '--skip-micropython') micropython = false;
  else if (a === '--out') out = args[++i] ?? fail('--out needs a file name');
  else if (a === '--help' || a === '-h') {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  } else fail(`unknown argument ${JSON.stringify(a)} (see --help)`);
}

try {
  const report = await runBench({
    ...(quick ? QUICK : FULL),
    external,
    micropython,
    log: (line) => process.stderr.write(`bench: ${line}\n`),
  });
  if (quick) report.settings.unshift('--quick run: fewer repeats and shorter batches than a full run');
  process.stdout.write(`${renderText(report)}\n`);
  const path = resolve(out);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, renderMarkdown(report));
  process.stdout.write(`\nwritten: ${out}\n`);
  // Part two, bench/scale.ts: the checks, formatters and replay on big scenarios (issue 15 §1).
  const scale = renderScaleText(runScaleBench({ quick, log: (line) => process.stderr.write(`bench: ${line}\n`) }));
  process.stdout.write(`\n${scale}\n\nwritten: ${writeScaleReport(scale)}\n`);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
