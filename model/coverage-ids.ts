// The coverage ids shared by simulate (counting) and graph (listing): states and transitions as strings.

/** `<machine>.<state path>` for the state value and all its ancestors. */
export function stateIdsOf(machineId: string, value: unknown): string[] {
  const ids: string[] = [];
  const walk = (prefix: string, v: unknown): void => {
    if (typeof v === 'string') ids.push(`${prefix}.${v}`);
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
