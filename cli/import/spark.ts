import { centresExport, numbers, type ImportedModel } from './imported-model';

/**
 * Spark MLlib: the JSON written by the PySpark lines in the README — `feature_names`
 * (the VectorAssembler's input columns), `cluster_centers` (`KMeansModel.clusterCenters()`),
 * and, when a `StandardScalerModel` ran before it, `scaler_mean`, `scaler_std`,
 * `with_mean`, `with_std`. Spark's scaler divides by the sample deviation and subtracts
 * the mean only with `withMean` (off by default), so the mean is 0 unless `with_mean`.
 */
export function readSparkJson(json: unknown): ImportedModel {
  const { o, model } = centresExport(json, 'spark');
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
  for (const key of ['training_cost', 'k', 'spark_version'])
    if (o[key] !== undefined) (model.extra as Record<string, unknown>)[key] = o[key];
  return model;
}
