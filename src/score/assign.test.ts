import fc from 'fast-check';
import pagesBundle from '../../test/fixtures/bundles/pages.json';
import { describe, expect, it } from 'vitest';
import { validateBundle } from '../bundle/validate-bundle';
import type { Bundle } from '../types/bundle';
import { decideSlot } from '../decide/decide-slot';
import { assign } from './assign';
import { prepareBundle } from './prepare-bundle';
import { unassigned } from './unassigned';

const bundle = (validateBundle(JSON.parse(JSON.stringify(pagesBundle))) as { bundle: Bundle }).bundle;

describe('assign', () => {
  it('picks the nearest centroid and explains it against the runner-up', () => {
    const a = assign(prepareBundle(bundle), new Float32Array([0, 2.5]));
    expect(a.id).toBe('reader');
    expect(a.confidence).toBeGreaterThan(0.5);
    expect(a.contributions[0]?.feature).toBe('session.pages.reading');
    expect(a.explanation).toContain('because of more articles this visit');
    expect(a.contributions[0]?.direction).toBe('more');
    expect(a.explanation).toContain('rather than "Visitor"');
    expect(a.bundleVersion).toBe(3);
  });

  it('says fewer, not less, for pages (things one counts)', () => {
    const a = assign(prepareBundle(bundle), new Float32Array([1, 0]));
    expect(a.id).toBe('visitor');
    expect(a.explanation).toContain('because of fewer product pages this visit');
    expect(a.explanation).not.toContain('less product pages');
  });

  it('leaves the visitor unassigned beyond maxDistance', () => {
    const far = { ...bundle, model: { ...bundle.model, maxDistance: 1 } };
    const a = assign(prepareBundle(far), new Float32Array([10, 10]));
    expect(a.id).toBeNull();
    expect(a.explanation).toContain('No segment is close enough');
  });
});

describe('decideSlot', () => {
  const reader = assign(prepareBundle(bundle), new Float32Array([0, 3]));
  it('shows the segment variant when there is one', () => {
    expect(decideSlot('hero', new Set(['reader']), reader, 'granted', true)).toMatchObject({
      variant: 'reader',
      reason: 'segment_variant',
      segment: 'reader',
      source: 'model',
    });
    expect(decideSlot('hero', new Set(['shopper']), reader, 'granted', true)).toMatchObject({
      variant: 'default',
      reason: 'no_variant_for_segment',
    });
  });
  it('shows the default where the layout-shift guardrail switched the variant off, in that slot only', () => {
    const off = (slot: string, variant: string) => slot === 'hero' && variant === 'reader';
    expect(decideSlot('hero', new Set(['reader']), reader, 'granted', true, undefined, off)).toMatchObject({
      variant: 'default',
      reason: 'guardrail',
      segment: 'reader',
    });
    expect(decideSlot('side', new Set(['reader']), reader, 'granted', true, undefined, off)).toMatchObject({
      variant: 'reader',
      reason: 'segment_variant',
    });
  });
  it('shows the default while consent is pending or denied, and without a bundle', () => {
    expect(decideSlot('hero', new Set(['reader']), reader, 'pending', true)).toMatchObject({
      variant: 'default',
      reason: 'consent_pending',
      segment: null,
    });
    expect(decideSlot('hero', new Set(['reader']), reader, 'denied', true)).toMatchObject({
      variant: 'default',
      reason: 'consent_denied',
    });
    expect(decideSlot('hero', new Set(['reader']), unassigned('none'), 'granted', false)).toMatchObject({
      variant: 'default',
      reason: 'no_bundle',
    });
  });
});

describe('assign: hysteresis, projection, explanations', () => {
  const scorer = prepareBundle(bundle);

  it('keeps the previous segment when the nearest one does not lead by the margin', () => {
    // Between shopper (3, 0) and reader (0, 3), slightly nearer to the reader.
    const x = new Float32Array([1.45, 1.55]);
    expect(assign(scorer, x).id).toBe('reader');
    const kept = assign(scorer, x, x, { previous: 'shopper', margin: 0.2 });
    expect(kept.id).toBe('shopper');
    expect(kept.explanation).toContain('Still "Shopper"');
    expect(kept.explanation).toContain('not ahead by enough');
    expect(assign(scorer, new Float32Array([0, 3]), undefined, { previous: 'shopper', margin: 0.2 }).id).toBe('reader');
  });

  it('contributions add up to the gap in squared distance between the runner-up and the choice', () => {
    fc.assert(
      fc.property(fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true }), (a, b) => {
        const x = new Float32Array([a, b]);
        const result = assign(scorer, x);
        const sq = Object.values(result.distances)
          .map((d) => d * d)
          .sort((p, q) => p - q);
        const sum = result.contributions.reduce((s, c) => s + c.weight, 0);
        expect(sum).toBeCloseTo((sq[1] as number) - (sq[0] as number), 3);
      }),
    );
  });

  it('with a projection, explains in input features whose shares add up to the same gap', () => {
    const projected = {
      ...bundle,
      projection: {
        matrix: [
          [0.6, 0.8],
          [-0.8, 0.6],
        ],
        mean: [0.5, 0.5],
      },
    };
    const s = prepareBundle(projected);
    const x = new Float32Array([2, 1]);
    const z = new Float32Array([0.6 * 1.5 + 0.8 * 0.5, -0.8 * 1.5 + 0.6 * 0.5]);
    const result = assign(s, x, z);
    expect(result.contributions.map((c) => c.feature).sort()).toEqual([
      'session.pages.product',
      'session.pages.reading',
    ]);
    const sq = Object.values(result.distances)
      .map((d) => d * d)
      .sort((p, q) => p - q);
    // The x-dependent part of the gap: total minus the centroid norms' part.
    const best = bundle.model.centroids[bundle.segments.findIndex((g) => g.id === result.id)] as number[];
    const ids = Object.entries(result.distances).sort((p, q) => p[1] - q[1]);
    const second = bundle.model.centroids[bundle.segments.findIndex((g) => g.id === ids[1]?.[0])] as number[];
    const norm = (r: number[]) => r.reduce((t, v) => t + v * v, 0);
    const sum = result.contributions.reduce((t, c) => t + c.weight, 0);
    expect(sum + norm(second) - norm(best)).toBeCloseTo((sq[1] as number) - (sq[0] as number), 3);
  });

  it('never returns NaN confidence, whatever the input', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { minLength: 2, maxLength: 2 }), (v) => {
        const a = assign(scorer, new Float32Array(v));
        expect(a.confidence).toBeGreaterThanOrEqual(0);
        expect(a.confidence).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('assign: invariants', () => {
  const rows = fc.integer({ min: 1, max: 5 }).chain((d) =>
    fc.record({
      d: fc.constant(d),
      centroids: fc.uniqueArray(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: d, maxLength: d }), {
        minLength: 2,
        maxLength: 6,
        selector: (r) => r.join(','),
      }),
      x: fc.array(fc.integer({ min: -50, max: 50 }), { minLength: d, maxLength: d }),
    }),
  );
  const make = (centroids: number[][], order: number[]): Bundle => ({
    format: 'edgeseg-bundle/1',
    version: 1,
    features: (centroids[0] as number[]).map((_, j) => ({ name: `trait.f${j}` })),
    model: { type: 'centroids', centroids: order.map((i) => centroids[i] as number[]) },
    segments: order.map((i) => ({ id: `s${i}`, label: `S${i}` })),
  });

  it('centroid order does not matter: the same segment at the same distance, confidence in [0, 1], never NaN', () => {
    fc.assert(
      fc.property(rows, fc.boolean(), ({ centroids, x }, cosine) => {
        const ids = centroids.map((_, i) => i);
        const forward = make(centroids, ids);
        const backward = make(centroids, [...ids].reverse());
        if (cosine) forward.model.metric = backward.model.metric = 'cosine';
        const v = new Float32Array(x);
        const a = assign(prepareBundle(forward), v);
        const b = assign(prepareBundle(backward), v);
        expect(a.distances[a.id as string]).toBeCloseTo(b.distances[b.id as string] as number, 9);
        for (const r of [a, b]) {
          expect(Number.isNaN(r.confidence)).toBe(false);
          expect(r.confidence).toBeGreaterThanOrEqual(0);
          expect(r.confidence).toBeLessThanOrEqual(1);
          for (const c of r.contributions) expect(Number.isFinite(c.weight)).toBe(true);
        }
      }),
    );
  });
});
