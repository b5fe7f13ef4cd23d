// A JSON value as short one-line text for labels (truncated with an ellipsis; an empty array slot shows as <empty>).
import type { Json } from '../../model/scenario-types.ts';
import { show } from '../../properties/lib/values.ts';

export function shortJson(value: Json | undefined, max = 40): string {
  const text = show(value);
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
