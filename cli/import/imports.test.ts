import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/helpers/run-cli';
import expected from '../../test/fixtures/import/expected-assignments.json';
import { transformFeature } from '../../src/features/compute-features';
import { argmin, centroidDistances, packCentroids } from '../../src/score/centroid';
import type { Bundle } from '../../src/types/bundle';
import { sparkVector } from './spark-model-dir';

const F = 'test/fixtures/import';
const SPEC = 'demo/segments/uci.spec.json';
const dir = mkdtempSync(join(tmpdir(), 'edgeseg-import-'));

const run = runCli;

/** Imports and returns the bundle, failing the test with the CLI's message if it cannot. */
async function imported(kind: string, ...args: string[]): Promise<Bundle> {
  const out = join(dir, `${kind}-${Math.random().toString(36).slice(2)}.json`);
  const r = await run('import', kind, ...args, '--spec', SPEC, '--out', out);
  expect(r.err).toBe('');
  return JSON.parse(readFileSync(out, 'utf8')) as Bundle;
}

/** What the SDK computes for a raw row: the bundle's feature specs, then its metric's distances. */
function score(bundle: Bundle, row: (number | null)[]) {
  const x = Float32Array.from(bundle.features, (f, j) => transformFeature(f, row[j] ?? undefined));
  const distances = centroidDistances(packCentroids(bundle.model.centroids), x, bundle.model.metric ?? 'euclidean');
  return { segment: argmin(distances), distances: Array.from(distances) };
}
const segments = (bundle: Bundle, rows: (number | null)[][]) => rows.map((row) => score(bundle, row).segment);

describe('import sklearn', () => {
  it('StandardScaler(with_mean=False): the mean scikit-learn still fills is not subtracted', async () => {
    const bundle = await imported('sklearn', `${F}/sklearn-without-mean.json`);
    expect(bundle.features.map((f) => f.scale?.type === 'z' && f.scale.mean)).toEqual(bundle.features.map(() => 0));
    expect(segments(bundle, expected.sklearn_without_mean.rows)).toEqual(expected.sklearn_without_mean.clusters);
  });
  it('StandardScaler(with_std=False): scale_ is null, the features are only centred', async () => {
    const bundle = await imported('sklearn', `${F}/sklearn-without-std.json`);
    expect(segments(bundle, expected.sklearn_without_std.rows)).toEqual(expected.sklearn_without_std.clusters);
  });
  it('refuses keys it does not know, rather than guessing what they change', async () => {
    const model = JSON.parse(readFileSync(`${F}/sklearn.json`, 'utf8'));
    const path = join(dir, 'extra.json');
    writeFileSync(path, JSON.stringify({ ...model, scaler_var: model.scaler_scale, whiten: true }));
    const r = await run('import', 'sklearn', path, '--spec', SPEC, '--out', join(dir, 'x.json'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/unknown keys "scaler_var", "whiten" \(known: feature_names, cluster_centers, /);
  });
});

describe('import spark: model directories as Spark 2.3, 3.5 and 4.x save them', () => {
  it.each([
    ['spark-2.3', 'snappy Parquet, metadata/part-00000 without defaultParamMap'],
    ['spark-3.5', 'gzip Parquet, a sparse centre'],
    ['spark-4.0', 'metadata/part-00000-<uuid>-c000.txt, zstd Parquet'],
  ])('%s (%s)', async (name) => {
    const bundle = await imported('spark', `${F}/${name}`);
    expect(bundle.model.metric).toBe('euclidean');
    expect(segments(bundle, expected.rows)).toEqual(expected.spark);
  });
  it('a bare KMeansModel stage of Spark 4.x, with --features', async () => {
    const stage = readFileSync(
      `${F}/spark-4.0/metadata/${'part-00000-ee6ad477-6ba4-4b2d-831f-26119c4a2f99-c000.txt'}`,
      'utf8',
    );
    const uids = JSON.parse(stage).paramMap.stageUids as string[];
    const bundle = await imported(
      'spark',
      `${F}/spark-4.0/stages/2_${uids[2]}`,
      '--features',
      expected.columns.join(','),
    );
    const centres = JSON.parse(readFileSync(`${F}/spark.json`, 'utf8')).cluster_centers as number[][];
    expect(bundle.model.centroids).toEqual(centres.map((c) => c.map((v) => Number(v.toFixed(6)))));
  });
  it.each([
    ['a model directory', `${F}/spark-3.5-cosine`],
    ['the JSON export', `${F}/spark-cosine.json`],
  ])('distanceMeasure cosine (%s): the bundle scores with cosine distances, as Spark does', async (_, path) => {
    const bundle = await imported('spark', path);
    expect(bundle.model.metric).toBe('cosine');
    expected.spark_cosine.rows.forEach((row, i) => {
      const { segment, distances } = score(bundle, row);
      expect(segment).toBe(expected.spark_cosine.clusters[i]);
      distances.forEach((d, c) => expect(d).toBeCloseTo(expected.spark_cosine.distances[i]![c]!, 5));
    });
  });
  it('refuses an unknown distanceMeasure', async () => {
    const model = JSON.parse(readFileSync(`${F}/spark-cosine.json`, 'utf8'));
    const path = join(dir, 'manhattan.json');
    writeFileSync(path, JSON.stringify({ ...model, distance_measure: 'manhattan' }));
    expect((await run('import', 'spark', path, '--spec', SPEC, '--out', join(dir, 'x.json'))).err).toMatch(
      /distance measure "manhattan": edgeseg scores euclidean or cosine/,
    );
  });
});

describe('import bigquery', () => {
  it('reads bq --format=json (numbers as strings) and the three-column CSV', async () => {
    for (const file of ['bigquery-centroids.json', 'bigquery-centroids.csv']) {
      const bundle = await imported('bigquery', `${F}/${file}`, '--feature-info', `${F}/bigquery-feature-info.json`);
      expect(segments(bundle, expected.rows)).toEqual(expected.bigquery);
    }
  });
  it('imputes a missing value with the ML.FEATURE_INFO mean, as BigQuery does', async () => {
    const bundle = await imported(
      'bigquery',
      `${F}/bigquery-centroids.json`,
      '--feature-info',
      `${F}/bigquery-feature-info.json`,
    );
    const info = JSON.parse(readFileSync(`${F}/bigquery-feature-info.json`, 'utf8')) as { mean: string }[];
    // The spec says log1p: BigQuery saw log1p(x), so the imputed x is expm1(mean).
    bundle.features.forEach((f, j) => expect(Math.log1p(f.impute as number)).toBeCloseTo(Number(info[j]!.mean), 12));
    expect(segments(bundle, expected.bigquery_nulls.rows)).toEqual(expected.bigquery_nulls.clusters);
  });
  it('refuses centroids of several tuning trials unless --trial picks one', async () => {
    const trials = `${F}/bigquery-trials-centroids.json`;
    const info = `${F}/bigquery-feature-info.json`;
    const mixed = await run(
      'import',
      'bigquery',
      trials,
      '--feature-info',
      info,
      '--spec',
      SPEC,
      '--out',
      join(dir, 'x.json'),
    );
    expect(mixed.code).toBe(1);
    expect(mixed.err).toMatch(/rows of 2 hyperparameter-tuning trials \(1, 2\): pass --trial N/);
    const bundle = await imported('bigquery', trials, '--feature-info', info, '--trial', '2');
    expect(bundle.model.centroids).toHaveLength(3);
    expect(segments(bundle, expected.rows)).toEqual(expected.bigquery_trial_2);
    const none = await run('import', 'bigquery', trials, '--trial', '7', '--spec', SPEC, '--out', join(dir, 'x.json'));
    expect(none.err).toMatch(/no rows of trial 7 \(trials: 1, 2\)/);
  });
});

describe('import details', () => {
  it('a sparse Spark vector leaves the indices it omits at 0', () => {
    expect(sparkVector({ type: 0, size: 4, indices: [1, 3], values: [2.5, -1] }, 'v')).toEqual([0, 2.5, 0, -1]);
    expect(sparkVector({ type: 1, size: null, indices: null, values: [1, 2] }, 'v')).toEqual([1, 2]);
  });
  it('a categorical feature in the three-column CSV (empty numerical_value) is named as such', async () => {
    const path = join(dir, 'cat.csv');
    writeFileSync(path, 'centroid_id,feature,numerical_value\n1,Administrative,1.5\n1,country,\n');
    expect((await run('import', 'bigquery', path, '--spec', SPEC, '--out', join(dir, 'x.json'))).err).toMatch(
      /feature "country" is categorical/,
    );
  });
});
