// Every property (except the differential) on random scenarios, on the model.
import { describe, it } from 'vitest';
import { propertiesFor } from './rules/index.ts';
import { modelRunner } from './runners.ts';
import { expectPropertyHolds } from '../test/property-suites.ts';

describe('properties on the model', () => {
  for (const property of propertiesFor('seed').filter((p) => p.kind !== 'differential')) {
    it(`${property.name}: ${property.description}`, () => expectPropertyHolds(property, modelRunner));
  }
});
