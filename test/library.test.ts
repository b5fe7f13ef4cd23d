// The library's public surface: index.ts lists it once (each export tagged, functions with an example); loopcheckTest runs a user's gather.
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as api from '../index.ts';
import {
  assertProperty,
  gatherRunner,
  implRunner,
  PropertyFailure,
  type CheckResult,
  type OutcomeProperty,
} from '../index.ts';
import { loopcheckSuite, loopcheckTest } from '../library/vitest.ts';
import { loopTarget } from '../properties/run-on-loop.ts';
import { TEST_SEED } from '../properties/config.ts';
import { myGather } from '../examples/library/my-gather.ts';

const INDEX = readFileSync(new URL('../index.ts', import.meta.url), 'utf8');

/** Each export statement of index.ts with the JSDoc block just above it. */
function exportBlocks(source: string): Array<{ doc: string; names: string[] }> {
  const blocks: Array<{ doc: string; names: string[] }> = [];
  const pattern = /(\/\*\*(?:(?!\*\/)[\s\S])*\*\/)?\s*export (?:type )?(?:\{([^}]*)\}|\* from '([^']+)')/g;
  for (const m of source.matchAll(pattern)) {
    const names =
      m[2] === undefined
        ? [`* from ${m[3]}`]
        : m[2]
            .split(',')
            .map((n) => n.trim().replace(/^type /, ''))
            .filter((n) => n !== '');
    blocks.push({ doc: m[1] ?? '', names });
  }
  return blocks;
}

describe('the public surface (index.ts)', () => {
  it('offers the loop, the model, the arbitraries, the registry, the checker, the runners', () => {
    for (const name of [
      'run',
      'gather',
      'gatherAll',
      'createTask',
      'sleepMs',
      'VirtualClock',
      'CancelledError',
      'simulate',
      'parseScenario',
      'scenarioArb',
      'PROPERTIES',
      'findProperty',
      'checkProperty',
      'describeFailure',
      'modelRunner',
      'implRunner',
      'runnerFromTarget',
      'gatherRunner',
      'assertProperty',
      'runOnLoop',
    ]) {
      expect(api, name).toHaveProperty(name);
    }
  });

  it('tags every export @public, and gives every exported function an @example', () => {
    const blocks = exportBlocks(INDEX);
    expect(blocks.length).toBeGreaterThan(10);
    for (const block of blocks) expect(block.doc, block.names.join(', ')).toMatch(/@public/);
    // Functions are the runtime exports named in lower camel case (classes and constants are not).
    const functions = Object.entries(api)
      .filter(([name, value]) => typeof value === 'function' && /^[a-z]/.test(name))
      .map(([name]) => name);
    const documented = new Set(blocks.filter((b) => b.doc.includes('@example')).flatMap((b) => b.names));
    const starExports = blocks.filter((b) => b.names[0]!.startsWith('* from') && b.doc.includes('@example'));
    for (const name of functions) {
      const listed = blocks.some((b) => b.names.includes(name));
      expect(listed ? documented.has(name) : starExports.length > 0, `${name} has an @example`).toBe(true);
    }
  });

  it("tags loopcheck/vitest's functions too", () => {
    const source = readFileSync(new URL('../library/vitest.ts', import.meta.url), 'utf8');
    for (const fn of ['loopcheckTest', 'loopcheckSuite']) {
      expect(source).toMatch(new RegExp(`@public\\s*\\n\\s*\\* @example[\\s\\S]*?\\*/\\nexport function ${fn}\\(`));
    }
  });
});

describe("the README's library example", () => {
  it('is examples/library/ as a user writes it (imports from the package)', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const file of ['my-gather.ts', 'my-gather.test.ts']) {
      const asUser = readFileSync(new URL(`../examples/library/${file}`, import.meta.url), 'utf8')
        .replaceAll("'../../index.ts'", "'loopcheck'")
        .replaceAll("'../../library/vitest.ts'", "'loopcheck/vitest'");
      expect(readme, file).toContain(`\`\`\`ts\n${asUser}\`\`\``);
    }
  });
});

describe("a user's gather, checked with loopcheck/vitest", () => {
  const failuresDir = mkdtempSync(join(tmpdir(), 'loopcheck-library-'));
  afterAll(() => rmSync(failuresDir, { recursive: true, force: true }));

  // The README's example gather, correct: every seed property holds, the differential (event for event) included.
  loopcheckSuite(gatherRunner('my-gather', myGather()), { runs: 40, seed: TEST_SEED, failuresDir: null });
  // A Target (batch, asynchronous) is accepted as well as a runner.
  loopcheckTest('nothing-lost', loopTarget, {
    runs: 20,
    seed: TEST_SEED,
    failuresDir: null,
    title: 'a Target is checked like a runner',
  });

  it("fails the planted bug with a replay recipe, and the recipe's seed and path reproduce it alone", async () => {
    const forgetful = gatherRunner('forgetful-gather', myGather({ forgetSiblings: true }));
    const failure = await assertProperty('sibling-cancellation', forgetful, {
      runs: 200,
      seed: TEST_SEED,
      failuresDir,
    }).then(
      () => {
        throw new Error('the forgetful gather passed sibling-cancellation');
      },
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(PropertyFailure);
    const { result, message } = failure as PropertyFailure;
    const record = result.failure!;
    expect(message).toContain('sibling-cancellation failed on forgetful-gather');
    expect(message).toContain(`LOOPCHECK_SEED=${TEST_SEED}`);
    expect(message).toContain(`{ seed: ${TEST_SEED}, path: ${JSON.stringify(record.path)} }`);
    expect(message).toContain(`npx loopcheck replay ${result.failureFile} --target model`);
    expect(existsSync(result.failureFile!)).toBe(true);
    // Step 2 of the recipe: seed and path run the shrunk counterexample alone, and it fails again.
    const again = await assertProperty('sibling-cancellation', forgetful, {
      seed: record.seed,
      path: record.path,
      failuresDir: null,
    }).then(
      (r: CheckResult) => r,
      (error: unknown) => (error as PropertyFailure).result,
    );
    expect(again.status).toBe('failed');
    expect(again.failure!.scenario).toEqual(record.scenario);
  });

  it("takes a property of the user's own (a PropertySpec) as well as a name", async () => {
    const awaiterNeverRaises: OutcomeProperty = {
      kind: 'outcome',
      name: 'awaiter-never-raises',
      description: 'a deliberately false property',
      profiles: ['seed'],
      check: (_scenario, outcome) =>
        outcome.awaiter.status === 'raised' ? `the awaiter raised ${outcome.awaiter.error}` : null,
    };
    const failure = await assertProperty(awaiterNeverRaises, implRunner, {
      runs: 100,
      seed: TEST_SEED,
      failuresDir: null,
    }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PropertyFailure);
    expect((failure as PropertyFailure).message).toMatch(
      /^awaiter-never-raises failed on impl: the awaiter raised \w+/,
    );
  });

  it("skips a property outside the target's profile, and names the known properties for an unknown one", async () => {
    const skipped = await assertProperty('siblings-keep-running', implRunner, { runs: 5, failuresDir: null });
    expect(skipped.status).toBe('skipped');
    await expect(assertProperty('no-such-property', implRunner)).rejects.toThrow(
      /unknown property "no-such-property" \(known: order-preservation, /,
    );
  });
});
