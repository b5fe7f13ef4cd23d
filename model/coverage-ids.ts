// The coverage ids shared by simulate (counting) and graph (listing): states and transitions as strings.

/** `<machine>.<state path>` for the state value and all its ancestors. */
export function stateIdsOf(machineId: string, value: unknown): string[] {
  const ids: string[] = [];
  const walk = (prefix: string, v: unknown): void => {
    if (typeof v === 'string') ids.push(`${prefix}.${v}`);
    // Stryker disable next-line ConditionalExpression: equivalent: Object.entries of a non-object truthy value (a number) is empty
    else if (v && typeof v === 'object') {
      for (const [k, sub] of Object.entries(v)) {
        ids.push(`${prefix}.${k}`);
        walk(`${prefix}.${k}`, sub);
      }
    }
  };
  walk(machineId, value);
  return ids;
}

export function transitionId(source: string, event: string, target: string): string {
  return `${source} --${event}--> ${target}`;
}

/** A guarded list's alternative taken: `<source> --<EVENT> [<guard>]--> <target>` (`else`: no guard). */
export function guardTakenId(source: string, event: string, guard: string, target: string): string {
  return `${source} --${event} [${guard}]--> ${target}`;
}

/** A guard evaluated and false: `<source> --<EVENT> [<guard>]: false`. */
export function guardFalseId(source: string, event: string, guard: string): string {
  return `${source} --${event} [${guard}]: false`;
}

/** A guard checked inside an action (enqueueActions' `check`): `<machine>: check <guard>: true|false`. */
export function guardCheckId(machine: string, guard: string, value: boolean): string {
  return `${machine}: check ${guard}: ${value}`;
}

/** Two transitions of one machine instance in a row: `<first> => <second>`. */
export function pairId(first: string, second: string): string {
  return `${first} => ${second}`;
}
