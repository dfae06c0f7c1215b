import { describe, expect, it } from 'vitest';
import { kmeans, type Matrix } from './kmeans';
import { chooseK, elbowK, parseKRange, scanK } from './k-scan';
import { seededRandom } from './random';
import { sampledSilhouette } from './silhouette';

/** Gaussian-ish blobs around `centres`, seeded. */
function blobs(centres: number[][], perBlob: number, spread: number, seed = 3): Matrix {
  const random = seededRandom(seed);
  const d = centres[0]!.length;
  const data = new Float64Array(centres.length * perBlob * d);
  let at = 0;
  for (const c of centres)
    for (let i = 0; i < perBlob; i++)
      for (let j = 0; j < d; j++) data[at++] = c[j]! + (random() + random() + random() - 1.5) * spread;
  return { n: centres.length * perBlob, d, data };
}

const FOUR = [
  [0, 0, 0],
  [8, 0, 0],
  [0, 8, 0],
  [0, 0, 8],
];
const base = { seed: 5, restarts: 3, maxIterations: 300, tolerance: 1e-10 };

describe('kmeans', async () => {
  it('Hamerly gives exactly the centres, labels and inertia of plain Lloyd, in fewer distance computations', async () => {
    const x = blobs(
      [
        [0, 0],
        [3, 1],
        [1, 4],
        [5, 5],
        [2, 2],
      ],
      300,
      3,
    );
    const a = await kmeans(x, { ...base, k: 5, algorithm: 'lloyd' });
    const b = await kmeans(x, { ...base, k: 5, algorithm: 'hamerly' });
    expect(Array.from(b.centroids)).toEqual(Array.from(a.centroids));
    expect(Array.from(b.labels)).toEqual(Array.from(a.labels));
    expect(b.inertia).toBe(a.inertia);
    expect(b.iterations).toBe(a.iterations);
  });
  it('finds well-separated blobs, and the same seed gives the same result', async () => {
    const x = blobs(FOUR, 200, 1);
    const r = await kmeans(x, { ...base, k: 4 });
    expect(r.sizes.sort()).toEqual([200, 200, 200, 200]);
    expect(Array.from((await kmeans(x, { ...base, k: 4 })).centroids)).toEqual(Array.from(r.centroids));
  });
  it('mini-batch reaches an inertia within 2% of the exact algorithm', async () => {
    const x = blobs(FOUR, 5000, 2);
    const exact = await kmeans(x, { ...base, k: 4 });
    const mini = await kmeans(x, { ...base, k: 4, algorithm: 'minibatch', batchSize: 256, maxIterations: 400 });
    expect(mini.inertia / exact.inertia).toBeLessThan(1.02);
    expect(mini.iterations).toBeLessThan(400);
  });
  it('refuses k larger than the rows', async () => {
    await expect(kmeans(blobs([[0]], 3, 1), { ...base, k: 4 })).rejects.toThrow(
      /k \(4\) is larger than the number of usable rows \(3\)/,
    );
  });
});

describe('choosing k', async () => {
  it('silhouette and elbow both pick the true number of blobs', async () => {
    const x = blobs(FOUR, 150, 1);
    const { rows } = await scanK(x, parseKRange('2..7'), base, 400);
    expect(chooseK(rows, 'silhouette')).toBe(4);
    expect(elbowK(rows)).toBe(4);
    expect(rows.map((r) => r.k)).toEqual([2, 3, 4, 5, 6, 7]);
  });
  it('scores the silhouette of separated blobs near 1 and of one cut blob low', async () => {
    const sep = blobs(
      [
        [0, 0],
        [50, 50],
      ],
      100,
      1,
    );
    expect(sampledSilhouette(sep, (await kmeans(sep, { ...base, k: 2 })).labels, 2, 200, 1)).toBeGreaterThan(0.9);
    const one = blobs([[0, 0]], 200, 4);
    expect(sampledSilhouette(one, (await kmeans(one, { ...base, k: 2 })).labels, 2, 200, 1)).toBeLessThan(0.6);
  });
  it('parses ranges and refuses nonsense', async () => {
    expect(parseKRange('2-4')).toEqual([2, 3, 4]);
    expect(() => parseKRange('5..2')).toThrow(/k range/);
    expect(() => parseKRange('auto')).toThrow(/k range/);
  });
});
