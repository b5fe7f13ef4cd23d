// The big scenarios of the scale benchmark and tests: nested gathers of a given width and depth, many zero sleeps.
import type { Child, Scenario } from '../model/scenario-types.ts';

export interface NestedOptions {
  /** Children per gather. */
  width: number;
  /** Gathers nested below the awaiter's (0: the awaiter gathers leaves). */
  depth: number;
  /** Every leaf also sleeps 0 this many times first (more events per task). */
  zeroSleeps?: number;
  /** The leaves' onCancel and ends vary (a raise, a hang, task children, cancels) so every property has work. */
  varied?: boolean;
  returnExceptions?: boolean;
  /** A cancel of the awaiter at this time (cancellation-propagation, awaiter-cancel-timing). */
  cancelAt?: number;
  profile?: Scenario['profile'];
}

function leaf(name: string, i: number, options: NestedOptions): Child {
  const sleeps = [...new Array<number>(options.zeroSleeps ?? 0).fill(0), 1 + ((i * 7) % 13)];
  if (options.varied !== true) return { name, sleeps, end: { return: i } };
  const end = i % 17 === 5 ? { raise: 'ValueError' } : i % 23 === 7 ? ('hang' as const) : { return: i };
  return {
    name,
    sleeps,
    end,
    ...(i % 3 === 0 ? { task: true } : {}),
    ...(i % 5 === 0 ? { onCancel: { cleanupMs: 2 } } : {}),
  };
}

function level(prefix: string, depthLeft: number, options: NestedOptions, counter: { n: number }): Child[] {
  const out: Child[] = [];
  for (let i = 0; i < options.width; i++) {
    const name = `${prefix}${i}`;
    if (depthLeft === 0) out.push(leaf(name, counter.n++, options));
    else
      out.push({
        name,
        gather: {
          returnExceptions: options.returnExceptions ?? false,
          children: level('c', depthLeft - 1, options, counter),
        },
      });
  }
  return out;
}

/** A gather `depth` levels deep with `width` children at every level: width + width² + … + width^(depth+1) tasks + 1. */
export function nestedScenario(options: NestedOptions): Scenario {
  return {
    loopcheck: 1,
    profile: options.profile ?? 'seed',
    returnExceptions: options.returnExceptions ?? false,
    cancels: options.cancelAt === undefined ? [] : [{ at: options.cancelAt, target: 'awaiter' }],
    children: level('g', options.depth, options, { n: 0 }),
  };
}

/** One child that sleeps 0 `count` times, then returns. */
export function zeroSleepsScenario(count: number): Scenario {
  return {
    loopcheck: 1,
    profile: 'seed',
    returnExceptions: false,
    cancels: [],
    children: [{ name: 'spin', sleeps: new Array<number>(count).fill(0), end: { return: 'done' } }],
  };
}

/** Tasks in a scenario (the awaiter included). */
export function taskCount(node: { children: readonly Child[] }): number {
  let n = 1;
  const stack: Array<readonly Child[]> = [node.children];
  for (let list = stack.pop(); list !== undefined; list = stack.pop()) {
    for (const c of list) {
      n++;
      if ('gather' in c) stack.push(c.gather.children);
    }
  }
  return n;
}
