import { centresExport, checkKeys, numbers, type ImportedModel } from './imported-model';

const KEYS = [
  'feature_names',
  'cluster_centers',
  'scaler_mean',
  'scaler_scale',
  'with_mean',
  'with_std',
  'inertia',
  'n_iter',
  'n_samples',
  'sklearn_version',
] as const;

/**
 * scikit-learn: the JSON written by the few lines of Python in the README —
 * `feature_names`, `cluster_centers` (`KMeans.cluster_centers_`), and optionally the
 * `StandardScaler`'s `scaler_mean`/`scaler_scale` (`mean_`/`scale_`) with its
 * `with_mean`/`with_std`, `inertia`, `n_iter`. `StandardScaler(with_mean=False)` still
 * fills `mean_` (it is not subtracted), and `with_std=False` leaves `scale_` null, so the
 * flags decide, not the arrays. StandardScaler divides by the population deviation, as
 * edgeseg's z scaling does, and sets `scale_` to 1 for constant columns, kept as is.
 */
export function readSklearn(json: unknown): ImportedModel {
  const { o, model } = centresExport(json, 'sklearn');
  checkKeys(o, KEYS);
  const d = model.featureNames.length;
  const flag = (key: string) => {
    if (o[key] !== undefined && typeof o[key] !== 'boolean') throw new Error(`"${key}" must be true or false`);
    return o[key] !== false;
  };
  const withMean = flag('with_mean');
  const withStd = flag('with_std');
  const present = (key: string) => o[key] !== undefined && o[key] !== null;
  if (present('scaler_mean') || present('scaler_scale')) {
    const mean =
      withMean && present('scaler_mean') ? numbers(o['scaler_mean'], 'scaler_mean') : Array<number>(d).fill(0);
    const std =
      withStd && present('scaler_scale') ? numbers(o['scaler_scale'], 'scaler_scale') : Array<number>(d).fill(1);
    if (mean.length !== d || std.length !== d)
      throw new Error('scaler_mean and scaler_scale need one value per feature');
    model.scaler = { mean, std };
  }
  const extra: Record<string, unknown> = {};
  for (const key of ['inertia', 'n_iter', 'n_samples', 'sklearn_version', 'with_mean', 'with_std'])
    if (o[key] !== undefined) extra[key] = o[key];
  model.extra = extra;
  return model;
}
