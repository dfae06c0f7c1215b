import { describe, expect, it } from 'vitest';
import { reduceProfile } from '../profile/reduce';
import { resolveFeature, isKnownFeature } from './catalogue';
import { computeFeatures, transformFeature } from './compute-features';

const ctx = { now: 0, weekday: 6, pageGroups: { reading: ['article', 'guide'] } };
const profile = reduceProfile(
  null,
  [
    { id: '1', kind: 'page', name: 'page_view', t: 0, props: { pageType: 'article' } },
    { id: '2', kind: 'page', name: 'page_view', t: 30_000, props: { pageType: 'guide' } },
    { id: '3', kind: 'track', name: 'add_to_cart', t: 40_000, props: {} },
    { id: '4', kind: 'identify', name: 'identify', t: 50_000, props: { tier: 3 } },
  ],
  { sessionTimeout: 1_800_000 },
);

describe('feature catalogue', () => {
  it('resolves page types, groups, session values, events, traits and context', () => {
    expect(resolveFeature('pages', profile, ctx)).toBe(2);
    expect(resolveFeature('pages.article', profile, ctx)).toBe(1);
    expect(resolveFeature('pages.reading', profile, ctx)).toBe(2);
    expect(resolveFeature('dwell.reading', profile, ctx)).toBe(30);
    expect(resolveFeature('session.pages.reading', profile, ctx)).toBe(2);
    expect(resolveFeature('session.duration', profile, ctx)).toBe(50);
    expect(resolveFeature('event.add_to_cart', profile, ctx)).toBe(1);
    expect(resolveFeature('trait.tier', profile, ctx)).toBe(3);
    expect(resolveFeature('weekend', profile, ctx)).toBe(1);
    expect(resolveFeature('bounce_rate', profile, ctx)).toBeUndefined();
    expect(resolveFeature('pages.__proto__', profile, ctx)).toBe(0);
  });

  it('knows which names exist', () => {
    expect(isKnownFeature('session.dwell.product_related')).toBe(true);
    expect(isKnownFeature('pages')).toBe(true);
    expect(isKnownFeature('nonsense')).toBe(false);
    expect(isKnownFeature('pages.a.b')).toBe(false);
  });
});

describe('transformFeature', () => {
  it('imputes, clips, log-transforms, scales and weights in that order', () => {
    expect(transformFeature({ name: 'x', impute: 3 }, undefined)).toBe(3);
    expect(transformFeature({ name: 'x', clip: [0, 10] }, 50)).toBe(10);
    expect(transformFeature({ name: 'x', transform: 'log1p' }, Math.E - 1)).toBeCloseTo(1);
    expect(transformFeature({ name: 'x', scale: { type: 'z', mean: 2, std: 4 } }, 10)).toBe(2);
    expect(transformFeature({ name: 'x', scale: { type: 'minmax', min: 0, max: 20 }, weight: 2 }, 10)).toBe(1);
  });

  it('maps a constant training column to 0 instead of dividing by zero', () => {
    expect(transformFeature({ name: 'x', scale: { type: 'z', mean: 5, std: 0 } }, 9)).toBe(0);
    expect(transformFeature({ name: 'x', scale: { type: 'minmax', min: 1, max: 1 } }, 9)).toBe(0);
  });

  it('computes a vector in spec order', () => {
    const x = computeFeatures([{ name: 'pages.reading' }, { name: 'event.add_to_cart', weight: 2 }], profile, ctx);
    expect(Array.from(x)).toEqual([2, 2]);
  });
});
