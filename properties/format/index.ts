// Formatting helpers shared by the CLI and reports: tables, outcome text, side-by-side traces, first difference, JUnit.
export { renderTable, type Align } from './table.ts';
export { formatOutcome, formatTasks, formatTrace, taskSummary, eventText } from './outcome-text.ts';
export { sideBySide, DIVERGENCE_MARK } from './side-by-side.ts';
export { firstDifference, firstTraceDivergence, sameEvent } from './first-difference.ts';
export { junitXml } from './junit.ts';
export { DEFAULT_LIMITS, FULL_OUTPUT, moreLine, maxLength, type OutputLimits } from './summary.ts';
