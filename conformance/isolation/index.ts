// Users' adapters run isolated: each in its own child process, every result validated against the Outcome format.
export { loadIsolatedTarget, isIsolatedTarget, type IsolatedTarget } from './isolated-target.ts';
export { outcomeError, targetResultError, jsonPath } from './validate-outcome.ts';
