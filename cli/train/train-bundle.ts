import { transformFeature } from '../../src/features/compute-features';
import { validateBundle } from '../../src/bundle/validate-bundle';
import { BUNDLE_FORMAT } from '../../src/bundle/schema';
import type { Bundle, FeatureSpec, SegmentMeta } from '../../src/types/bundle';
import type { Csv } from './csv';
import { kmeans, type Matrix } from './kmeans';
import { rawValue, type TrainingFeature, type TrainingSpec } from './training-spec';

export interface TrainOptions {
  k: number;
  seed: number;
  restarts: number;
  version: number;
  /** Overrides of generated segment metadata, keyed by generated id (`segment-1`, ...). */
  labels?: Record<string, Partial<SegmentMeta>>;
  /** Skip rows with non-numeric cells instead of failing. */
  skipBad?: boolean;
  createdAt?: string;
}

export interface TrainReport {
  bundle: Bundle;
  rows: number;
  skipped: number;
  inertia: number;
  iterations: number;
  sizes: number[];
}

/** The part of a feature's transform that comes before scaling: imputation, clip, log1p. */
function unscaled(feature: TrainingFeature): FeatureSpec {
  const spec: FeatureSpec = { name: feature.name };
  if (feature.impute !== undefined) spec.impute = feature.impute;
  if (feature.clip) spec.clip = feature.clip;
  if (feature.transform) spec.transform = feature.transform;
  return spec;
}

/** Fits the scaling on the pre-scaled column and returns the feature spec the bundle ships. */
function fitSpec(feature: TrainingFeature, column: Float64Array): FeatureSpec {
  const spec = unscaled(feature);
  if (feature.weight !== undefined) spec.weight = feature.weight;
  if (feature.label !== undefined) spec.label = feature.label;
  const kind = feature.scale ?? 'z';
  if (kind === 'z') {
    let mean = 0;
    for (const v of column) mean += v;
    mean /= column.length;
    let variance = 0;
    for (const v of column) variance += (v - mean) * (v - mean);
    spec.scale = { type: 'z', mean, std: Math.sqrt(variance / column.length) };
  } else if (kind === 'minmax') {
    let min = Infinity;
    let max = -Infinity;
    for (const v of column) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    spec.scale = { type: 'minmax', min, max };
  }
  return spec;
}

/** Words for a centroid from its most distinctive features (largest scaled values). */
function describe(centroid: number[], specs: FeatureSpec[]): string {
  const ranked = centroid
    .map((v, j) => ({ v, label: specs[j]?.label ?? specs[j]?.name ?? '' }))
    .sort((a, b) => Math.abs(b.v) - Math.abs(a.v))
    .slice(0, 3);
  return ranked.map((r) => `${r.v > 0.25 ? 'more' : r.v < -0.25 ? 'fewer' : 'average'} ${r.label}`).join(', ');
}

/**
 * Trains a bundle from CSV rows: every row goes through the browser's own
 * `transformFeature`, so a live visitor and a training row with the same values get
 * the same vector.
 */
export function trainBundle(csv: Csv, spec: TrainingSpec, options: TrainOptions): TrainReport {
  const columns = spec.features.map((f) => {
    const index = csv.header.indexOf(f.column);
    if (index < 0) throw new Error(`column "${f.column}" (feature ${f.name}) is not in the CSV header`);
    return index;
  });
  const d = spec.features.length;
  const raws: (number | undefined)[][] = [];
  let skipped = 0;
  for (const row of csv.rows) {
    try {
      raws.push(spec.features.map((f, j) => rawValue(f, row.cells[columns[j] as number])));
    } catch (error) {
      if (!options.skipBad) throw new Error(`line ${row.line}: ${(error as Error).message}`);
      skipped++;
    }
  }
  if (raws.length === 0) throw new Error('no usable rows');
  const n = raws.length;
  // Scaling is fitted on values after imputation, clipping and log1p...
  const specs = spec.features.map((f, j) => {
    const before = unscaled(f);
    return fitSpec(f, Float64Array.from(raws, (r) => transformFeature(before, r[j])));
  });
  // ...and the training vectors come from the raw values through the bundle's own specs.
  const matrix: Matrix = { n, d, data: new Float64Array(n * d) };
  raws.forEach((r, i) => r.forEach((v, j) => (matrix.data[i * d + j] = transformFeature(specs[j] as FeatureSpec, v))));
  const result = kmeans(matrix, { k: options.k, seed: options.seed, restarts: options.restarts, maxIterations: 300, tolerance: 1e-10 });
  // Largest segment first, so ids are stable for a given data set and seed.
  const order = result.sizes.map((size, c) => ({ size, c })).sort((a, b) => b.size - a.size || a.c - b.c);
  const centroids = order.map(({ c }) => Array.from(result.centroids.subarray(c * d, c * d + d), (v) => Number(v.toFixed(6))));
  const segments: SegmentMeta[] = order.map(({ size }, i) => {
    const generated = `segment-${i + 1}`;
    const override = options.labels?.[generated] ?? {};
    const description = override.description ?? `${size} of ${n} rows: ${describe(centroids[i] as number[], specs)}`;
    return { id: override.id ?? generated, label: override.label ?? `Segment ${i + 1}`, description };
  });
  const bundle: Bundle = {
    format: BUNDLE_FORMAT,
    version: options.version,
    ...(spec.id ? { id: spec.id } : {}),
    createdAt: options.createdAt ?? new Date().toISOString(),
    ...(spec.pageGroups ? { pageGroups: spec.pageGroups } : {}),
    features: specs,
    model: { type: 'centroids', metric: 'euclidean', centroids },
    segments,
  };
  const checked = validateBundle(bundle);
  if (!checked.ok) throw new Error(`trained bundle is invalid: ${checked.error.message}`);
  return { bundle, rows: n, skipped, inertia: result.inertia, iterations: result.iterations, sizes: order.map((o) => o.size) };
}
