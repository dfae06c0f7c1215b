import pagesBundle from '../../test/fixtures/bundles/pages.json';
import { describe, expect, it } from 'vitest';
import { validateBundle } from '../bundle/validate-bundle';
import type { Bundle } from '../types/bundle';
import { assign, createScorer } from './assign';
import { decideSlot } from './decide-slot';
import { unassigned } from './unassigned';

const bundle = (validateBundle(JSON.parse(JSON.stringify(pagesBundle))) as { bundle: Bundle }).bundle;

describe('assign', () => {
  it('picks the nearest centroid and explains it against the runner-up', () => {
    const a = assign(createScorer(bundle), new Float32Array([0, 2.5]));
    expect(a.id).toBe('reader');
    expect(a.confidence).toBeGreaterThan(0.5);
    expect(a.contributions[0]?.feature).toBe('session.pages.reading');
    expect(a.explanation).toContain('articles this visit');
    expect(a.explanation).toContain('rather than "Visitor"');
    expect(a.bundleVersion).toBe(3);
  });

  it('leaves the visitor unassigned beyond maxDistance', () => {
    const far = { ...bundle, model: { ...bundle.model, maxDistance: 1 } };
    const a = assign(createScorer(far), new Float32Array([10, 10]));
    expect(a.id).toBeNull();
    expect(a.explanation).toContain('No segment is close enough');
  });
});

describe('decideSlot', () => {
  const reader = assign(createScorer(bundle), new Float32Array([0, 3]));
  it('shows the segment variant when there is one', () => {
    expect(decideSlot('hero', new Set(['reader']), reader, 'granted', true)).toMatchObject({ variant: 'reader', reason: 'segment_variant', segment: 'reader', source: 'model' });
    expect(decideSlot('hero', new Set(['shopper']), reader, 'granted', true)).toMatchObject({ variant: 'default', reason: 'no_variant_for_segment' });
  });
  it('shows the default while consent is pending or denied, and without a bundle', () => {
    expect(decideSlot('hero', new Set(['reader']), reader, 'pending', true)).toMatchObject({ variant: 'default', reason: 'consent_pending', segment: null });
    expect(decideSlot('hero', new Set(['reader']), reader, 'denied', true)).toMatchObject({ variant: 'default', reason: 'consent_denied' });
    expect(decideSlot('hero', new Set(['reader']), unassigned('none'), 'granted', false)).toMatchObject({ variant: 'default', reason: 'no_bundle' });
  });
});
