// Builds the commander program (shared settings: errors as one line, exit 2 on bad input) and runs it.
import { Command, CommanderError } from 'commander';
import { EXIT_INTERNAL, EXIT_USAGE, UsageError, setExitCode } from './errors.ts';
import { ReplayFileError } from '../properties/failure-file.ts';
import { ScenarioError } from '../model/index.ts';

export function createProgram(): Command {
  const program = new Command();
  program
    .name('loopcheck')
    .description('Checks asyncio-style gather semantics: a formal model and an event loop, run on random scenarios')
    .version('0.1.0')
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      outputError: (str, write) =>
        write(
          `loopcheck: ${str
            .replace(/^error: /, '')
            .trim()
            .replace(/\n+/g, ' ')}\n`,
        ),
    });
  return program;
}

function oneLine(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.split('\n')[0]!;
}

/** Parses argv and runs the command; bad input gives one line on stderr and exit 2. */
export async function runProgram(program: Command, argv: readonly string[]): Promise<void> {
  if (argv.length <= 2) {
    process.stderr.write(program.helpInformation());
    setExitCode(EXIT_USAGE);
    return;
  }
  try {
    await program.parseAsync([...argv]);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return;
      setExitCode(e.exitCode === 0 ? 0 : EXIT_USAGE);
    } else if (e instanceof UsageError || e instanceof ReplayFileError || e instanceof ScenarioError) {
      process.stderr.write(`loopcheck: ${oneLine(e)}\n`);
      setExitCode(EXIT_USAGE);
    } else {
      process.stderr.write(`loopcheck: internal error: ${oneLine(e)}\n`);
      setExitCode(EXIT_INTERNAL);
    }
  }
}
