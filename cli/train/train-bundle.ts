import { validateBundle } from '../../src/bundle/validate-bundle';
import { BUNDLE_FORMAT } from '../../src/bundle/schema';
import type { Bundle, SegmentMeta } from '../../src/types/bundle';
import { createBlockRunner, defaultThreads, type BlockRunner } from './block-runner';
import { describeSegments } from './describe-segments';
import { distanceQuantiles } from './distance-quantiles';
import { distinctRows } from './distinct-rows';
import { featureMatrix, type FeatureStats } from './feature-matrix';
import { chooseK, scanK, type KScanRow, type KSelection } from './k-scan';
import { kmeans, type KMeansAlgorithm, type KMeansResult } from './kmeans';
import { sampledSilhouette } from './silhouette';
import { outcomeStats, type OutcomeStats } from './outcome';
import type { Table } from './table';
import type { TrainingSpec } from './training-spec';

export interface TrainOptions {
  /** A number of segments, or the range `--k auto` scans. */
  k: number | number[];
  /** How a scanned k is chosen (default silhouette). */
  select?: KSelection;
  seed: number;
  restarts: number;
  version: number;
  algorithm?: KMeansAlgorithm;
  batchSize?: number;
  maxIterations?: number;
  /** Rows in the silhouette sample (default 2000). */
  silhouetteSample?: number;
  /** Overrides of generated segment metadata, keyed by generated id (`segment-1`, ...). */
  labels?: Record<string, Partial<SegmentMeta>>;
  /** Skip rows with non-numeric cells instead of failing. */
  skipBad?: boolean;
  allowConstant?: boolean;
  createdAt?: string;
  /** An input column (raw events: a catalogue feature) to report per segment: a rate or a mean. */
  outcome?: string;
  /** Threads k-means may use (default: every core); the result does not depend on it. */
  threads?: number;
  onProgress?: (done: number) => void;
}

/** Training statistics, shipped in the bundle's `training` field (ignored by the SDK). */
export interface TrainingStats {
  rows: number;
  skipped: number;
  algorithm: KMeansAlgorithm;
  k: number;
  seed: number;
  restarts: number;
  iterations: number;
  inertia: number;
  silhouette: number;
  sizes: number[];
  features: FeatureStats[];
  scan?: { k: number; inertia: number; silhouette: number }[];
  /** With `--outcome`: the outcome's rate or mean per segment, and each segment's share of rows. */
  outcome?: OutcomeStats;
}

export interface TrainReport {
  bundle: Bundle & { training: TrainingStats };
  scan: KScanRow[] | null;
  /** Per training row, its segment index in bundle order (for plots). */
  labels: Int32Array;
  ms: number;
  /** Threads k-means ran on. */
  threads: number;
  /** Where the time went: reading values and fitting the scaling, then k-means (all restarts, final assignment). */
  phases: { featuresMs: number; kmeansMs: number };
}

const round = (v: number, digits = 6) => Number(v.toFixed(digits));

async function cluster(
  matrix: ReturnType<typeof featureMatrix>['matrix'],
  options: TrainOptions,
  runner: BlockRunner,
): Promise<{ result: KMeansResult; k: number; scan: KScanRow[] | null }> {
  const common = {
    seed: options.seed,
    restarts: options.restarts,
    maxIterations: options.maxIterations ?? (options.algorithm === 'minibatch' ? 500 : 300),
    tolerance: 1e-10,
    ...(options.algorithm ? { algorithm: options.algorithm } : {}),
    ...(options.batchSize ? { batchSize: options.batchSize } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  };
  if (typeof options.k === 'number') {
    const distinct = options.k <= matrix.n ? distinctRows(matrix, options.k) : matrix.n;
    if (options.k <= matrix.n && distinct < options.k)
      throw new Error(
        `k (${options.k}) is larger than the number of distinct rows (${distinct}): the extra segments would be empty copies of others`,
      );
    return { result: await kmeans(matrix, { ...common, k: options.k }, runner), k: options.k, scan: null };
  }
  const distinct = distinctRows(matrix, Math.max(...options.k));
  const ks = options.k.filter((k) => k <= distinct);
  if (ks.length === 0)
    throw new Error(`every k in the range is larger than the number of distinct usable rows (${distinct})`);
  const { rows, results } = await scanK(matrix, ks, common, options.silhouetteSample ?? 2000, runner);
  const k = chooseK(rows, options.select ?? 'silhouette');
  return { result: results.get(k) as KMeansResult, k, scan: rows };
}

/** The fields every produced bundle starts with: format, version, id, creation time, page groups. */
export function bundleHead(
  spec: TrainingSpec,
  options: { version: number; createdAt?: string },
): Pick<Bundle, 'format' | 'version' | 'id' | 'createdAt' | 'pageGroups'> {
  return {
    format: BUNDLE_FORMAT,
    version: options.version,
    ...(spec.id ? { id: spec.id } : {}),
    createdAt: options.createdAt ?? new Date().toISOString(),
    ...(spec.pageGroups ? { pageGroups: spec.pageGroups } : {}),
  };
}

/** Trains a bundle from a table of input rows and a training spec. */
export async function trainBundle(table: Table, spec: TrainingSpec, options: TrainOptions): Promise<TrainReport> {
  const started = performance.now();
  const { specs, matrix, stats, skipped, extras } = featureMatrix(table, spec, {
    skipBad: options.skipBad ?? false,
    allowConstant: options.allowConstant ?? false,
    ...(options.outcome !== undefined ? { extra: [options.outcome] } : {}),
  });
  const runner = createBlockRunner(options.threads ?? defaultThreads(), matrix.n);
  const clustering = performance.now();
  const { result, k, scan } = await cluster(matrix, options, runner).finally(() => runner.close());
  const clustered = performance.now();
  const d = matrix.d;
  const silhouette =
    scan?.find((r) => r.k === k)?.silhouette ??
    sampledSilhouette(matrix, result.labels, k, options.silhouetteSample ?? 2000, options.seed);
  // Largest segment first, so ids are stable for a given data set and seed.
  const order = result.sizes.map((size, c) => ({ size, c })).sort((a, b) => b.size - a.size || a.c - b.c);
  const rank = new Int32Array(k);
  order.forEach(({ c }, i) => (rank[c] = i));
  const centroids = order.map(({ c }) => Array.from(result.centroids.subarray(c * d, c * d + d), (v) => round(v)));
  const words = describeSegments(
    centroids,
    order.map((o) => o.size),
    specs,
  );
  // Against the rounded centroids the bundle ships, as the browser measures a visitor.
  const quantiles = distanceQuantiles(matrix, { centroids, metric: 'euclidean' });
  const segments: SegmentMeta[] = order.map(({ size }, i) => {
    const generated = `segment-${i + 1}`;
    const override = options.labels?.[generated] ?? {};
    const own = words[i] as (typeof words)[number];
    const description = override.description ?? `${size} of ${matrix.n} rows, against the others: ${own.description}`;
    const distances = quantiles[i];
    return {
      id: override.id ?? generated,
      label: override.label ?? own.label,
      description,
      ...(distances ? { distanceQuantiles: distances } : {}),
    };
  });
  const training: TrainingStats = {
    rows: matrix.n,
    skipped,
    algorithm: options.algorithm ?? 'hamerly',
    k,
    seed: options.seed,
    restarts: options.restarts,
    iterations: result.iterations,
    inertia: round(result.inertia, 4),
    silhouette: round(silhouette, 4),
    sizes: order.map((o) => o.size),
    features: stats.map((s) => ({
      ...s,
      mean: round(s.mean),
      std: round(s.std),
      min: round(s.min),
      max: round(s.max),
    })),
    ...(scan
      ? { scan: scan.map((r) => ({ k: r.k, inertia: round(r.inertia, 4), silhouette: round(r.silhouette, 4) })) }
      : {}),
  };
  const labels = result.labels.map((c) => rank[c] as number);
  if (options.outcome !== undefined)
    training.outcome = outcomeStats(
      options.outcome,
      segments.map((s) => s.id),
      labels,
      extras[0] as Float64Array,
    );
  const bundle = {
    ...bundleHead(spec, options),
    features: specs,
    model: { type: 'centroids', metric: 'euclidean', centroids },
    segments,
    training,
  } satisfies Bundle & { training: TrainingStats };
  const checked = validateBundle(bundle);
  if (!checked.ok) throw new Error(`trained bundle is invalid: ${checked.error.message}`);
  return {
    bundle,
    scan,
    labels,
    ms: performance.now() - started,
    phases: { featuresMs: clustering - started, kmeansMs: clustered - clustering },
    threads: runner.threads,
  };
}
