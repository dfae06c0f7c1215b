import pagesBundle from '../../test/fixtures/bundles/pages.json';
import { describe, expect, it } from 'vitest';
import { parseBundleText, validateBundle } from './validate-bundle';

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

  it.each([
    ['k = 0', (b: typeof good) => ((b.model.centroids = []), (b.segments = [])), 'bundle_empty', 'model.centroids'],
    ['a dimension mismatch', (b: typeof good) => b.model.centroids[1].push(1), 'bundle_dimension_mismatch', 'model.centroids[1]'],
    ['more segments than centroids', (b: typeof good) => b.segments.push({ id: 'x', label: 'X' }), 'bundle_dimension_mismatch', 'segments'],
    ['a repeated segment id', (b: typeof good) => (b.segments[1].id = 'visitor'), 'bundle_invalid', 'segments[1].id'],
    ['the reserved id default', (b: typeof good) => (b.segments[0].id = 'default'), 'bundle_invalid', 'segments[0].id'],
    ['an unknown feature', (b: typeof good) => (b.features[0].name = 'telepathy'), 'bundle_invalid', 'features[0].name'],
    ['a string where a number belongs', (b: typeof good) => (b.model.centroids[0][0] = '1'), 'bundle_invalid', 'model.centroids[0][0]'],
    ['z scaling without std', (b: typeof good) => delete b.features[0].scale.std, 'bundle_invalid', 'features[0].scale'],
    ['a negative version', (b: typeof good) => (b.version = -1), 'bundle_invalid', 'version'],
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
    expect(parseBundleText(text, 1e6)).toMatchObject({ ok: false, error: { code: 'bundle_not_finite', path: 'features[0].scale.mean' } });
    expect(parseBundleText(JSON.stringify(good).slice(0, 50), 1e6)).toMatchObject({ ok: false, error: { code: 'bundle_invalid_json' } });
    expect(parseBundleText('<!doctype html><p>502</p>', 1e6)).toMatchObject({ ok: false, error: { code: 'bundle_invalid_json' } });
    expect(parseBundleText(' '.repeat(11e6), 10e6)).toMatchObject({ ok: false, error: { code: 'bundle_too_large' } });
  });
});
