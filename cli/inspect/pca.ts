/**
 * The first `count` principal axes of row-major `rows` (n × d): the covariance matrix's
 * top eigenvectors by power iteration with deflation. d is small (features), so this is
 * exact enough and needs no linear-algebra library. Returns the mean and the axes.
 */
export function principalAxes(
  rows: Float64Array,
  n: number,
  d: number,
  count = 2,
): { mean: Float64Array; axes: Float64Array[] } {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) + (rows[i * d + j] as number) / n;
  const cov = new Float64Array(d * d);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < d; a++) {
      const va = (rows[i * d + a] as number) - (mean[a] as number);
      for (let b = 0; b < d; b++)
        cov[a * d + b] =
          (cov[a * d + b] as number) + (va * ((rows[i * d + b] as number) - (mean[b] as number))) / Math.max(1, n - 1);
    }
  }
  const axes: Float64Array[] = [];
  for (let c = 0; c < Math.min(count, d); c++) {
    let v = new Float64Array(d).map((_, j) => 1 / Math.sqrt(d) + j * 1e-3);
    let eigen = 0;
    for (let it = 0; it < 500; it++) {
      const next = new Float64Array(d);
      for (let a = 0; a < d; a++)
        for (let b = 0; b < d; b++) next[a] = (next[a] as number) + (cov[a * d + b] as number) * (v[b] as number);
      const norm = Math.hypot(...next);
      if (norm === 0) break;
      next.forEach((x, j) => (next[j] = x / norm));
      const delta = next.reduce((s, x, j) => s + Math.abs(x - (v[j] as number)), 0);
      v = next;
      eigen = norm;
      if (delta < 1e-12) break;
    }
    axes.push(v);
    // Deflate: remove this component so the next power iteration finds the next one.
    for (let a = 0; a < d; a++)
      for (let b = 0; b < d; b++)
        cov[a * d + b] = (cov[a * d + b] as number) - eigen * (v[a] as number) * (v[b] as number);
  }
  return { mean, axes };
}

/** Coordinates of a d-vector on the axes. */
export function project(x: ArrayLike<number>, mean: Float64Array, axes: Float64Array[]): number[] {
  return axes.map((axis) => {
    let s = 0;
    for (let j = 0; j < axis.length; j++) s += ((x[j] as number) - (mean[j] as number)) * (axis[j] as number);
    return s;
  });
}
