// A small seeded generator of valid scenarios, for the model's own determinism and coverage tests.
import { parseScenario } from '../model/scenario.ts';
import type { Scenario } from '../model/scenario-types.ts';

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), for seeded tests. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The `seed`-th random scenario: up to 4 children, nesting up to 2, small delays so that deadlines collide. */
export function randomScenario(seed: number): Scenario {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const delays = [0, 10, 20, 30] as const;
  const taskPaths: string[] = [];
  const onCancel = () => pick([undefined, undefined, 'propagate', { cleanupMs: pick(delays) }, { swallow: 'sw' }]);
  const node = (depth: number, prefix: string): Record<string, unknown> => {
    const children = Array.from({ length: Math.floor(r() * 4) }, (_, i) => {
      const name = `${String.fromCharCode(97 + i)}`;
      const child: Record<string, unknown> = { name };
      if (depth < 2 && r() < 0.2) child.gather = node(depth + 1, `${prefix}${name}/`);
      else {
        child.sleeps = Array.from({ length: Math.floor(r() * 3) }, () => pick(delays));
        child.end = pick([{ return: name }, { return: i }, { raise: 'E' }, { raise: 'F' }, 'hang']);
      }
      const h = onCancel();
      if (h !== undefined) child.onCancel = h;
      if (r() < 0.3) {
        child.task = true;
        taskPaths.push(prefix + name);
      }
      return child;
    });
    const g: Record<string, unknown> = { children, returnExceptions: r() < 0.4 };
    if (r() < 0.3) g.gatherAfter = pick(delays);
    return g;
  };
  const top = node(0, '');
  const targets = ['awaiter', ...taskPaths];
  const cancels = Array.from({ length: Math.floor(r() * 3) }, () => ({
    at: pick([0, 5, 10, 20, 30]),
    target: pick(targets),
  }));
  return parseScenario({ loopcheck: 1, ...top, cancels });
}
