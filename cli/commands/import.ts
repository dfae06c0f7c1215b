import { parseArgs, numberFlag, stringFlag, UsageError } from '../args';
import { readJson, readText, writeAtomic } from '../io';
import { bigqueryRows, readBigquery } from '../import/bigquery';
import { modelToBundle, type ImportedModel } from '../import/imported-model';
import { readSklearn } from '../import/sklearn';
import { readSparkJson } from '../import/spark';
import { readSparkModelDir } from '../import/spark-model-dir';
import { statSync } from 'node:fs';
import { checkTrainingSpec } from '../train/training-spec';
import type { SegmentMeta } from '../../src/types/bundle';

/** `edgeseg import --help`. */
export const importHelp = `edgeseg import sklearn|spark|bigquery FILE --spec MAP.json --out BUNDLE.json [options]

Turns k-means trained elsewhere into an edgeseg-bundle/1 (see the README for each export).

  sklearn FILE         JSON: feature_names, cluster_centers, scaler_mean, scaler_scale,
                       with_mean, with_std
  spark DIR            a saved PipelineModel directory (VectorAssembler → StandardScalerModel
                       → KMeansModel; Parquet data read in JavaScript), or a bare KMeansModel
                       directory with --features a,b,c
  spark FILE.json      JSON: feature_names, cluster_centers, scaler_mean, scaler_std,
                       with_mean, with_std, distance_measure
  bigquery FILE        ML.CENTROIDS rows: bq --format=json, NDJSON or CSV
  --feature-info FILE  bigquery: ML.FEATURE_INFO rows (mean, stddev) for the standardisation
                       and the imputation of missing values (BigQuery fills them with the mean)
  --trial N            bigquery: the hyperparameter-tuning trial to import (ML.CENTROIDS
                       of a tuned model holds every trial's centroids)
  --spec FILE          mapping: {"features": [{"name": "<catalogue feature>", "column":
                       "<their feature name>", "transform": "log1p"?, ...}]}
  --out FILE           bundle to write (atomically)
  --labels FILE        JSON {"segment-1": {"id", "label", "description"}}; segment-N is cluster N-1
  --version N          bundle version (default 1)`;

async function readModel(
  kind: string,
  file: string,
  featureInfo: string | undefined,
  features: string[] | undefined,
  trial: number | undefined,
): Promise<ImportedModel> {
  try {
    if (kind === 'sklearn') return readSklearn(readJson<unknown>(file));
    if (kind === 'spark' && statSync(file, { throwIfNoEntry: false })?.isDirectory())
      return await readSparkModelDir(file, features);
    if (kind === 'spark') return readSparkJson(readJson<unknown>(file));
    return readBigquery(
      bigqueryRows(readText(file)),
      featureInfo ? bigqueryRows(readText(featureInfo)) : undefined,
      trial,
    );
  } catch (error) {
    const message = (error as Error).message;
    throw new Error(message.startsWith(file) ? message : `${file}: ${message}`);
  }
}

/** `edgeseg import`: scikit-learn, Spark MLlib or BigQuery ML k-means → bundle. */
export async function importModel(argv: readonly string[], log: (line: string) => void): Promise<number> {
  const args = parseArgs(argv);
  const [kind, file] = args.positional;
  if (!kind || !['sklearn', 'spark', 'bigquery'].includes(kind))
    throw new UsageError('the first argument must be sklearn, spark or bigquery');
  if (!file) throw new UsageError(`which ${kind} export file?`);
  const specPath = stringFlag(args, 'spec');
  const spec = checkTrainingSpec(readJson<unknown>(specPath), specPath);
  const out = stringFlag(args, 'out');
  const featureInfo = args.flags.get('feature-info');
  const labelsPath = args.flags.get('labels');
  const labels =
    typeof labelsPath === 'string' ? readJson<Record<string, Partial<SegmentMeta>>>(labelsPath) : undefined;
  const features = args.flags.get('features');
  const model = await readModel(
    kind,
    file,
    typeof featureInfo === 'string' ? featureInfo : undefined,
    typeof features === 'string' ? features.split(',') : undefined,
    args.flags.has('trial') ? numberFlag(args, 'trial', 0, { integer: true }) : undefined,
  );
  if (kind === 'bigquery' && !model.scaler)
    log('note: no --feature-info: centroids are used in their original units, without standardisation');
  const bundle = modelToBundle(model, spec, {
    version: numberFlag(args, 'version', 1, { min: 0, integer: true }),
    ...(labels ? { labels } : {}),
  });
  writeAtomic(out, JSON.stringify(bundle, null, 2) + '\n');
  log(`imported ${bundle.segments.length} ${kind} clusters over ${bundle.features.length} features; wrote ${out}`);
  bundle.segments.forEach((s) => log(`  ${s.id.padEnd(16)} ${s.label}: ${s.description ?? ''}`));
  return 0;
}
