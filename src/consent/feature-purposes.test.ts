import { describe, expect, it } from 'vitest';
import { validFeaturePurposes } from '../config/valid-feature-purposes';
import { withheldFeatures } from './feature-purposes';

const state = (measurement: 'granted' | 'denied' | 'pending') => ({ personalization: 'granted' as const, measurement });

describe('consent.features', () => {
  it('withholds a family, a name, or nothing, the most specific listed name deciding', () => {
    const map = { trait: ['measurement' as const], 'trait.tier': [], 'session.pages': ['measurement' as const] };
    const withheld = withheldFeatures(map, state('denied'));
    expect(withheld?.('trait.ltv')).toBe(true);
    expect(withheld?.('trait.tier')).toBe(false);
    expect(withheld?.('session.pages.product')).toBe(true);
    expect(withheld?.('session.pages')).toBe(true);
    expect(withheld?.('session.duration')).toBe(false);
    expect(withheld?.('pages.product')).toBe(false);
  });

  it('withholds nothing once every purpose listed is granted, or when nothing is listed', () => {
    expect(withheldFeatures({ trait: ['measurement'] }, state('granted'))).toBeUndefined();
    expect(withheldFeatures(undefined, state('denied'))).toBeUndefined();
    expect(withheldFeatures({ trait: ['measurement'] }, state('pending'))?.('trait.x')).toBe(true);
  });

  it('accepts lists of known purposes only, under safe keys', () => {
    expect(validFeaturePurposes({ trait: ['measurement'], pages: ['personalization', 'measurement'] })).toBe(true);
    expect(validFeaturePurposes({ trait: 'measurement' })).toBe(false);
    expect(validFeaturePurposes({ trait: ['marketing'] })).toBe(false);
    expect(validFeaturePurposes(JSON.parse('{"__proto__": ["measurement"]}'))).toBe(false);
  });
});
