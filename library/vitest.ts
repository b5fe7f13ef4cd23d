// `loopcheck/vitest`: a loopcheck property as a vitest test, in the spirit of @fast-check/vitest's `test.prop`.
import { relative } from 'node:path';
import { describe, test } from 'vitest';
import { describeFailure } from '../properties/checker.ts';
import { propertiesFor } from '../properties/rules/index.ts';
import type { PropertySpec } from '../properties/rules/property-types.ts';
import type { Runner } from '../properties/runners.ts';
import type { Target } from '../properties/target.ts';
import {
  asRunner,
  assertProperty,
  PropertyFailure,
  resolveProperty,
  type AssertPropertyOptions,
} from './assert-property.ts';

/** `assertProperty`'s options, plus the test's title and timeout. */
export interface LoopcheckTestOptions extends AssertPropertyOptions {
  /** The test's title (default `<property> holds on <target>`). */
  title?: string;
  /** The test's timeout in ms (default 60 000: a hundred runs on an async runtime take a while). */
  timeout?: number;
}

/**
 * Registers a vitest test that checks `property` (a name such as `'order-preservation'`, or a PropertySpec) on
 * `target` (a runner such as `gatherRunner(...)`, or a `Target`); it fails with the replay recipe — seed, path,
 * shrunk scenario, failure file — and is skipped when the property does not apply to the target's profile. When
 * some runs were of a scenario format the property does not read (its `formats`), a passing test carries an
 * annotation saying how many went unjudged (`describeFailure`'s line), and a failing one's recipe says it too.
 *
 * @public
 * @example
 * ```ts
 * import { gatherRunner } from 'loopcheck';
 * import { loopcheckTest } from 'loopcheck/vitest';
 * import { myGather } from './my-gather.ts';
 *
 * const mine = gatherRunner('my-gather', myGather());
 * loopcheckTest('order-preservation', mine);
 * loopcheckTest('sibling-cancellation', mine, { runs: 500 });
 * ```
 */
export function loopcheckTest(
  property: string | PropertySpec,
  target: Runner | Target,
  options: LoopcheckTestOptions = {},
): void {
  const spec = resolveProperty(property);
  const { title, timeout, ...check } = options;
  const name = title ?? `${spec.name} holds on ${target.name}`;
  test(name, { timeout: timeout ?? 60_000 }, async (context) => {
    let result: Awaited<ReturnType<typeof assertProperty>>;
    try {
      result = await assertProperty(spec, target, check);
    } catch (error) {
      if (!(error instanceof PropertyFailure)) throw error;
      throw new PropertyFailure(error.result, {
        file: relative(process.cwd(), context.task.file.filepath),
        title: name,
      });
    }
    if (result.status === 'skipped') context.skip(result.reason);
    // the runs the property did not judge (a format it does not declare in `formats`): said beside the pass
    if (result.unjudged !== undefined) await context.annotate(describeFailure(result));
  });
}

/** `loopcheckTest`'s options, and which properties (default: every property of the target's profile). */
export interface LoopcheckSuiteOptions extends Omit<LoopcheckTestOptions, 'title'> {
  properties?: ReadonlyArray<string | PropertySpec>;
}

/**
 * Registers a `describe` block with one `loopcheckTest` per property: every property of the target's profile
 * (the differential included: the target against the model, event for event), or the ones named.
 *
 * @public
 * @example
 * ```ts
 * import { gatherRunner } from 'loopcheck';
 * import { loopcheckSuite } from 'loopcheck/vitest';
 * import { myGather } from './my-gather.ts';
 *
 * loopcheckSuite(gatherRunner('my-gather', myGather()), { runs: 200 });
 * ```
 */
export function loopcheckSuite(target: Runner | Target, options: LoopcheckSuiteOptions = {}): void {
  const { properties, ...rest } = options;
  const list = properties ?? propertiesFor(asRunner(target).profile);
  describe(`loopcheck properties on ${target.name}`, () => {
    for (const property of list) loopcheckTest(property, target, rest);
  });
}
