// The loopcheck command line: one file per command in commands/, each registered here with one line.
import { createProgram, runProgram } from './program.ts';
import { registerCheck } from './commands/check.ts';
import { registerReplay } from './commands/replay.ts';

/** Runs `loopcheck ARGS` once (argv as process.argv: node, script, args…); the exit code goes to process.exitCode. */
export async function main(argv: readonly string[]): Promise<void> {
  const program = createProgram();
  registerCheck(program);
  registerReplay(program);
  (await import('./commands/graph.ts')).registerGraph(program);
  (await import('./commands/explore.ts')).registerExplore(program);
  (await import('./commands/conformance.ts')).registerConformance(program);
  const { registerConformanceTargets, closeOpenedTargets } = await import('../conformance/register.ts');
  registerConformanceTargets();
  try {
    await runProgram(program, argv);
  } finally {
    await closeOpenedTargets();
  }
}
