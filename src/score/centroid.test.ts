import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { argmin, centroidDistances, packCentroids, softmaxConfidence } from './centroid';

describe('centroid scoring', () => {
  it('computes euclidean and cosine distances', () => {
    const c = packCentroids([
      [0, 0],
      [3, 4],
      [1, 0],
    ]);
    expect(Array.from(centroidDistances(c, new Float32Array([0, 0]), 'euclidean'))).toEqual([0, 5, 1]);
    const cos = centroidDistances(c, new Float32Array([2, 0]), 'cosine');
    expect(cos[0]).toBe(1); // zero centroid: no direction
    expect(cos[1]).toBeCloseTo(1 - 0.6);
    expect(cos[2]).toBeCloseTo(0);
  });

  const rows = fc.integer({ min: 1, max: 6 }).chain((d) =>
    fc
      .array(fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: d, maxLength: d }), {
        minLength: 1,
        maxLength: 8,
      })
      .map((centroids) => ({ d, centroids })),
  );

  it('never returns NaN and gives confidences in [0, 1] that sum to 1', () => {
    fc.assert(
      fc.property(rows, fc.double({ min: -1e3, max: 1e3, noNaN: true }), ({ d, centroids }, v) => {
        const distances = centroidDistances(packCentroids(centroids), new Float32Array(d).fill(v), 'euclidean');
        const conf = softmaxConfidence(distances, 0.5);
        let sum = 0;
        for (const p of conf) {
          expect(Number.isNaN(p)).toBe(false);
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1);
          sum += p;
        }
        expect(sum).toBeCloseTo(1);
      }),
    );
  });

  it('centroids at ±1e308 (infinite once packed) and NaN distances give no NaN confidence', () => {
    const c = packCentroids([
      [1e308, -1e308],
      [-1e308, 1e308],
    ]);
    for (const metric of ['euclidean', 'cosine'] as const) {
      const distances = centroidDistances(c, new Float32Array([1, 2]), metric);
      const conf = Array.from(softmaxConfidence(distances, 0.5));
      expect(conf.every((p) => p >= 0 && p <= 1)).toBe(true);
      expect(conf.reduce((a, b) => a + b, 0)).toBeCloseTo(1);
    }
    expect(Array.from(softmaxConfidence([Infinity, Infinity, Infinity]))).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(Array.from(softmaxConfidence([NaN, 2, Infinity]))).toEqual([0, 1, 0]);
    expect(argmin([NaN, 2, 1])).toBe(2);
    expect(Array.from(softmaxConfidence([1, 1e308, -1e308], 1e-300))).toEqual([0, 0, 1]);
  });

  it('does not depend on centroid order: the nearest row is the same row', () => {
    fc.assert(
      fc.property(rows, ({ d, centroids }) => {
        const x = new Float32Array(d).fill(0.5);
        const best = centroids[argmin(centroidDistances(packCentroids(centroids), x, 'euclidean'))];
        const reversed = [...centroids].reverse();
        const bestReversed = reversed[argmin(centroidDistances(packCentroids(reversed), x, 'euclidean'))];
        const dist = (row: number[] | undefined) => Math.hypot(...(row ?? []).map((v) => Math.fround(v) - 0.5));
        expect(dist(bestReversed)).toBeCloseTo(dist(best));
      }),
    );
  });
});
