import { centresExport, numbers, type ImportedModel } from './imported-model';

/**
 * scikit-learn: the JSON written by the few lines of Python in the README —
 * `feature_names`, `cluster_centers` (`KMeans.cluster_centers_`), and optionally
 * `scaler_mean`/`scaler_scale` (`StandardScaler.mean_`/`scale_`), `inertia`, `n_iter`.
 * StandardScaler divides by the population deviation, as edgeseg's z scaling does, and
 * sets `scale_` to 1 for constant columns, which is kept as is.
 */
export function readSklearn(json: unknown): ImportedModel {
  const { o, model } = centresExport(json, 'sklearn');
  const { featureNames } = model;
  if (o['scaler_mean'] !== undefined || o['scaler_scale'] !== undefined) {
    const mean = numbers(o['scaler_mean'] ?? featureNames.map(() => 0), 'scaler_mean');
    const std = numbers(o['scaler_scale'] ?? featureNames.map(() => 1), 'scaler_scale');
    if (mean.length !== featureNames.length || std.length !== featureNames.length)
      throw new Error('scaler_mean and scaler_scale need one value per feature');
    model.scaler = { mean, std };
  }
  const extra: Record<string, unknown> = {};
  for (const key of ['inertia', 'n_iter', 'n_samples', 'sklearn_version'])
    if (o[key] !== undefined) extra[key] = o[key];
  model.extra = extra;
  return model;
}
