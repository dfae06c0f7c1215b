import pagesBundle from '../../test/fixtures/bundles/pages.json';
import { describe, expect, it } from 'vitest';
import { parseBundleText, utf8Length, validateBundle } from './validate-bundle';

const good = JSON.parse(JSON.stringify(pagesBundle));
const variant = (patch: (b: typeof good) => void) => {
  const b = structuredClone(good);
  patch(b);
  return b;
};

describe('validateBundle', () => {
  it('accepts a valid bundle and tolerates unknown fields (forward compatible)', () => {
    const result = validateBundle({ ...good, training: { rows: 10 } });
    expect(result.ok).toBe(true);
  });

  it('accepts distance quantiles per model segment and keeps them', () => {
    const q = { p50: 0.5, p90: 1.25, p99: 2 };
    const result = validateBundle(variant((b) => (b.segments[0].distanceQuantiles = q)));
    expect(result.ok && result.bundle.segments[0]?.distanceQuantiles).toEqual(q);
  });

  it.each([
    ['k = 0', (b: typeof good) => ((b.model.centroids = []), (b.segments = [])), 'bundle_empty', 'model.centroids'],
    [
      'a dimension mismatch',
      (b: typeof good) => b.model.centroids[1].push(1),
      'bundle_dimension_mismatch',
      'model.centroids[1]',
    ],
    [
      'more segments than centroids',
      (b: typeof good) => b.segments.push({ id: 'x', label: 'X' }),
      'bundle_dimension_mismatch',
      'segments',
    ],
    ['a repeated segment id', (b: typeof good) => (b.segments[1].id = 'visitor'), 'bundle_invalid', 'segments[1].id'],
    ['the reserved id default', (b: typeof good) => (b.segments[0].id = 'default'), 'bundle_invalid', 'segments[0].id'],
    [
      'an unknown feature',
      (b: typeof good) => (b.features[0].name = 'telepathy'),
      'bundle_invalid',
      'features[0].name',
    ],
    [
      'a string where a number belongs',
      (b: typeof good) => (b.model.centroids[0][0] = '1'),
      'bundle_invalid',
      'model.centroids[0][0]',
    ],
    [
      'z scaling without std',
      (b: typeof good) => delete b.features[0].scale.std,
      'bundle_invalid',
      'features[0].scale',
    ],
    ['a negative version', (b: typeof good) => (b.version = -1), 'bundle_invalid', 'version'],
    [
      'distance quantiles out of order',
      (b: typeof good) => (b.segments[1].distanceQuantiles = { p50: 1, p90: 3, p99: 2 }),
      'bundle_invalid',
      'segments[1].distanceQuantiles',
    ],
    [
      'a negative distance quantile',
      (b: typeof good) => (b.segments[0].distanceQuantiles = { p50: -1, p90: 3, p99: 4 }),
      'bundle_invalid',
      'segments[0].distanceQuantiles.p50',
    ],
    [
      'distance quantiles without p99',
      (b: typeof good) => (b.segments[0].distanceQuantiles = { p50: 1, p90: 3 }),
      'bundle_invalid',
      'segments[0].distanceQuantiles.p99',
    ],
    ['format 2', (b: typeof good) => (b.format = 'edgeseg-bundle/2'), 'bundle_unsupported_format', 'format'],
  ])('refuses %s', (_, patch, code, path) => {
    const result = validateBundle(variant(patch));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe(code);
      expect(result.error.path).toBe(path);
    }
  });

  it('refuses Infinity (1e999 in JSON), truncated JSON, HTML and oversize text with their own codes', () => {
    const text = JSON.stringify(good).replace('"mean":0', '"mean":1e999');
    expect(parseBundleText(text, 1e6)).toMatchObject({
      ok: false,
      error: { code: 'bundle_not_finite', path: 'features[0].scale.mean' },
    });
    expect(parseBundleText(JSON.stringify(good).slice(0, 50), 1e6)).toMatchObject({
      ok: false,
      error: { code: 'bundle_invalid_json' },
    });
    expect(parseBundleText('<!doctype html><p>502</p>', 1e6)).toMatchObject({
      ok: false,
      error: { code: 'bundle_html' },
    });
    expect(parseBundleText(' '.repeat(11e6), 10e6)).toMatchObject({ ok: false, error: { code: 'bundle_too_large' } });
  });
});

describe('validateBundle against hostile input', () => {
  /** `depth` arrays nested inside each other around `leaf`, built without recursion. */
  const nested = (depth: number, leaf: unknown): unknown => {
    let value = leaf;
    for (let i = 0; i < depth; i++) value = [value];
    return value;
  };

  it('deep nesting cannot overflow the stack, in a known field or in an ignored one', () => {
    const known = validateBundle(variant((b) => (b.model.centroids = nested(200_000, 1))));
    expect(known).toMatchObject({ ok: false, error: { code: 'bundle_invalid', path: 'model.centroids[0][0]' } });
    // Unknown fields are ignored (forward compatible), however deep, even holding Infinity.
    expect(validateBundle(variant((b) => (b.extra = nested(200_000, Infinity)))).ok).toBe(true);
    const both = validateBundle(variant((b) => ((b.extra = nested(200_000, Infinity)), (b.version = -1))));
    expect(both).toMatchObject({ ok: false, error: { code: 'bundle_invalid', path: 'version' } });
    // The same through JSON text, as a fetched bundle arrives.
    const deep = '['.repeat(100_000) + '1' + ']'.repeat(100_000);
    const text = JSON.stringify(good).replace('"centroids":', `"centroids":${deep},"was":`);
    expect(parseBundleText(text, 10e6)).toMatchObject({ ok: false, error: { code: 'bundle_invalid' } });
  });

  it('stops at the first invalid entry: 250k (or a 1000 × 1000 matrix of) invalid values neither throw nor get read', () => {
    let reads = 0;
    const counted = <T extends object>(target: T): T =>
      new Proxy(target, {
        get(t, key, receiver) {
          if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
          return Reflect.get(t, key, receiver);
        },
      });
    const row = counted(Array.from({ length: 250_000 }, () => 'x'));
    expect(validateBundle(variant((b) => (b.model.centroids = [row])))).toMatchObject({
      ok: false,
      error: { code: 'bundle_invalid', path: 'model.centroids[0][0]' },
    });
    expect(reads).toBeLessThan(10);
    const matrix = Array.from({ length: 1000 }, () => Array.from({ length: 1000 }, () => 'x'));
    expect(validateBundle(variant((b) => (b.model.centroids = matrix)))).toMatchObject({
      ok: false,
      error: { code: 'bundle_invalid', path: 'model.centroids[0][0]' },
    });
    const categories = Array.from({ length: 1000 }, (_, i) => ({
      name: `trait.t${i}`,
      categories: Array(256).fill(1),
    }));
    expect(validateBundle(variant((b) => (b.features = categories)))).toMatchObject({
      ok: false,
      error: { code: 'bundle_invalid', path: 'features[0].categories[0]' },
    });
  });

  it('the size limit counts UTF-8 bytes, not UTF-16 units', () => {
    const padded = (pad: string) => JSON.stringify({ ...good, padding: pad });
    // 600k × "é": 600k UTF-16 units but 1.2 MB of UTF-8.
    expect(parseBundleText(padded('é'.repeat(600_000)), 1_000_000)).toMatchObject({
      ok: false,
      error: { code: 'bundle_too_large' },
    });
    expect(parseBundleText(padded('e'.repeat(600_000)), 1_000_000).ok).toBe(true);
    // A surrogate pair is four bytes; 2-byte and 3-byte characters count as such.
    expect(utf8Length('a\u00e9\u20ac\u{1F600}')).toBe(new TextEncoder().encode('a\u00e9\u20ac\u{1F600}').length);
  });
});
