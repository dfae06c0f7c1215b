import type { BlockRunner } from './block-runner';
import type { KernelState } from './kernels';

/** Settings shared by the batch k-means variants. */
export interface LloydOptions {
  maxIterations: number;
  /** Stop when no centroid coordinate moves by more than this (squared). */
  tolerance: number;
  /** Called after each iteration (progress bars). */
  onIteration?: (iteration: number) => void;
}

/**
 * The new centres from the blocks' slots (per cluster: k·d sums, then k counts), added
 * in block order so Lloyd and Hamerly, and any number of threads, produce bit-identical
 * centres from identical labels. An empty cluster keeps its centre. Returns the largest
 * squared coordinate move.
 */
export function updateCentroids(out: Float64Array, centroids: Float64Array, k: number, d: number): number {
  const width = k * d + k;
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  for (let at = 0; at < out.length; at += width) {
    for (let i = 0; i < k * d; i++) sums[i] = (sums[i] as number) + (out[at + i] as number);
    for (let c = 0; c < k; c++) counts[c] = (counts[c] as number) + (out[at + k * d + c] as number);
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
export async function lloyd(
  state: KernelState,
  centroids: Float64Array,
  k: number,
  runner: BlockRunner,
  options: LloydOptions,
): Promise<number> {
  let iterations = 0;
  while (iterations < options.maxIterations) {
    const shift = updateCentroids(await runner.run('assign', { k, centroids }), centroids, k, state.d);
    iterations++;
    options.onIteration?.(iterations);
    if (shift <= options.tolerance) break;
  }
  return iterations;
}
