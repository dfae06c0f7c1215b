import { sqDist, type Matrix } from './matrix';

/**
 * k-means++ seeding (Arthur & Vassilvitskii 2007): the first centre uniformly, each next
 * one with probability proportional to D², the squared distance to the nearest centre
 * chosen so far. Deterministic for a given `random`.
 */
export function seedCentroids(x: Matrix, k: number, random: () => number): Float64Array {
  const { n, d, data } = x;
  const centroids = new Float64Array(k * d);
  const first = Math.floor(random() * n);
  centroids.set(data.subarray(first * d, first * d + d), 0);
  const best = new Float64Array(n).fill(Infinity);
  for (let c = 1; c < k; c++) {
    let total = 0;
    for (let i = 0; i < n; i++) {
      const dist = sqDist(data, i * d, centroids, (c - 1) * d, d);
      if (dist < (best[i] as number)) best[i] = dist;
      total += best[i] as number;
    }
    let target = random() * total;
    let pick = n - 1;
    for (let i = 0; i < n; i++) {
      target -= best[i] as number;
      if (target <= 0) {
        pick = i;
        break;
      }
    }
    centroids.set(data.subarray(pick * d, pick * d + d), c * d);
  }
  return centroids;
}
