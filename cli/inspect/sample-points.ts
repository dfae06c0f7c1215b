import { transformFeature } from '../../src/features/compute-features';
import { argmin, centroidDistances, packCentroids } from '../../src/score/centroid';
import type { Bundle } from '../../src/types/bundle';
import type { Table } from '../train/table';
import { columnOf, rawValue, type TrainingSpec } from '../train/training-spec';
import { principalAxes, project } from './pca';

/**
 * A training sample on the bundle's first two principal components: every `stride`-th
 * row through the bundle's own feature specs, assigned by the SDK's centroid scorer.
 */
export function samplePoints(bundle: Bundle, spec: TrainingSpec, table: Table, size: number) {
  const d = bundle.features.length;
  const columns = bundle.features.map((f) => {
    const feature = spec.features.find((s) => s.name === f.name);
    const index = feature ? table.header.indexOf(columnOf(feature)) : -1;
    if (!feature || index < 0) throw new Error(`the spec or input has no column for bundle feature ${f.name}`);
    return { feature, index };
  });
  const stride = Math.max(1, Math.floor(table.rows.length / size));
  const vectors: Float32Array[] = [];
  for (let r = 0; r < table.rows.length && vectors.length < size; r += stride) {
    const cells = (table.rows[r] as Table['rows'][number]).cells;
    try {
      vectors.push(
        Float32Array.from(bundle.features, (f, j) =>
          transformFeature(f, rawValue(columns[j]!.feature, cells[columns[j]!.index])),
        ),
      );
    } catch {
      // A malformed row is not worth failing a plot over.
    }
  }
  if (vectors.length < 2) throw new Error('too few usable rows to plot');
  const flat = new Float64Array(vectors.length * d);
  vectors.forEach((v, i) => flat.set(v, i * d));
  const { mean, axes } = principalAxes(flat, vectors.length, d, 2);
  if (axes.length < 2) axes.push(new Float64Array(d));
  const packed = packCentroids(bundle.model.centroids);
  const metric = bundle.model.metric ?? 'euclidean';
  const points = vectors.map((v) => ({
    xy: project(v, mean, axes),
    segment: argmin(centroidDistances(packed, v, metric)),
  }));
  const centres = bundle.model.centroids.map((c) => project(c, mean, axes));
  const variance = (axis: Float64Array) => vectors.reduce((s, v) => s + project(v, mean, [axis])[0]! ** 2, 0);
  const total = vectors.reduce((s, v) => s + v.reduce((t, x, j) => t + (x - mean[j]!) ** 2, 0), 0) || 1;
  const explained = `PC 1 explains ${((100 * variance(axes[0]!)) / total).toFixed(0)}% of the variance, PC 2 ${((100 * variance(axes[1]!)) / total).toFixed(0)}%`;
  return { points, centres, explained };
}
