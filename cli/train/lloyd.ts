import { nearest, type Matrix } from './matrix';

/** Settings shared by the batch k-means variants. */
export interface LloydOptions {
  maxIterations: number;
  /** Stop when no centroid coordinate moves by more than this (squared). */
  tolerance: number;
  /** Called after each iteration (progress bars). */
  onIteration?: (iteration: number) => void;
}

/**
 * The new centres: the mean of each cluster's rows, summed in row order so Lloyd and
 * Hamerly produce bit-identical centres from identical labels. An empty cluster keeps
 * its centre. Returns the largest squared coordinate move.
 */
export function updateCentroids(x: Matrix, labels: Int32Array, centroids: Float64Array, k: number): number {
  const { n, d, data } = x;
  const sums = new Float64Array(k * d);
  const counts = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    const c = labels[i] as number;
    counts[c] = (counts[c] as number) + 1;
    for (let j = 0; j < d; j++) sums[c * d + j] = (sums[c * d + j] as number) + (data[i * d + j] as number);
  }
  let shift = 0;
  for (let c = 0; c < k; c++) {
    if (counts[c] === 0) continue;
    for (let j = 0; j < d; j++) {
      const next = (sums[c * d + j] as number) / (counts[c] as number);
      const diff = next - (centroids[c * d + j] as number);
      shift = Math.max(shift, diff * diff);
      centroids[c * d + j] = next;
    }
  }
  return shift;
}

/**
 * Plain Lloyd iterations (every row against every centre, every time). The reference the
 * accelerated {@link hamerly} is tested against; `--algorithm lloyd` selects it.
 * Moves `centroids` in place and returns the number of iterations.
 */
export function lloyd(x: Matrix, centroids: Float64Array, k: number, options: LloydOptions): number {
  const labels = new Int32Array(x.n);
  let iterations = 0;
  while (iterations < options.maxIterations) {
    for (let i = 0; i < x.n; i++) labels[i] = nearest(x, i, centroids, k).c;
    const shift = updateCentroids(x, labels, centroids, k);
    iterations++;
    options.onIteration?.(iterations);
    if (shift <= options.tolerance) break;
  }
  return iterations;
}
