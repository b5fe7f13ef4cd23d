// The `effection` target: effection's all() (allSettled() with returnExceptions) as gather through the JavaScript harness.
import { action, all, allSettled, run, type Operation } from 'effection';
import type { Json } from '../../model/scenario-types.ts';
import type { Target, TargetResult } from '../../properties/target.ts';
import { CancelledError, runJsScenario, type ChildHandle, type Combine } from './js-program.ts';

/** A child as an effection operation: its end is the handle's; when effection halts it (discards it unsettled), it is cancelled. */
function childOperation(child: ChildHandle): Operation<Json> {
  return action<Json>((resolve, reject) => {
    let settled = false;
    child.promise.then(
      (value) => {
        settled = true;
        resolve(value);
      },
      (error: Error) => {
        settled = true;
        reject(error);
      },
    );
    return () => {
      if (!settled) child.cancel();
    };
  });
}

/** `all()` in an effection scope of its own; the awaiter's cancel halts that scope (a halted run is a CancelledError here). */
export const effectionGather: Combine = (children, { returnExceptions, signal }) => {
  const operations = children.map(childOperation);
  const task = run(function* (): Operation<Json[]> {
    if (!returnExceptions) return yield* all(operations);
    const settled = yield* allSettled(operations);
    return settled.map((r) => (r.ok ? r.value : (r.error as unknown as Json)));
  });
  // halt() is a lazy future: it runs once it is awaited
  signal.addEventListener(
    'abort',
    () =>
      void task.halt().then(
        () => {},
        () => {},
      ),
    { once: true },
  );
  return Promise.resolve(task).catch((error: unknown) => {
    throw signal.aborted ? new CancelledError() : error;
  });
};

export const target: Target = {
  name: 'effection',
  description: "effection 4 all() / allSettled() as gather (JavaScript harness); the awaiter's cancel halts it",
  profile: 'effection',
  async run(scenarios) {
    const results: TargetResult[] = [];
    for (const scenario of scenarios)
      results.push({ ok: true, outcome: await runJsScenario(scenario, effectionGather) });
    return results;
  },
};

export default target;
