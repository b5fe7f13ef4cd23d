// Names children by position (a, b, c, …), so names are unique per gather and counterexamples read easily.
import type { Child } from '../../model/scenario-types.ts';

export type Unnamed<T> = T extends Child ? Omit<T, 'name'> : never;

export function nameAt(index: number): string {
  return index < 26 ? String.fromCharCode(97 + index) : `c${index}`;
}

export function withNames(children: Array<Unnamed<Child>>): Child[] {
  return children.map((c, i) => ({ name: nameAt(i), ...c }) as Child);
}
