import { describe, expect, it } from 'vitest';
import pagesBundle from '../../test/fixtures/bundles/pages.json';
import { validateBundle } from '../bundle/validate-bundle';
import type { Bundle } from '../types/bundle';
import { createScorer, prepareBundle } from './prepare-bundle';

const bundle = (validateBundle(structuredClone(pagesBundle)) as { bundle: Bundle }).bundle;

describe('prepareBundle', () => {
  it('packs the centroids once and labels every model input', () => {
    const prepared = prepareBundle(bundle);
    expect(prepared.bundle).toBe(bundle);
    expect(prepared.packed.k).toBe(bundle.model.centroids.length);
    expect(prepared.inputs.map((i) => i.feature)).toEqual(bundle.features.map((f) => f.name));
    expect(prepared.net).toBeUndefined();
  });

  it('is still reachable under its deprecated name', () => {
    expect(createScorer).toBe(prepareBundle);
  });
});
