import { argmin, centroidDistances, packCentroids } from '../../src/score/centroid';
import type { CentroidModel, DistanceQuantiles } from '../../src/types/bundle';
import { quantile } from '../report/stats';
import type { Matrix } from './matrix';

/** Rounds up at 6 decimals: a training row at a quantile stays at or below the stored value. */
const roundUp = (v: number): number => Math.ceil(v * 1e6) / 1e6;

/**
 * Per centroid (in row order), the 50th, 90th and 99th percentiles (nearest rank) of the
 * distances of the training rows nearest to it, computed with the SDK's own scorer
 * (float32 inputs, the model's metric) so a live visitor's distance is measured exactly
 * as a training row's was. `undefined` for a centroid no row is nearest to.
 */
export function distanceQuantiles(
  matrix: Matrix,
  model: Pick<CentroidModel, 'centroids' | 'metric'>,
): (DistanceQuantiles | undefined)[] {
  const { n, d, data } = matrix;
  const packed = packCentroids(model.centroids);
  const metric = model.metric ?? 'euclidean';
  const nearest = new Int32Array(n);
  const distance = new Float64Array(n);
  const counts = new Int32Array(packed.k);
  const x = new Float32Array(d);
  const out = new Float64Array(packed.k);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) x[j] = data[i * d + j] as number;
    centroidDistances(packed, x, metric, out);
    const c = argmin(out);
    nearest[i] = c;
    distance[i] = out[c] as number;
    counts[c] = (counts[c] as number) + 1;
  }
  const own = Array.from(counts, (count) => ({ values: new Float64Array(count), filled: 0 }));
  for (let i = 0; i < n; i++) {
    const bucket = own[nearest[i] as number]!;
    bucket.values[bucket.filled++] = distance[i] as number;
  }
  return own.map(({ values }) => {
    if (values.length === 0) return undefined;
    // quantile() sorts in place: the three calls share one sort.
    const at = (q: number): number => roundUp(quantile(values, q) as number);
    return { p50: at(0.5), p90: at(0.9), p99: at(0.99) };
  });
}
