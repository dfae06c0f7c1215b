import { nearest, type Matrix } from './matrix';

export interface MiniBatchOptions {
  batchSize: number;
  maxIterations: number;
  /** Stop after this many batches without a better smoothed batch inertia (as scikit-learn). */
  patience: number;
  onIteration?: (iteration: number) => void;
}

/**
 * Mini-batch k-means (Sculley 2010, "Web-scale k-means clustering"): each step assigns a
 * random batch to the current centres, then moves every centre towards its batch rows
 * with a per-centre learning rate 1/count. The cost per step is O(batch·k·d), whatever
 * the number of rows. Moves `centroids` in place; returns the number of batches.
 */
export function miniBatch(
  x: Matrix,
  centroids: Float64Array,
  k: number,
  random: () => number,
  options: MiniBatchOptions,
): number {
  const { n, d, data } = x;
  const counts = new Float64Array(k);
  const batch = new Int32Array(Math.min(options.batchSize, n));
  const labels = new Int32Array(batch.length);
  let smoothed = Infinity;
  let best = Infinity;
  let stale = 0;
  let iterations = 0;
  const alpha = Math.min(1, (batch.length * 2) / (n + 1));
  while (iterations < options.maxIterations && stale < options.patience) {
    let inertia = 0;
    for (let b = 0; b < batch.length; b++) {
      const i = Math.floor(random() * n);
      batch[b] = i;
      const hit = nearest(x, i, centroids, k);
      labels[b] = hit.c;
      inertia += hit.dist;
    }
    for (let b = 0; b < batch.length; b++) {
      const c = labels[b] as number;
      const i = batch[b] as number;
      counts[c] = (counts[c] as number) + 1;
      const eta = 1 / (counts[c] as number);
      for (let j = 0; j < d; j++) {
        const at = c * d + j;
        centroids[at] = (centroids[at] as number) + eta * ((data[i * d + j] as number) - (centroids[at] as number));
      }
    }
    iterations++;
    options.onIteration?.(iterations);
    const mean = inertia / batch.length;
    smoothed = smoothed === Infinity ? mean : smoothed * (1 - alpha) + mean * alpha;
    if (smoothed < best) {
      best = smoothed;
      stale = 0;
    } else stale++;
  }
  return iterations;
}
