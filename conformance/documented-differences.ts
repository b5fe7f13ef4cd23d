// The built-in runtimes' documented differences from seed (docs/conformance.md, "Every difference found"): expected, not regressions.

/**
 * Per target name, the seed properties it is known to fail, each with its smallest counterexample in
 * docs/conformance.md. cpython and micropython fail them because their own (modelled) profiles differ; the others
 * have no model, so seed stands in for their profile and these are their declared differences. A target without an
 * entry has none: every seed failure on it is new.
 */
export const DOCUMENTED_DIFFERENCES: Readonly<Record<string, readonly string[]>> = {
  cpython: ['first-exception', 'sibling-cancellation', 'cancellation-propagation', 'empty-gather', 'differential', 'outcome-differential'],
  'cpython-taskgroup': ['order-preservation', 'first-exception', 'cancellation-propagation', 'empty-gather', 'determinism', 'differential', 'outcome-differential'],
  micropython: ['first-exception', 'sibling-cancellation', 'cancellation-propagation', 'task-identity', 'empty-gather', 'nothing-lost', 'differential', 'outcome-differential'],
  'promise-all': ['first-exception', 'sibling-cancellation', 'return-exceptions', 'cancellation-propagation', 'task-identity', 'empty-gather', 'differential', 'outcome-differential'],
  'promise-allsettled': ['first-exception', 'cancellation-propagation', 'task-identity', 'empty-gather', 'differential', 'outcome-differential'],
};

/** Whether `property` failing on `target` against seed is a documented difference. */
export function isDocumentedDifference(target: string, profile: string, property: string): boolean {
  return profile === 'seed' && Object.hasOwn(DOCUMENTED_DIFFERENCES, target) && DOCUMENTED_DIFFERENCES[target]!.includes(property);
}
