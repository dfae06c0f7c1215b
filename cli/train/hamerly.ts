import type { BlockRunner } from './block-runner';
import type { KernelState } from './kernels';
import { updateCentroids, type LloydOptions } from './lloyd';
import { slotTotal } from './seed-centroids';

/** Euclidean distance between centre a of `x` and centre b of `y`. */
function gap(x: Float64Array, a: number, y: Float64Array, b: number, d: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) s += ((x[a * d + j] as number) - (y[b * d + j] as number)) ** 2;
  return Math.sqrt(s);
}

/** Half the distance from each centre to its nearest other centre. */
function halfGaps(centroids: Float64Array, k: number, d: number): Float64Array {
  const s = new Float64Array(k).fill(Infinity);
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      const half = gap(centroids, a, centroids, b, d) / 2;
      if (half < (s[a] as number)) s[a] = half;
      if (half < (s[b] as number)) s[b] = half;
    }
  }
  return s;
}

/** How far each centre moved, and the largest and second-largest moves (which move the lower bounds). */
function centreMoves(previous: Float64Array, centroids: Float64Array, k: number, d: number) {
  const moved = new Float64Array(k);
  let most = 0;
  let next = 0;
  let mostAt = -1;
  for (let c = 0; c < k; c++) {
    const m = gap(previous, c, centroids, c, d);
    moved[c] = m;
    if (m > most) {
      next = most;
      most = m;
      mostAt = c;
    } else if (m > next) next = m;
  }
  return { moved, most, next, mostAt };
}

/**
 * Hamerly's accelerated Lloyd (Hamerly 2010, "Making k-means even faster"): the same
 * iterations as {@link lloyd}, but each row keeps an upper bound on the distance to its
 * centre and a lower bound on the distance to any other, and is only rescanned when the
 * bounds (moved by how far the centres moved) can no longer prove its label. Rows deep
 * inside a cluster cost O(1) per iteration instead of O(k·d). The rows are handled block
 * by block on the runner's threads (cli/train/kernels.ts). Returns the iterations and the
 * final sizes and inertia; `state.labels` holds the final labels.
 */
export async function hamerly(
  state: KernelState,
  centroids: Float64Array,
  k: number,
  runner: BlockRunner,
  options: LloydOptions,
): Promise<{ iterations: number; sizes: number[]; inertia: number }> {
  const { d } = state;
  let out = await runner.run('hamerlyStart', { k, centroids });
  const previous = new Float64Array(k * d);
  let iterations = 0;
  for (;;) {
    previous.set(centroids);
    const shift = updateCentroids(out, centroids, k, d);
    iterations++;
    options.onIteration?.(iterations);
    const moves = { k, centroids, ...centreMoves(previous, centroids, k, d), halfGaps: halfGaps(centroids, k, d) };
    // Done: every label is checked once more against the final centres, through the
    // bounds (one distance per row for the inertia instead of k).
    if (shift <= options.tolerance || iterations >= options.maxIterations) {
      const last = await runner.run('hamerlyFinal', moves);
      const sizes = Array.from({ length: k }, (_, c) => slotTotal(last, k + 1, c));
      return { iterations, sizes, inertia: slotTotal(last, k + 1, k) };
    }
    out = await runner.run('hamerlyStep', moves);
  }
}
