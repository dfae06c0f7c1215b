import { describe, expect, it } from 'vitest';
import { validateBundle } from '../../src/bundle/validate-bundle';
import { transformFeature } from '../../src/features/compute-features';
import { prepareBundle } from '../../src/score/prepare-bundle';
import { assign } from '../../src/score/assign';
import { distanceBand } from '../../src/measure/distance-band';
import type { Bundle } from '../../src/types/bundle';
import { distanceQuantiles } from './distance-quantiles';
import { seededRandom } from './random';
import type { Table } from './table';
import { trainBundle } from './train-bundle';
import { checkTrainingSpec } from './training-spec';

describe('distanceQuantiles', () => {
  it('is the nearest-rank p50, p90 and p99 of the distances of the rows nearest to each centroid', () => {
    // Centroid 0 at 0 owns rows at 1..100 (distances 1..100); centroid 1 at 1000 owns ten rows 0, 0.5, ... 4.5 away.
    const values = [
      ...Array.from({ length: 100 }, (_, i) => i + 1),
      ...Array.from({ length: 10 }, (_, i) => 1000 + i / 2),
    ];
    const matrix = { n: values.length, d: 1, data: Float64Array.from(values) };
    const [near, far, none] = distanceQuantiles(matrix, { centroids: [[0], [1000], [-5000]] });
    expect(near).toEqual({ p50: 50, p90: 90, p99: 99 });
    // Ranks ceil(0.5·10) = 5, ceil(0.9·10) = 9, ceil(0.99·10) = 10.
    expect(far).toEqual({ p50: 2, p90: 4, p99: 4.5 });
    expect(none).toBeUndefined();
  });

  it('uses the model metric (cosine: 1 − cos)', () => {
    const matrix = { n: 2, d: 2, data: Float64Array.from([1, 0, 1, 1]) };
    const [q] = distanceQuantiles(matrix, { centroids: [[1, 0]], metric: 'cosine' });
    expect(q?.p50).toBe(0);
    // Rounded up at 6 decimals: never below the exact distance.
    expect(q?.p99).toBeCloseTo(1 - Math.SQRT1_2, 5);
    expect(q!.p99).toBeGreaterThanOrEqual(1 - Math.SQRT1_2);
  });
});

describe('edgeseg train: distance quantiles in the bundle', () => {
  it('stores per segment quantiles that put about 10% of its training rows beyond p90 and 1% beyond p99, as the browser bands them', async () => {
    const random = seededRandom(3);
    const gauss = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const rows: Table['rows'] = [];
    for (let i = 0; i < 3000; i++) {
      const blob = i % 3;
      rows.push({ line: i + 2, cells: [String(4 + blob * 6 + gauss()), String(4 + (blob === 1 ? 8 : 0) + gauss())] });
    }
    const table: Table = { header: ['products', 'articles'], rows };
    const spec = checkTrainingSpec(
      {
        features: [
          { name: 'session.pages.product', column: 'products' },
          { name: 'session.pages.reading', column: 'articles' },
        ],
        pageGroups: [{ name: 'reading', types: ['article'] }],
      },
      'spec',
    );
    const { bundle, labels } = await trainBundle(table, spec, { k: 3, seed: 1, restarts: 2, version: 1, threads: 1 });
    expect(validateBundle(bundle).ok).toBe(true);
    const prepared = prepareBundle(bundle as Bundle);
    const bands = bundle.segments.map(() => [0, 0, 0, 0]);
    for (const [i, row] of rows.entries()) {
      // The model inputs as the browser transforms the same raw values.
      const x = Float32Array.from(bundle.features, (f, j) => transformFeature(f, Number(row.cells[j])));
      const a = assign(prepared, x);
      expect(a.id).toBe(bundle.segments[labels[i] as number]!.id);
      const band = distanceBand(bundle as Bundle, a, a.id);
      bands[labels[i] as number]![band as number]!++;
    }
    for (const [s, counts] of bands.entries()) {
      const n = counts.reduce((t, c) => t + c, 0);
      expect(bundle.segments[s]!.distanceQuantiles, `segment ${s}`).toBeDefined();
      // Nearest rank: at most 10% (1%) strictly beyond, and ties aside not fewer than one row short of it.
      expect((counts[2]! + counts[3]!) / n).toBeLessThanOrEqual(0.1);
      expect((counts[2]! + counts[3]! + 1) / n).toBeGreaterThanOrEqual(0.1 - 1 / n);
      expect(counts[3]! / n).toBeLessThanOrEqual(0.01);
      expect(counts[0]! / n).toBeGreaterThanOrEqual(0.5);
      expect(counts[0]! / n).toBeLessThan(0.5 + 2 / n);
    }
  });
});
