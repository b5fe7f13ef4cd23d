// Progress of long commands on stderr (a cli-progress bar, only when stderr is a terminal) and their SIGINT handling.
import cliProgress from 'cli-progress';

/** Exit code of a run interrupted by SIGINT (128 + 2, as shells report it). */
export const EXIT_INTERRUPTED = 130;

/**
 * Whether to draw progress: on a terminal unless `--json` (stdout may be piped to a tool while stderr is not), never
 * on a pipe or a file (CI logs stay clean). `LOOPCHECK_PROGRESS=always` draws it anyway (one line per update, as
 * cli-progress does off a terminal), `never` never.
 */
export function progressWanted(json: boolean | undefined, stream: { isTTY?: boolean } = process.stderr): boolean {
  const setting = (process.env.LOOPCHECK_PROGRESS ?? '').toLowerCase();
  if (setting === 'always') return true;
  if (setting === 'never' || json === true) return false;
  return stream.isTTY === true;
}

/**
 * Whether to write plain status lines (a few per run, e.g. one per conformance column) in place of the bar: when the
 * bar is not drawn and stderr is no terminal (a CI log), unless `LOOPCHECK_PROGRESS=never`.
 */
export function statusLinesWanted(barDrawn: boolean, stream: { isTTY?: boolean } = process.stderr): boolean {
  if (barDrawn || stream.isTTY === true) return false;
  return (process.env.LOOPCHECK_PROGRESS ?? '').toLowerCase() !== 'never';
}

export interface Progress {
  /** Sets the position (out of `total`) and the text after the bar. */
  update(value: number, text: string): void;
  /** Removes the bar (before the command prints its table). */
  stop(): void;
}

const NO_PROGRESS: Progress = { update: () => {}, stop: () => {} };

/**
 * A progress bar over `total` steps of `unit`, or a display that draws nothing when `enabled` is false. With `total`
 * null (a count not known in advance) it shows the count and the time taken, without a bar.
 */
export function progressBar(enabled: boolean, total: number | null, unit: string): Progress {
  if (!enabled) return NO_PROGRESS;
  const bar = new cliProgress.SingleBar(
    {
      format:
        total === null
          ? `{value} ${unit} | {duration_formatted} | {text}`
          : `{bar} {percentage}% | {value}/{total} ${unit} | {text}`,
      stream: process.stderr,
      clearOnComplete: true,
      hideCursor: true,
      // The command handles SIGINT itself (it prints the partial table); the bar must not take the signal.
      gracefulExit: false,
      linewrap: true,
      noTTYOutput: process.stderr.isTTY !== true,
      notTTYSchedule: 1000,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total ?? 0, 0, { text: '' });
  let stopped = false;
  return {
    update: (value, text) => {
      if (!stopped) bar.update(value, { text });
    },
    stop: () => {
      if (stopped) return;
      stopped = true;
      bar.stop();
    },
  };
}

/**
 * SIGINT during a long run: the first one asks the run to stop after what it is doing (it then prints what finished
 * and exits 130); a second one exits 130 at once. `dispose` restores the default behaviour.
 */
export class Interruption {
  private stopped = false;
  private readonly onSigint = (): void => {
    if (this.stopped) process.exit(EXIT_INTERRUPTED);
    this.stopped = true;
    this.onInterrupt?.();
  };

  constructor(private readonly onInterrupt?: () => void) {
    process.on('SIGINT', this.onSigint);
  }

  get interrupted(): boolean {
    return this.stopped;
  }

  dispose(): void {
    process.removeListener('SIGINT', this.onSigint);
  }
}

/** Lets pending signals be handled (a synchronous check never yields to the event loop on its own). */
export function letSignalsIn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
