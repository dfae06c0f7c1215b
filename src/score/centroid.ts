/** Centroids packed row-major into one typed array, for cache-friendly loops. */
export interface PackedCentroids {
  k: number;
  d: number;
  data: Float32Array;
  /** Row norms, precomputed for the cosine metric. */
  norms: Float32Array;
}

/** Packs centroid rows (validated to share one length) once per bundle. */
export function packCentroids(rows: readonly (readonly number[])[]): PackedCentroids {
  const k = rows.length;
  const d = rows[0]?.length ?? 0;
  const data = new Float32Array(k * d);
  const norms = new Float32Array(k);
  for (let i = 0; i < k; i++) {
    const row = rows[i] as readonly number[];
    let norm = 0;
    for (let j = 0; j < d; j++) {
      const v = row[j] as number;
      data[i * d + j] = v;
      norm += v * v;
    }
    norms[i] = Math.sqrt(norm);
  }
  return { k, d, data, norms };
}

/**
 * Distance from `x` to every centroid, written into `out` (length k). Plain loops over
 * typed arrays: for k·d in the low thousands this beats any tensor library by a wide
 * margin (see bench/), and it allocates nothing.
 */
export function centroidDistances(
  c: PackedCentroids,
  x: Float32Array,
  metric: 'euclidean' | 'cosine',
  out: Float64Array = new Float64Array(c.k),
): Float64Array {
  const { k, d, data, norms } = c;
  if (metric === 'euclidean') {
    for (let i = 0; i < k; i++) {
      let sum = 0;
      const base = i * d;
      for (let j = 0; j < d; j++) {
        const diff = (x[j] as number) - (data[base + j] as number);
        sum += diff * diff;
      }
      out[i] = Math.sqrt(sum);
    }
    return out;
  }
  let xNorm = 0;
  for (let j = 0; j < d; j++) xNorm += (x[j] as number) * (x[j] as number);
  xNorm = Math.sqrt(xNorm);
  for (let i = 0; i < k; i++) {
    let dot = 0;
    const base = i * d;
    for (let j = 0; j < d; j++) dot += (x[j] as number) * (data[base + j] as number);
    const denom = xNorm * (norms[i] as number);
    // A zero vector has no direction: treat it as orthogonal to everything.
    out[i] = denom > 0 ? 1 - dot / denom : 1;
  }
  return out;
}

/** NaN as +Infinity: a distance that cannot be computed is no evidence of nearness. */
const far = (d: number): number => (d === d ? d : Infinity);

/** Index of the smallest distance (first on ties, so the order of equal centroids is stable; NaN is farthest). */
export function argmin(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (far(values[i] as number) < far(values[best] as number)) best = i;
  return best;
}

/**
 * Softmax over negative distances: a confidence in [0, 1] per centroid, never NaN. Shifted
 * by the minimum so large distances never underflow. A NaN distance counts as infinitely
 * far; when every distance is infinite (centroids at ±1e308 overflow the float32 packing
 * and the squares), the centroids tied at the minimum share the confidence equally
 * instead of dividing Infinity by Infinity.
 */
export function softmaxConfidence(distances: ArrayLike<number>, temperature = 1): Float64Array {
  const n = distances.length;
  const out = new Float64Array(n);
  if (n === 0) return out;
  const t = temperature > 0 && temperature < Infinity ? temperature : 1;
  let min = Infinity;
  for (let i = 0; i < n; i++) min = Math.min(min, far(distances[i] as number));
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const d = far(distances[i] as number);
    const e = d === min ? 1 : Math.exp(-(d - min) / t);
    out[i] = e;
    sum += e;
  }
  for (let i = 0; i < n; i++) out[i] = (out[i] as number) / sum;
  return out;
}
