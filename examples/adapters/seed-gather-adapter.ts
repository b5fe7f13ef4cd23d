// The docs' example adapter: a seed-conforming gather written through the JavaScript harness (docs/conformance.md).
import type { Target } from '../../properties/target.ts';
import { CancelledError, runJsScenario, type Combine } from '../../conformance/targets/js-program.ts';

const gather: Combine = (children, { returnExceptions, signal }) => new Promise((resolve, reject) => {
  const values: unknown[] = [];
  let left = children.length, decided = false;
  const fail = (error: unknown) => { decided = true; reject(error); for (const c of children) c.cancel(); }; // G3, G6, G7
  if (left === 0) resolve([]);
  signal.addEventListener('abort', () => decided || fail(new CancelledError()));
  for (const [i, c] of children.entries()) void c.promise.then((v) => { values[i] = v; }, (e) => { if (returnExceptions) values[i] = e; else if (!decided) fail(e); })
    .then(() => { if (--left === 0 && !decided) { decided = true; resolve(values as never); } });
});

export const target: Target = {
  name: 'seed-gather', description: 'a seed gather through the JavaScript harness', profile: 'seed',
  run: async (scenarios) => { const out = []; for (const s of scenarios) out.push({ ok: true as const, outcome: await runJsScenario(s, gather) }); return out; },
};
export default target;
