import { sqDist, type Matrix } from './matrix';

/** Index drawn with probability proportional to `weights` (total `total`). */
function draw(weights: Float64Array, total: number, random: () => number): number {
  let target = random() * total;
  for (let i = 0; i < weights.length; i++) {
    target -= weights[i] as number;
    if (target <= 0) return i;
  }
  return weights.length - 1;
}

/**
 * Greedy k-means++ seeding (Arthur & Vassilvitskii 2007, with the greedy trials that
 * scikit-learn also uses): the first centre uniformly; for each next one, 2 + ⌊ln k⌋
 * candidates are drawn with probability proportional to D² (the squared distance to the
 * nearest centre so far) and the one that lowers the total D² most is kept. The trials
 * make bad starts much rarer than plain k-means++. Deterministic for a given `random`.
 */
export function seedCentroids(x: Matrix, k: number, random: () => number): Float64Array {
  const { n, d, data } = x;
  const centroids = new Float64Array(k * d);
  const first = Math.floor(random() * n);
  centroids.set(data.subarray(first * d, first * d + d), 0);
  const best = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) total += best[i] = sqDist(data, i * d, centroids, 0, d);
  const trials = 2 + Math.floor(Math.log(k));
  const candidate = new Float64Array(n);
  const kept = new Float64Array(n);
  for (let c = 1; c < k; c++) {
    let pick = -1;
    let pickTotal = Infinity;
    for (let t = 0; t < trials; t++) {
      const at = total > 0 ? draw(best, total, random) : Math.floor(random() * n);
      let sum = 0;
      for (let i = 0; i < n; i++)
        sum += candidate[i] = Math.min(best[i] as number, sqDist(data, i * d, data, at * d, d));
      if (sum < pickTotal) {
        pickTotal = sum;
        pick = at;
        kept.set(candidate);
      }
    }
    centroids.set(data.subarray(pick * d, pick * d + d), c * d);
    best.set(kept);
    total = pickTotal;
  }
  return centroids;
}
