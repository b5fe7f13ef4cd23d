// A JSON value as short one-line text for labels (truncated with an ellipsis).
import type { Json } from '../../model/scenario-types.ts';

export function shortJson(value: Json | undefined, max = 40): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
