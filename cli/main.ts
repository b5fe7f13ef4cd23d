// The loopcheck command line: one file per command in commands/, each registered here with one line.
import type { Command } from 'commander';
import { createProgram, runProgram } from './program.ts';
import { registerTargetLoader } from '../properties/target-registry.ts';

/** Each command's module, loaded only when its command runs (or all of them, for help, --version or a typo). */
const COMMANDS: Readonly<Record<string, (program: Command) => Promise<void>>> = {
  check: async (p) => (await import('./commands/check.ts')).registerCheck(p),
  replay: async (p) => (await import('./commands/replay.ts')).registerReplay(p),
  graph: async (p) => (await import('./commands/graph.ts')).registerGraph(p),
  explore: async (p) => (await import('./commands/explore.ts')).registerExplore(p),
  conformance: async (p) => (await import('./commands/conformance.ts')).registerConformance(p),
};

/** Runs `loopcheck ARGS` once (argv as process.argv: node, script, args…); the exit code goes to process.exitCode. */
export async function main(argv: readonly string[]): Promise<void> {
  const program = createProgram();
  // Loading every command's module costs a quarter of a second of start-up (issue 15 §1); `loopcheck replay F`
  // needs only replay's. The order of registration is the order of `loopcheck --help`.
  const named = argv[2] !== undefined && Object.hasOwn(COMMANDS, argv[2]) ? [argv[2]] : Object.keys(COMMANDS);
  for (const name of named) await COMMANDS[name]!(program);
  // The conformance targets (cpython, micropython, …, adapter paths) are loaded at the first look-up of a target
  // other than model or impl: their modules cost another eighth of a second.
  let conformance: typeof import('../conformance/register.ts') | undefined;
  registerTargetLoader(async () => {
    conformance = await import('../conformance/register.ts');
    conformance.registerConformanceTargets();
  });
  try {
    await runProgram(program, argv);
  } finally {
    await conformance?.closeOpenedTargets();
  }
}
