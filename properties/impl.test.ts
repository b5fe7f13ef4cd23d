// Every property (except the differential) on random scenarios, on the production loop.
import { describe, it } from 'vitest';
import { propertiesFor } from './rules/index.ts';
import { implRunner } from './runners.ts';
import { expectPropertyHolds } from '../test/property-suites.ts';

describe('properties on the loop (impl)', () => {
  for (const property of propertiesFor('seed').filter((p) => p.kind !== 'differential')) {
    it(`${property.name}: ${property.description}`, () => expectPropertyHolds(property, implRunner));
  }
});
