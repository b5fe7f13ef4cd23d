// Seeds: a fixed default so runs repeat, `random` for a fresh one, a clear error for anything else.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED, envSeed, resolveSeed } from './config.ts';

describe('resolveSeed', () => {
  it('is the fixed default when neither --seed nor LOOPCHECK_SEED is given', () => {
    expect(resolveSeed(undefined, {})).toBe(DEFAULT_SEED);
    expect(resolveSeed(undefined, { LOOPCHECK_SEED: ' ' })).toBe(DEFAULT_SEED);
  });
  it('takes --seed over LOOPCHECK_SEED', () => {
    expect(resolveSeed('7', { LOOPCHECK_SEED: '9' })).toBe(7);
    expect(resolveSeed(undefined, { LOOPCHECK_SEED: '-9' })).toBe(-9);
  });
  it('draws a fresh 32-bit seed for random, from the flag or the environment', () => {
    for (const seed of [resolveSeed('random', {}), resolveSeed(undefined, { LOOPCHECK_SEED: 'RANDOM' })]) {
      expect(Number.isSafeInteger(seed)).toBe(true);
      expect(Math.abs(seed)).toBeLessThanOrEqual(2 ** 31);
    }
  });
  it('refuses anything else with the name of what was wrong', () => {
    expect(() => resolveSeed('soon', {})).toThrow('--seed must be an integer or random, got "soon"');
    expect(() => envSeed({ LOOPCHECK_SEED: '1.5' })).toThrow('LOOPCHECK_SEED must be an integer or random');
  });
});
