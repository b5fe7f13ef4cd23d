// The built-in runtimes' documented differences from seed (docs/conformance.md, "Every difference found"): expected, not regressions.

/**
 * The format 2 seed properties CPython (and uvloop, the same asyncio) fails: timeout-bound (TO1c) and timeout-vs-cancel
 * (G6: the cancelled awaiter waits for its children) on outcomes; shield-isolation and shutdown-nothing-lost read
 * where cancel-requested events sit in the trace, which a runtime reports elsewhere (rules.md §7, trace level).
 */
const FORMAT2_CPYTHON_SEED_FAILS = ['timeout-bound', 'timeout-vs-cancel', 'shield-isolation', 'shutdown-nothing-lost'];

/**
 * The format 2 seed properties MicroPython fails (rules.md §7, format 2 under micropython): self-cancel and
 * max-not-sum (T4f-m: a self-cancel raises RuntimeError at once), cancel-through-chain (G6m: a cancelled awaiter's
 * gather cancels its children only when the awaiter runs, not inside its cancel). The format 2 properties outside
 * profile micropython (shield, timeouts, R1m's shutdown) are `n/a` in its seed column (conformance/run-conformance.ts).
 */
const FORMAT2_MICROPYTHON_SEED_FAILS = ['max-not-sum', 'self-cancel', 'cancel-through-chain'];

/** What CPython's gather fails against seed (docs/conformance.md), format 2's included ("Format 2 on CPython"). */
const CPYTHON_SEED_FAILS: readonly string[] = [
  'first-exception',
  'sibling-cancellation',
  'cancellation-propagation',
  'empty-gather',
  'differential',
  'outcome-differential',
  ...FORMAT2_CPYTHON_SEED_FAILS,
];

/**
 * Per target name, the seed properties it is known to fail (`fails`), each with its smallest counterexample in
 * docs/conformance.md, and those its behaviour leaves rarely engaged (`vacuous`: the property's comparison is seldom
 * reached, e.g. order-preservation where Promise.all mostly rejects). cpython and micropython differ because their own
 * (modelled) profiles do; the others have no model, so seed stands in for their profile and these are their declared
 * differences. A target without an entry has none: every seed failure on it is new.
 */
export const DOCUMENTED_DIFFERENCES: Readonly<
  Record<string, { fails: readonly string[]; vacuous?: readonly string[] }>
> = {
  cpython: { fails: CPYTHON_SEED_FAILS },
  'cpython-taskgroup': {
    fails: [
      'order-preservation',
      'first-exception',
      'cancellation-propagation',
      'empty-gather',
      'determinism',
      'differential',
      'outcome-differential',
    ],
    vacuous: ['max-not-sum', 'sibling-cancellation', 'return-exceptions'],
  },
  micropython: {
    fails: [
      'first-exception',
      'sibling-cancellation',
      'cancellation-propagation',
      'task-identity',
      'empty-gather',
      'nothing-lost',
      'differential',
      'outcome-differential',
      ...FORMAT2_MICROPYTHON_SEED_FAILS,
    ],
  },
  // The Promise combinators: measured on the eager JavaScript harness and on the lazy one of branch `runtimes`.
  'promise-all': {
    fails: [
      'order-preservation',
      'first-exception',
      'sibling-cancellation',
      'return-exceptions',
      'cancellation-propagation',
      'task-identity',
      'empty-gather',
      'differential',
      'outcome-differential',
    ],
    vacuous: ['max-not-sum'],
  },
  'promise-allsettled': {
    fails: [
      'order-preservation',
      'first-exception',
      'return-exceptions',
      'cancellation-propagation',
      'task-identity',
      'empty-gather',
      'differential',
      'outcome-differential',
    ],
    vacuous: ['sibling-cancellation'],
  },
  // The structured-concurrency targets of branch `runtimes` (its docs/conformance.md, 300 cases at seed 1).
  uvloop: { fails: CPYTHON_SEED_FAILS }, // asyncio's own gather on uvloop's loop: CPython's differences
  trio: {
    fails: [
      'order-preservation',
      'first-exception',
      'return-exceptions',
      'cancellation-propagation',
      'task-identity',
      'empty-gather',
      'determinism',
      'differential',
      'outcome-differential',
    ],
    vacuous: ['sibling-cancellation'],
  },
  anyio: {
    fails: [
      'order-preservation',
      'max-not-sum',
      'first-exception',
      'cancellation-propagation',
      'task-identity',
      'empty-gather',
      'determinism',
      'differential',
      'outcome-differential',
    ],
    vacuous: ['sibling-cancellation'],
  },
  effection: { fails: ['sibling-cancellation', 'cancellation-propagation', 'differential'] },
};

/** Whether `property` failing (or, `vacuous`, held on too few engaged cases) on built-in `target` (or a user's asyncio loop) against seed is documented. */
export function isDocumentedDifference(
  target: string,
  profile: string,
  property: string,
  status: 'fails' | 'vacuous',
): boolean {
  // a user's asyncio loop (`asyncio-loop:FILE.py:Class`) runs CPython's own gather: CPython's differences, as uvloop
  const key = target.startsWith('asyncio-loop:') ? 'cpython' : target;
  if (profile !== 'seed' || !Object.hasOwn(DOCUMENTED_DIFFERENCES, key)) return false;
  const d = DOCUMENTED_DIFFERENCES[key]!;
  return d.fails.includes(property) || (status === 'vacuous' && (d.vacuous ?? []).includes(property));
}
