import { centresExport, checkKeys, numbers, type ImportedModel } from './imported-model';

const KEYS = [
  'feature_names',
  'cluster_centers',
  'scaler_mean',
  'scaler_std',
  'with_mean',
  'with_std',
  'distance_measure',
  'training_cost',
  'k',
  'spark_version',
] as const;

/** Spark's `distanceMeasure` as a bundle metric; anything else cannot be scored the same. */
export function sparkMetric(measure: unknown): 'euclidean' | 'cosine' {
  if (measure === undefined || measure === null || measure === 'euclidean') return 'euclidean';
  if (measure === 'cosine') return 'cosine';
  throw new Error(`distance measure ${JSON.stringify(measure)}: edgeseg scores euclidean or cosine`);
}

/**
 * Spark MLlib: the JSON written by the PySpark lines in the README — `feature_names`
 * (the VectorAssembler's input columns), `cluster_centers` (`KMeansModel.clusterCenters()`),
 * `distance_measure` (`getDistanceMeasure()`), and, when a `StandardScalerModel` ran
 * before it, `scaler_mean`, `scaler_std`, `with_mean`, `with_std`. Spark's scaler divides
 * by the sample deviation and subtracts the mean only with `withMean` (off by default),
 * so the mean is 0 unless `with_mean`.
 */
export function readSparkJson(json: unknown): ImportedModel {
  const { o, model } = centresExport(json, 'spark');
  checkKeys(o, KEYS);
  const { featureNames } = model;
  if (o['scaler_std'] !== undefined || o['scaler_mean'] !== undefined) {
    const d = featureNames.length;
    const withMean = o['with_mean'] === true;
    const withStd = o['with_std'] !== false;
    const mean = withMean ? numbers(o['scaler_mean'], 'scaler_mean') : new Array<number>(d).fill(0);
    const std = withStd ? numbers(o['scaler_std'], 'scaler_std') : new Array<number>(d).fill(1);
    if (mean.length !== d || std.length !== d) throw new Error('scaler_mean and scaler_std need one value per feature');
    model.scaler = { mean, std };
  }
  model.metric = sparkMetric(o['distance_measure']);
  for (const key of ['training_cost', 'k', 'spark_version', 'distance_measure'])
    if (o[key] !== undefined) (model.extra as Record<string, unknown>)[key] = o[key];
  return model;
}
