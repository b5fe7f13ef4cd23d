// How much of a long trace or table the terminal output shows by default, and the line that says what was left out.

/** Row limits of the printed reports; `FULL_OUTPUT` prints everything (`replay --full`). */
export interface OutputLimits {
  /** Trace events printed (a trace, or the rows of two traces side by side). */
  traceRows: number;
  /** Task rows of an outcome table. */
  tableRows: number;
  /** Tasks drawn in the ASCII timeline. */
  timelineTasks: number;
  /** Characters of a task's value in an outcome table (a gather's list of 4,096 results is 20 KB). */
  valueChars: number;
}

/**
 * The defaults: a scenario within a few dozen tasks prints in full; a 64×64 nested gather (4,161 tasks, ~21,000
 * events) prints in well under 200 KB instead of 3 MB.
 */
export const DEFAULT_LIMITS: OutputLimits = { traceRows: 200, tableRows: 100, timelineTasks: 60, valueChars: 160 };
export const FULL_OUTPUT: OutputLimits = {
  traceRows: Infinity,
  tableRows: Infinity,
  timelineTasks: Infinity,
  valueChars: Infinity,
};

/** The line standing for what a summary left out: `… 20735 more events, --full prints all`. */
export function moreLine(count: number, noun: string, indent = ''): string {
  return `${indent}… ${count} more ${noun}, --full prints all`;
}

/** `text` cut to `max` characters, saying how much was left out. */
export function clipped(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters, --full prints all)`;
}

/** The longest of the strings' lengths (at least `min`), without spreading a trace-sized array into a call. */
export function maxLength(texts: Iterable<string>, min = 0): number {
  let width = min;
  for (const t of texts) if (t.length > width) width = t.length;
  return width;
}
