// The demo's "where am I" map finds the visitor from their distances to the centroids
// alone (demo/ui/map.js), the same numbers segment().distances gives the page.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { locate } from '../../demo/ui/map.js';

const dist = (a: number[], b: number[]): number => Math.hypot(...a.map((v, i) => v - (b[i] as number)));

describe('demo map: locate()', () => {
  it("recovers the visitor's point within the centroids' span from the distances", () => {
    const centroids = [
      [-0.86, -0.93, -0.4, -0.41, -0.09, 0.11],
      [0.78, 0.9, -0.41, -0.46, 0.31, 0.32],
      [0.87, 0.81, 1.91, 2.0, 0.8, 0.68],
      [-0.79, -0.83, -0.44, -0.44, -1.59, -1.99],
    ];
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }), (w) => {
        // A point of the span: c0 + Σ w_j (c_j − c0).
        const c0 = centroids[0] as number[];
        const x = c0.map((v, i) => v + w.reduce((s, wj, j) => s + wj * ((centroids[j + 1] as number[])[i]! - v), 0));
        const found = locate(
          centroids,
          centroids.map((c) => dist(x, c)),
        ) as number[];
        expect(dist(found, x)).toBeLessThan(1e-6);
      }),
    );
  });
});
