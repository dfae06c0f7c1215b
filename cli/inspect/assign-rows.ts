import { transformFeature } from '../../src/features/compute-features';
import { argmin, centroidDistances, packCentroids } from '../../src/score/centroid';
import type { Bundle } from '../../src/types/bundle';
import { readRows } from '../train/feature-matrix';
import type { Table } from '../train/table';
import type { TrainingFeature, TrainingSpec } from '../train/training-spec';

/**
 * Every readable input row's segment, as the SDK's scorer assigns it with the bundle's
 * own feature specs, with the `extra` columns (an outcome) of the same rows. Rows that
 * cannot be read are skipped: a summary is not worth failing over one bad line.
 */
export function assignRows(
  bundle: Bundle,
  spec: TrainingSpec,
  table: Table,
  extra: readonly string[],
): { labels: Int32Array; extras: Float64Array[] } {
  const features = bundle.features.map((f) => {
    const feature = spec.features.find((s) => s.name === f.name);
    if (!feature) throw new Error(`the spec has no column for bundle feature ${f.name}`);
    return feature as TrainingFeature;
  });
  const { raws, n, extras } = readRows(table, { ...spec, features }, true, extra);
  const d = features.length;
  const packed = packCentroids(bundle.model.centroids);
  const metric = bundle.model.metric ?? 'euclidean';
  const labels = new Int32Array(n);
  const x = new Float32Array(d);
  const out = new Float64Array(packed.k);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) x[j] = transformFeature(bundle.features[j]!, raws[i * d + j]);
    labels[i] = argmin(centroidDistances(packed, x, metric, out));
  }
  return { labels, extras };
}
