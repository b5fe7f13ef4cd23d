// `npm run smoke:pack`: packs loopcheck, installs the tarball into an empty project and uses it there as a user would.
// Not part of `npm test`: it installs the dependencies from the npm registry (network). `--keep` keeps the project.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const keep = process.argv.includes('--keep');
const work = mkdtempSync(join(tmpdir(), 'loopcheck-smoke-'));
const project = join(work, 'consumer');
let failed = 0;

function step(title: string, command: string, args: string[], cwd: string, expectStatus = 0): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  const ok = result.status === expectStatus;
  process.stdout.write(`${ok ? 'ok  ' : 'FAIL'} ${title} (exit ${result.status ?? result.error?.message})\n`);
  if (!ok) {
    failed++;
    process.stdout.write(
      `${output
        .split('\n')
        .map((line) => `     | ${line}`)
        .join('\n')}\n`,
    );
  }
  return output;
}

function expectThat(title: string, holds: boolean): void {
  process.stdout.write(`${holds ? 'ok  ' : 'FAIL'} ${title}\n`);
  if (!holds) failed++;
}

/** The example files, importing from the package instead of from this checkout. */
function copyExample(file: string): void {
  const source = readFileSync(join(ROOT, 'examples', 'library', file), 'utf8')
    .replaceAll("'../../index.ts'", "'loopcheck'")
    .replaceAll("'../../library/vitest.ts'", "'loopcheck/vitest'");
  writeFileSync(join(project, file), source);
}

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
const dev = (name: string): string => `${name}@${pkg.devDependencies[name]}`;

process.stdout.write(`smoke test of the packed package in ${work}\n`);
step('npm pack (runs the build)', 'npm', ['pack', '--pack-destination', work], ROOT);
const tarball = readdirSync(work).find((file) => file.endsWith('.tgz'));
if (tarball === undefined) {
  process.stdout.write('FAIL no tarball\n');
  process.exit(1);
}
spawnSync('mkdir', [project]);
writeFileSync(
  join(project, 'package.json'),
  `${JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2)}\n`,
);
step(
  'npm install the tarball, typescript, vitest, @types/node (from the registry)',
  'npm',
  ['install', '--no-audit', '--no-fund', join(work, tarball), dev('typescript'), dev('vitest'), dev('@types/node')],
  project,
);

// A TypeScript file type-checked with tsc against the shipped .d.ts.
copyExample('my-gather.ts');
copyExample('my-gather.test.ts');
writeFileSync(
  join(project, 'typed.ts'),
  `// Uses the public API with its types.
import {
  checkProperty, describeFailure, findProperty, gather, implRunner, parseScenario, run, scenarioArb, simulate, sleepMs,
  VirtualClock, type CheckResult, type Coro, type Outcome, type Scenario, type Target,
} from 'loopcheck';
import { loopcheckTest } from 'loopcheck/vitest';

function* child(ms: number): Coro<number> {
  yield* sleepMs(ms);
  return ms;
}
const values: number[] = await run(function* () { return yield* gather(child(3), child(1)); }, { clock: new VirtualClock() });
const scenario: Scenario = parseScenario({ loopcheck: 1, children: [{ name: 'a', sleeps: [1], end: { return: 1 } }] });
const outcome: Outcome = simulate(scenario);
const result: CheckResult = await checkProperty(findProperty('order-preservation')!, implRunner, { runs: 5, arbitrary: scenarioArb() });
const target: Target = { name: 't', description: '', profile: 'seed', run: async (s) => s.map(() => ({ ok: true, outcome })) };
export { values, result, target, loopcheckTest, describeFailure };
`,
);
writeFileSync(
  join(project, 'tsconfig.json'),
  `${JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noEmit: true,
        allowImportingTsExtensions: true,
        types: ['node'],
      },
      include: ['*.ts'],
    },
    null,
    2,
  )}\n`,
);
step(
  'tsc --noEmit: typed.ts, my-gather.ts and my-gather.test.ts against the shipped types',
  'npx',
  ['tsc', '-p', '.'],
  project,
);
// The shipped .d.ts import each other with `.ts` extensions: a project without allowImportingTsExtensions must
// still read them, under both module resolutions a user may have.
for (const [module, moduleResolution] of [
  ['NodeNext', 'NodeNext'],
  ['ESNext', 'Bundler'],
] as const) {
  const config = `tsconfig.${moduleResolution.toLowerCase()}.json`;
  writeFileSync(
    join(project, config),
    `${JSON.stringify(
      {
        compilerOptions: { target: 'ES2022', module, moduleResolution, strict: true, noEmit: true, types: ['node'] },
        files: ['typed.ts'],
      },
      null,
      2,
    )}\n`,
  );
  step(
    `tsc --noEmit typed.ts with moduleResolution ${moduleResolution}, no allowImportingTsExtensions`,
    'npx',
    ['tsc', '-p', config],
    project,
  );
}

// A plain .mjs file.
writeFileSync(
  join(project, 'plain.mjs'),
  `import { simulate, parseScenario, checkProperty, findProperty, implRunner } from 'loopcheck';
const outcome = simulate(parseScenario({ loopcheck: 1, children: [{ name: 'a', sleeps: [100], end: { return: 'a' } }, { name: 'b', sleeps: [200], end: { return: 'b' } }] }));
const result = await checkProperty(findProperty('max-not-sum'), implRunner, { runs: 20, seed: 1, failuresDir: null });
console.log(JSON.stringify({ awaiter: outcome.awaiter, check: result.status }));
`,
);
const plain = step('node plain.mjs', 'node', ['plain.mjs'], project);
expectThat(
  'plain.mjs: the model returns [a, b] at 200 and the check passes',
  plain.includes('{"awaiter":{"status":"returned","value":["a","b"],"at":200},"check":"passed"}'),
);

// The README's vitest example: the correct gather passes every property, the planted bug fails with a recipe.
const vitest = step(
  'npx vitest run my-gather.test.ts (one planted failure expected)',
  'npx',
  ['vitest', 'run', 'my-gather.test.ts'],
  project,
  1,
);
expectThat(
  'vitest: the planted bug is the only failure',
  /Tests\s+1 failed \| \d+ passed/.test(vitest.replace(/\x1b\[[0-9;]*m/g, '')),
);
expectThat(
  'vitest: the failure prints the replay recipe',
  vitest.includes('Reproduce:') && vitest.includes('npx vitest run my-gather.test.ts -t'),
);

// The command, and where it writes.
step('npx loopcheck check --runs 5', 'npx', ['loopcheck', 'check', '--runs', '5'], project);
step(
  'npx loopcheck check --runs 20 --target mutant:sequential (fails: writes a failure)',
  'npx',
  ['loopcheck', 'check', '--runs', '20', '--seed', '1', '--target', 'mutant:sequential', '--property', 'max-not-sum'],
  project,
  1,
);
step('npx loopcheck graph --runs 5', 'npx', ['loopcheck', 'graph', '--runs', '5'], project);
step(
  'npx loopcheck conformance --targets cpython,micropython,promise-all --runs 5',
  'npx',
  ['loopcheck', 'conformance', '--targets', 'cpython,micropython,promise-all', '--runs', '5', '--seed', '1'],
  project,
);
step(
  'npx loopcheck replay … --emit-test regression.test.ts (the recorded failure still fails: exit 1, the test written)',
  'npx',
  [
    'loopcheck',
    'replay',
    'reports/out/failures/max-not-sum-mutant_sequential.json',
    '--emit-test',
    'regression.test.ts',
  ],
  project,
  1,
);
const emitted = step(
  'npx vitest run regression.test.ts (fails: it re-judges max-not-sum on mutant:sequential, which still breaks it)',
  'npx',
  ['vitest', 'run', 'regression.test.ts'],
  project,
  1,
);
expectThat(
  'the emitted test imports loopcheck by name, loads, and fails on the recorded violation',
  readFileSync(join(project, 'regression.test.ts'), 'utf8').includes("from 'loopcheck'") &&
    emitted.includes('expected @0'),
);
for (const file of [
  'reports/out/failures/max-not-sum-mutant_sequential.json',
  'reports/out/failures/max-not-sum-mutant_sequential.svg',
  'reports/out/coverage.json',
  'reports/out/conformance.md',
]) {
  expectThat(`written under the project: ${file}`, existsSync(join(project, file)));
}
expectThat(
  'nothing written inside node_modules/loopcheck',
  !existsSync(join(project, 'node_modules', 'loopcheck', 'reports')),
);

process.stdout.write(
  failed === 0 ? 'smoke test passed\n' : `smoke test: ${failed} problem(s); the project is kept in ${project}\n`,
);
if (failed === 0 && !keep) rmSync(work, { recursive: true, force: true });
process.exit(failed === 0 ? 0 : 1);
