import { seededRandom } from './random';

/** Rows packed row-major: n rows of d values. */
export interface Matrix {
  n: number;
  d: number;
  data: Float64Array;
}

export interface KMeansOptions {
  k: number;
  seed: number;
  /** Independent k-means++ starts; the lowest inertia wins. */
  restarts: number;
  maxIterations: number;
  /** Stop when no centroid moves more than this (squared distance). */
  tolerance: number;
}

export interface KMeansResult {
  centroids: Float64Array;
  labels: Int32Array;
  inertia: number;
  iterations: number;
  sizes: number[];
}

function sqDist(a: Float64Array, ai: number, b: Float64Array, bi: number, d: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) {
    const diff = (a[ai + j] as number) - (b[bi + j] as number);
    s += diff * diff;
  }
  return s;
}

/** k-means++ seeding: each next centre drawn with probability proportional to D². */
function seedCentroids(x: Matrix, k: number, random: () => number): Float64Array {
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

function lloyd(x: Matrix, centroids: Float64Array, k: number, options: KMeansOptions): KMeansResult {
  const { n, d, data } = x;
  const labels = new Int32Array(n);
  const sums = new Float64Array(k * d);
  const counts = new Int32Array(k);
  let inertia = 0;
  let iterations = 0;
  for (; iterations < options.maxIterations; iterations++) {
    inertia = 0;
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      let bestC = 0;
      let bestD = Infinity;
      for (let c = 0; c < k; c++) {
        const dist = sqDist(data, i * d, centroids, c * d, d);
        if (dist < bestD) {
          bestD = dist;
          bestC = c;
        }
      }
      labels[i] = bestC;
      inertia += bestD;
      counts[bestC] = (counts[bestC] as number) + 1;
      for (let j = 0; j < d; j++) sums[bestC * d + j] = (sums[bestC * d + j] as number) + (data[i * d + j] as number);
    }
    let shift = 0;
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) continue; // an empty cluster keeps its centre
      for (let j = 0; j < d; j++) {
        const next = (sums[c * d + j] as number) / (counts[c] as number);
        const diff = next - (centroids[c * d + j] as number);
        shift = Math.max(shift, diff * diff);
        centroids[c * d + j] = next;
      }
    }
    if (shift <= options.tolerance) {
      iterations++;
      break;
    }
  }
  // Final assignment against the final centres, so labels and inertia agree with them.
  inertia = 0;
  counts.fill(0);
  for (let i = 0; i < n; i++) {
    let bestC = 0;
    let bestD = Infinity;
    for (let c = 0; c < k; c++) {
      const dist = sqDist(data, i * d, centroids, c * d, d);
      if (dist < bestD) {
        bestD = dist;
        bestC = c;
      }
    }
    labels[i] = bestC;
    inertia += bestD;
    counts[bestC] = (counts[bestC] as number) + 1;
  }
  return { centroids, labels, inertia, iterations, sizes: Array.from(counts) };
}

/** k-means with k-means++ seeding and several restarts; deterministic for a seed. */
export function kmeans(x: Matrix, options: KMeansOptions): KMeansResult {
  if (options.k < 1) throw new Error('k must be at least 1');
  if (options.k > x.n) throw new Error(`k (${options.k}) is larger than the number of rows (${x.n})`);
  const random = seededRandom(options.seed);
  let best: KMeansResult | null = null;
  for (let r = 0; r < Math.max(1, options.restarts); r++) {
    const result = lloyd(x, seedCentroids(x, options.k, random), options.k, options);
    if (!best || result.inertia < best.inertia) best = result;
  }
  return best as KMeansResult;
}
