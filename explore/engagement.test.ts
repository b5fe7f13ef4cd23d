// Engagement: which properties must engage at a bound, a whole certificate that never engaged one fails, a bound too
// small for a construct says so and passes, and the format 2 families engage every format 2 property.
import { describe, expect, it } from 'vitest';
import { certificateExitCode, formatCertificate } from '../cli/commands/explore.ts';
import { isFormat2Only } from '../properties/format2/readiness.ts';
import { findProperty, propertiesFor } from '../properties/rules/index.ts';
import { engagesFrom, mustEngage, unengaged } from './engagement.ts';
import { FORMAT2_CHILDREN, familyScenarios } from './enumerate.ts';
import { type Certificate, explore } from './explore.ts';
import { mergeResults } from './merge.ts';

describe('engagement', () => {
  it('format 2 properties must engage from 2 children, the other outcome properties from 1, the rest always', () => {
    for (const p of propertiesFor('seed')) {
      const from = isFormat2Only(p) ? FORMAT2_CHILDREN : p.kind === 'outcome' ? 1 : 0;
      expect(engagesFrom(p), p.name).toBe(from);
      expect(mustEngage(p, from - 1)).toBe(false);
      expect(mustEngage(p, from)).toBe(true);
    }
  });

  it('N = 0: what cannot engage is marked "not engaged at this bound" and the run passes', () => {
    const c = explore({ bound: 0, failuresDir: null });
    expect(unengaged(c)).toEqual([]);
    expect(certificateExitCode(c)).toBe(0);
    const text = formatCertificate(c);
    expect(text).toMatch(/shield-isolation +held +\d+ checks, 0 engaged \(not engaged at this bound\)/);
    expect(text).toMatch(/differential +held +\d+ checks, \d+ engaged\n/);
    expect(text).toMatch(/certificate: every property holds .*; \d+ not engaged at this bound/);
    // every seed property reads both formats: none leaves a scenario unjudged; one that did would say how many
    expect(c.properties.filter((p) => p.unjudged !== undefined)).toEqual([]);
    const first = c.properties[0]!;
    const unjudged: Certificate = {
      ...c,
      properties: c.properties.map((p) => (p === first ? { ...p, unjudged: 3 } : p)),
    };
    expect(formatCertificate(unjudged)).toMatch(
      new RegExp(
        `${first.name} +held +\\d+ checks, \\d+ engaged, 3 not judged \\(a scenario format it does not read\\)`,
      ),
    );
    // a stream of chosen scenarios is not the enumeration: nothing must engage there
    const chosen = explore({ bound: 3, scenarios: [], failuresDir: null });
    expect(chosen.properties.every((p) => !p.mustEngage)).toBe(true);
  });

  it('a whole certificate with a property that had to engage and never did: named, no certificate, exit 1', () => {
    const c = explore({ bound: 0, failuresDir: null });
    const forced: Certificate = { ...c, properties: c.properties.map((p) => ({ ...p, mustEngage: true })) };
    const never = unengaged(forced).map((p) => p.name);
    expect(never).toContain('shield-isolation');
    expect(never).not.toContain('empty-gather'); // engaged at N = 0
    expect(certificateExitCode(forced)).toBe(1);
    const text = formatCertificate(forced);
    expect(text).toMatch(/shield-isolation +held +\d+ checks, 0 engaged — NEVER ENGAGED/);
    expect(text).toMatch(/^no certificate: .*shield-isolation/m);
    expect(text).not.toContain('certificate: every property holds');
    // one shard of several, a run stopped early or interrupted has not seen the whole enumeration: not judged
    expect(unengaged({ ...forced, shard: { index: 1, count: 2 } })).toEqual([]);
    expect(unengaged({ ...forced, complete: false })).toEqual([]);
    expect(unengaged({ ...forced, interrupted: true })).toEqual([]);
    expect(unengaged({ ...forced, shard: { index: 1, count: 1 } })).toEqual(
      never.map((n) => forced.properties.find((p) => p.name === n)),
    );
  });

  it('the format 2 families engage every format 2 property (a sample of each)', () => {
    const extras = [...familyScenarios('format2-extras', 2)].filter((_, i) => i % 3 === 0);
    const format2 = [...familyScenarios('format2', 2)].filter((_, i) => i % 32 === 0);
    const stream = [...extras, ...format2];
    const c = explore({ bound: 2, scenarios: stream, failuresDir: null, blockSize: 64 });
    expect(c.failures).toEqual([]);
    for (const p of c.properties)
      if (isFormat2Only(findProperty(p.name)!)) expect(p.engaged, p.name).toBeGreaterThanOrEqual(5);
    // sharded in small blocks, the families merge into the unsharded result
    const shards = [1, 2].map((index) =>
      explore({ bound: 2, scenarios: stream, failuresDir: null, blockSize: 64, shard: { index, count: 2 } }),
    );
    const merged = mergeResults(shards);
    for (const key of ['scenarios', 'ranOnModel', 'distinctTraces', 'properties', 'covers'] as const)
      expect(merged[key], key).toEqual(c[key]);
  });
});
