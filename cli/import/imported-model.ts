import { validateBundle } from '../../src/bundle/validate-bundle';
import type { Bundle, FeatureSpec, SegmentMeta } from '../../src/types/bundle';
import { describeSegments } from '../train/describe-segments';
import { bundleHead } from '../train/train-bundle';
import { columnOf, type TrainingSpec } from '../train/training-spec';

/** k-means output from another system, in that system's feature order. */
export interface ImportedModel {
  /** `sklearn`, `spark`, `bigquery`: recorded in the bundle's `training.source`. */
  source: string;
  featureNames: string[];
  /** One row per cluster, in the system's cluster order, in the scaled space the model ran in. */
  centers: number[][];
  /** The standardisation the model's inputs went through: `(x - mean) / std` per feature. */
  scaler?: { mean: number[]; std: number[] };
  /** How the model measures distance (Spark's `distanceMeasure`); default euclidean. */
  metric?: 'euclidean' | 'cosine';
  /**
   * Per feature, the value the system puts in for a missing one, in the model's input
   * units (BigQuery: the training mean). The bundle's `impute` comes before the spec's
   * transform, so it is carried back through it.
   */
  impute?: number[];
  /** Whatever else the export said (inertia, iterations, ...), kept in `training`. */
  extra?: Record<string, unknown>;
}

const round = (v: number) => Number(v.toFixed(6));

/**
 * Builds a bundle from an imported model and a mapping spec (the training-spec format:
 * each feature's `column` is the other system's feature name). Every model feature must
 * be mapped: dropping one would change every distance.
 */
export function modelToBundle(
  model: ImportedModel,
  spec: TrainingSpec,
  options: { version: number; labels?: Record<string, Partial<SegmentMeta>>; createdAt?: string },
): Bundle & { training: Record<string, unknown> } {
  const { featureNames, centers } = model;
  if (centers.length === 0) throw new Error('the model has no cluster centres');
  centers.forEach((row, i) => {
    if (row.length !== featureNames.length)
      throw new Error(`centre ${i} has ${row.length} values for ${featureNames.length} features`);
    row.forEach((v, j) => {
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw new Error(`centre ${i}, feature ${featureNames[j]}: ${JSON.stringify(v)} is not a finite number`);
    });
  });
  const mapped = new Set(spec.features.map(columnOf));
  const unmapped = featureNames.filter((f) => !mapped.has(f));
  if (unmapped.length > 0)
    throw new Error(
      `model features without a mapping in the spec: ${unmapped.join(', ')} (add {"name": "<catalogue feature>", "column": "${unmapped[0]}"})`,
    );
  const index = spec.features.map((f) => {
    const j = featureNames.indexOf(columnOf(f));
    if (j < 0)
      throw new Error(
        `spec column "${columnOf(f)}" (feature ${f.name}) is not a model feature (model features: ${featureNames.join(', ')})`,
      );
    return j;
  });
  const features: FeatureSpec[] = spec.features.map((f, i) => {
    const j = index[i] as number;
    const out: FeatureSpec = { name: f.name };
    if (f.impute !== undefined) out.impute = f.impute;
    else if (model.impute) out.impute = beforeTransform(model.impute[j] as number, f.transform);
    if (f.clip) out.clip = f.clip;
    if (f.transform) out.transform = f.transform;
    if (model.scaler)
      out.scale = { type: 'z', mean: model.scaler.mean[j] as number, std: model.scaler.std[j] as number };
    if (f.weight !== undefined) out.weight = f.weight;
    if (f.label !== undefined) out.label = f.label;
    return out;
  });
  const centroids = centers.map((row) => index.map((j) => round(row[j] as number)));
  // Imported models carry no cluster sizes: the average visitor is the centroids' plain mean.
  const words = describeSegments(centroids, null, features);
  const segments: SegmentMeta[] = centroids.map((_, i) => {
    const generated = `segment-${i + 1}`;
    const o = options.labels?.[generated] ?? {};
    const own = words[i] as (typeof words)[number];
    return {
      id: o.id ?? generated,
      label: o.label ?? own.label,
      description: o.description ?? `${model.source} cluster ${i}, against the others: ${own.description}`,
    };
  });
  const bundle = {
    ...bundleHead(spec, options),
    features,
    model: { type: 'centroids', metric: model.metric ?? 'euclidean', centroids },
    segments,
    training: { source: model.source, k: centroids.length, ...(model.extra ?? {}) },
  } satisfies Bundle & { training: Record<string, unknown> };
  const checked = validateBundle(bundle);
  if (!checked.ok) throw new Error(`the imported bundle is invalid: ${checked.error.message}`);
  return bundle;
}

/** The raw value that `transform` turns into `value` (log1p's inverse is expm1). */
function beforeTransform(value: number, transform: FeatureSpec['transform']): number {
  return transform === 'log1p' ? Math.expm1(value) : value;
}

/**
 * Refuses keys an export may not have: a key we do not know may change what the numbers
 * mean (a scaler option, a distance measure), and guessing would score differently from
 * the system that trained the model.
 */
export function checkKeys(o: Record<string, unknown>, known: readonly string[]): void {
  const unknown = Object.keys(o).filter((key) => !known.includes(key));
  if (unknown.length > 0)
    throw new Error(
      `unknown key${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')} (known: ${known.join(', ')})`,
    );
}

/** A numeric array from JSON, or a clear error naming the field. */
export function numbers(value: unknown, field: string): number[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'number' || !Number.isFinite(v)))
    throw new Error(`"${field}" must be an array of finite numbers`);
  return value as number[];
}

/** The part scikit-learn and Spark JSON exports share: `feature_names` and `cluster_centers`. */
export function centresExport(json: unknown, source: string): { o: Record<string, unknown>; model: ImportedModel } {
  const o = json as Record<string, unknown>;
  if (!o || typeof o !== 'object' || !Array.isArray(o['cluster_centers']))
    throw new Error(`not a ${source} export: needs "cluster_centers"`);
  const featureNames = o['feature_names'];
  if (!Array.isArray(featureNames) || featureNames.some((f) => typeof f !== 'string'))
    throw new Error('"feature_names" must be an array of strings');
  const centers = (o['cluster_centers'] as unknown[]).map((row, i) => numbers(row, `cluster_centers[${i}]`));
  return { o, model: { source, featureNames: featureNames as string[], centers, extra: {} } };
}
