import { describe, expect, it } from 'vitest';
import { mergeConfig } from './merge-config';

describe('mergeConfig', () => {
  it('merges per key, deeply for nested objects: data-consent-mode keeps the rest of consent', () => {
    const page = {
      bundle: '/b.json',
      consent: { vendorId: 755, detect: false, features: { 'pages.*': ['measurement'] } },
    };
    const tag = { consent: { mode: 'opt-out' }, debug: true };
    expect(mergeConfig(page, tag)).toEqual({
      bundle: '/b.json',
      debug: true,
      consent: { vendorId: 755, detect: false, features: { 'pages.*': ['measurement'] }, mode: 'opt-out' },
    });
  });

  it('later sources win; arrays and values are replaced, not merged', () => {
    expect(mergeConfig({ publicKeys: [1, 2], hideTimeout: 100 }, { publicKeys: [3] }, { hideTimeout: 0 })).toEqual({
      publicKeys: [3],
      hideTimeout: 0,
    });
  });

  it('reads own keys only and never a prototype key', () => {
    Object.defineProperty(Object.prototype, 'chunkBase', { value: 'https://evil.example/', configurable: true });
    try {
      const hostile = JSON.parse('{"__proto__": {"polluted": true}, "consent": {"__proto__": {"x": 1}}}') as object;
      const merged = mergeConfig({ bundle: '/b.json' }, hostile);
      expect(Object.hasOwn(merged, 'chunkBase')).toBe(false);
      expect(merged).toEqual({ bundle: '/b.json', consent: {} });
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    } finally {
      delete (Object.prototype as Record<string, unknown>)['chunkBase'];
    }
  });

  it('ignores sources that are not plain objects', () => {
    expect(mergeConfig(null, 'x', [1], new Date(0), { a: 1 })).toEqual({ a: 1 });
  });
});
