/** Rows packed row-major: n rows of d values. */
export interface Matrix {
  n: number;
  d: number;
  data: Float64Array;
}

/** Squared Euclidean distance between row `ai` of `a` and row `bi` of `b` (offsets in values). */
export function sqDist(a: Float64Array, ai: number, b: Float64Array, bi: number, d: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) {
    const diff = (a[ai + j] as number) - (b[bi + j] as number);
    s += diff * diff;
  }
  return s;
}

/** Index and squared distance of the centre nearest to row `i`. */
export function nearest(x: Matrix, i: number, centroids: Float64Array, k: number): { c: number; dist: number } {
  let c = 0;
  let dist = Infinity;
  for (let j = 0; j < k; j++) {
    const s = sqDist(x.data, i * x.d, centroids, j * x.d, x.d);
    if (s < dist) {
      dist = s;
      c = j;
    }
  }
  return { c, dist };
}
