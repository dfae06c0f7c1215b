import { describe, expect, it } from 'vitest';
import { prepareBundle } from '../score/prepare-bundle';
import { featureContext, pageGroupIndex } from './context';
import { resolveFeature } from './catalogue';
import type { Bundle } from '../types/bundle';

describe('feature context', () => {
  it('indexes page groups by name, dropping names that could reach Object.prototype', () => {
    const groups = JSON.parse(
      '[{"name":"reading","types":["article","guide"]},{"name":"__proto__","types":["x"]},{"name":"constructor","types":["y"]}]',
    );
    const index = pageGroupIndex(groups);
    expect(Object.keys(index)).toEqual(['reading']);
    expect(index['reading']).toEqual(['article', 'guide']);
    expect(pageGroupIndex(undefined)).toEqual({});
  });

  it('carries the moment, its local weekday, the groups and what consent withholds', () => {
    const now = new Date(2026, 0, 3, 15).getTime(); // a Saturday, local time
    const withheld = (name: string) => name.startsWith('trait');
    const ctx = featureContext(now, { reading: ['article'] }, withheld);
    expect(ctx).toEqual({ now, weekday: 6, pageGroups: { reading: ['article'] }, withheld });
    expect(resolveFeature('weekend', null, ctx)).toBe(1);
    expect(resolveFeature('hour', null, ctx)).toBe(15);
    expect(featureContext(now, {}).withheld).toBeUndefined();
  });

  it('gives a prepared bundle the same page groups training indexes from the spec', () => {
    const pageGroups = [{ name: 'reading', types: ['article'] }];
    const bundle = { pageGroups, features: [], model: { type: 'centroids', centroids: [[0]] }, segments: [] };
    expect(prepareBundle(bundle as unknown as Bundle).pageGroups).toEqual(pageGroupIndex(pageGroups));
  });
});
