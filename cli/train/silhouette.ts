import { sqDist, type Matrix } from './matrix';
import { seededRandom } from './random';

/**
 * The mean silhouette (Rousseeuw 1987) of a seeded random sample of rows: for each,
 * (b − a) / max(a, b) with a the mean distance to its own cluster and b the smallest mean
 * distance to another. O(sample²·d), so it stays cheap on any input; rows alone in their
 * cluster within the sample score 0, as in scikit-learn.
 */
export function sampledSilhouette(x: Matrix, labels: Int32Array, k: number, sampleSize: number, seed: number): number {
  if (k < 2) return 0;
  const random = seededRandom(seed ^ 0x5bd1e995);
  const m = Math.min(sampleSize, x.n);
  const rows = new Int32Array(m);
  if (m === x.n) rows.forEach((_, i) => (rows[i] = i));
  else for (let s = 0; s < m; s++) rows[s] = Math.floor(random() * x.n);
  const counts = new Float64Array(k);
  for (const i of rows) counts[labels[i] as number] = (counts[labels[i] as number] as number) + 1;
  // sums[s·k + c]: total distance from sample row s to the sample rows of cluster c. Each
  // pair is measured once and added to both rows, halving the O(m²·d) work.
  const sums = new Float64Array(m * k);
  for (let s = 0; s < m; s++) {
    const i = rows[s] as number;
    const ci = labels[i] as number;
    for (let t = s + 1; t < m; t++) {
      const j = rows[t] as number;
      const dist = Math.sqrt(sqDist(x.data, i * x.d, x.data, j * x.d, x.d));
      sums[s * k + (labels[j] as number)] = (sums[s * k + (labels[j] as number)] as number) + dist;
      sums[t * k + ci] = (sums[t * k + ci] as number) + dist;
    }
  }
  let total = 0;
  for (let s = 0; s < m; s++) {
    const own = labels[rows[s] as number] as number;
    if ((counts[own] as number) <= 1) continue;
    const a = (sums[s * k + own] as number) / ((counts[own] as number) - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++)
      if (c !== own && (counts[c] as number) > 0) b = Math.min(b, (sums[s * k + c] as number) / (counts[c] as number));
    if (b === Infinity) continue;
    const denom = Math.max(a, b);
    total += denom > 0 ? (b - a) / denom : 0;
  }
  return total / m;
}
