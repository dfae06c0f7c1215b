import { describe, expect, it } from 'vitest';
import pagesBundle from '../../test/fixtures/bundles/pages.json';
import type { Bundle } from '../types/bundle';
import { previewAssignment, previewRequest } from './preview';

const bundle = pagesBundle as unknown as Bundle;

describe('preview', () => {
  it('reads ?edgeseg_preview= from the URL', () => {
    expect(previewRequest({ location: { search: '?a=1&edgeseg_preview=shopper' } } as Window)).toBe('shopper');
    expect(previewRequest({ location: { search: '' } } as Window)).toBeNull();
  });

  it("forces a segment the bundle has, with the bundle's label", () => {
    expect(previewAssignment('shopper', bundle)).toMatchObject({
      id: 'shopper',
      label: bundle.segments.find((s) => s.id === 'shopper')?.label,
      confidence: 1,
      source: 'preview',
    });
  });

  it('takes nothing from the URL unchecked: an unknown id forces no segment (the client ignores the preview)', () => {
    expect(previewAssignment('<img src=x onerror=alert(1)>', bundle)).toBeNull();
    expect(previewAssignment('shopper', { ...bundle, segments: [] })).toBeNull();
  });
});
