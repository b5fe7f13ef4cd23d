// Exit codes and the error a command throws for bad input (printed as one line, exit 2, never a stack trace).
export const EXIT_OK = 0;
/** A property failed, or the targets disagree. */
export const EXIT_FAILED = 1;
/** Bad input: unknown flag or target, missing or malformed file, invalid scenario. */
export const EXIT_USAGE = 2;
/** A bug in loopcheck itself. */
export const EXIT_INTERNAL = 3;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Commands report their exit code here; main.ts exits with it. */
export function setExitCode(code: number): void {
  process.exitCode = Math.max(typeof process.exitCode === 'number' ? process.exitCode : 0, code);
}
