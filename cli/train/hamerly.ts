import { sqDist, type Matrix } from './matrix';
import { updateCentroids, type LloydOptions } from './lloyd';

/** Nearest and second-nearest centre of row `i`, as distances (not squared). */
function scan(x: Matrix, i: number, centroids: Float64Array, k: number): { c: number; first: number; second: number } {
  let c = 0;
  let first = Infinity;
  let second = Infinity;
  for (let j = 0; j < k; j++) {
    const s = sqDist(x.data, i * x.d, centroids, j * x.d, x.d);
    if (s < first) {
      second = first;
      first = s;
      c = j;
    } else if (s < second) second = s;
  }
  return { c, first: Math.sqrt(first), second: Math.sqrt(second) };
}

/** Half the distance from each centre to its nearest other centre. */
function halfGaps(centroids: Float64Array, k: number, d: number): Float64Array {
  const s = new Float64Array(k).fill(Infinity);
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      const half = Math.sqrt(sqDist(centroids, a * d, centroids, b * d, d)) / 2;
      if (half < (s[a] as number)) s[a] = half;
      if (half < (s[b] as number)) s[b] = half;
    }
  }
  return s;
}

/**
 * Hamerly's accelerated Lloyd (Hamerly 2010, "Making k-means even faster"): the same
 * iterations as {@link lloyd}, but each row keeps an upper bound on the distance to its
 * centre and a lower bound on the distance to any other, and is only rescanned when the
 * bounds (moved by how far the centres moved) can no longer prove its label. Rows deep
 * inside a cluster cost O(1) per iteration instead of O(k·d). Returns the iterations.
 */
export function hamerly(x: Matrix, centroids: Float64Array, k: number, options: LloydOptions): number {
  const { n, d } = x;
  const labels = new Int32Array(n);
  const upper = new Float64Array(n);
  const lower = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = scan(x, i, centroids, k);
    labels[i] = r.c;
    upper[i] = r.first;
    lower[i] = r.second;
  }
  const previous = new Float64Array(k * d);
  const moved = new Float64Array(k);
  let iterations = 0;
  while (iterations < options.maxIterations) {
    previous.set(centroids);
    const shift = updateCentroids(x, labels, centroids, k);
    iterations++;
    options.onIteration?.(iterations);
    if (shift <= options.tolerance) break;
    let most = 0;
    let next = 0;
    let mostAt = -1;
    for (let c = 0; c < k; c++) {
      const m = Math.sqrt(sqDist(previous, c * d, centroids, c * d, d));
      moved[c] = m;
      if (m > most) {
        next = most;
        most = m;
        mostAt = c;
      } else if (m > next) next = m;
    }
    const s = halfGaps(centroids, k, d);
    for (let i = 0; i < n; i++) {
      const c = labels[i] as number;
      upper[i] = (upper[i] as number) + (moved[c] as number);
      lower[i] = (lower[i] as number) - (c === mostAt ? next : most);
      const bound = Math.max(s[c] as number, lower[i] as number);
      if ((upper[i] as number) <= bound) continue;
      upper[i] = Math.sqrt(sqDist(x.data, i * d, centroids, c * d, d));
      if ((upper[i] as number) <= bound) continue;
      const r = scan(x, i, centroids, k);
      labels[i] = r.c;
      upper[i] = r.first;
      lower[i] = r.second;
    }
  }
  return iterations;
}
