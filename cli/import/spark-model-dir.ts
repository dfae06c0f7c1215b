import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { sparkMetric } from './spark';
import type { ImportedModel } from './imported-model';

type Meta = {
  class?: string;
  uid?: string;
  paramMap?: Record<string, unknown>;
  defaultParamMap?: Record<string, unknown>;
  sparkVersion?: string;
};

/**
 * The part files of a Spark output folder: Hadoop writes `part-*` files beside `_SUCCESS`
 * and hidden `.part-*.crc` checksums (skipped). Spark 2.x and 3.x name the metadata
 * `part-00000` (`saveAsTextFile`); Spark 4 writes it with the DataFrame text writer,
 * `part-00000-<uuid>-c000.txt`; Parquet data is `part-00000-<uuid>-c000.<codec>.parquet`.
 */
function partFiles(dir: string, what: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw new Error(`${dir}: no such folder (is this a Spark ML model directory?)`);
  }
  const parts = names.filter((f) => f.startsWith('part-')).sort();
  if (parts.length === 0) throw new Error(`${dir}: no part-* ${what} file`);
  return parts.map((f) => join(dir, f));
}

function readMeta(dir: string): Meta {
  const parts = partFiles(join(dir, 'metadata'), 'metadata');
  if (parts.length > 1)
    throw new Error(`${join(dir, 'metadata')}: ${parts.length} part files where Spark writes one metadata line`);
  const path = parts[0] as string;
  try {
    return JSON.parse(readFileSync(path, 'utf8').split('\n')[0] ?? '') as Meta;
  } catch (error) {
    throw new Error(`${path}: not a Spark ML metadata file (${(error as Error).message})`);
  }
}

// Spark 2.4+ keeps explicitly set params in paramMap and defaults in defaultParamMap;
// before 2.4, paramMap held both.
const param = (meta: Meta, name: string): unknown => meta.paramMap?.[name] ?? meta.defaultParamMap?.[name];

/**
 * Rows of every Parquet part file in DIR/data, whatever codec Spark wrote them with
 * (`spark.sql.parquet.compression.codec`: snappy by default, or gzip, zstd, lz4, brotli).
 */
async function readData(dir: string): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  for (const part of partFiles(join(dir, 'data'), 'Parquet data').filter((f) => f.endsWith('.parquet'))) {
    const bytes = readFileSync(part);
    try {
      rows.push(
        ...((await parquetReadObjects({
          file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
          compressors,
        })) as Record<string, unknown>[]),
      );
    } catch (error) {
      throw new Error(`${part}: ${(error as Error).message}`);
    }
  }
  if (rows.length === 0) throw new Error(`${join(dir, 'data')}: no rows in the Parquet part files`);
  return rows;
}

/** A Spark `VectorUDT` struct (type 1 dense: values; type 0 sparse: size, indices, values) as numbers. */
export function sparkVector(value: unknown, what: string): number[] {
  const v = value as {
    type?: number;
    size?: number | null;
    indices?: number[] | null;
    values?: number[] | null;
  } | null;
  if (!v || !Array.isArray(v.values)) throw new Error(`${what}: not a Spark vector`);
  if (v.type === 1) return v.values.map(Number);
  if (v.type === 0 && typeof v.size === 'number' && Array.isArray(v.indices)) {
    const out = new Array<number>(v.size).fill(0);
    v.indices.forEach((i, j) => (out[i] = Number(v.values?.[j])));
    return out;
  }
  throw new Error(`${what}: unknown Spark vector type ${v.type}`);
}

/** The KMeansModel's `distanceMeasure` (Spark 2.4+; always Euclidean before), recorded in `training`. */
function measure(meta: Meta): 'euclidean' | 'cosine' {
  try {
    return sparkMetric(param(meta, 'distanceMeasure'));
  } catch (error) {
    throw new Error(`${meta.uid ?? 'KMeansModel'}: ${(error as Error).message}`);
  }
}

async function kmeansStage(dir: string): Promise<number[][]> {
  const rows = await readData(dir);
  return rows
    .map((r) => ({
      idx: Number(r['clusterIdx']),
      center: sparkVector(r['clusterCenter'], `${dir} cluster ${String(r['clusterIdx'])}`),
    }))
    .sort((a, b) => a.idx - b.idx)
    .map((r) => r.center);
}

/**
 * Spark MLlib as saved by `model.save(path)`: a `PipelineModel` directory of
 * VectorAssembler → (StandardScalerModel →) KMeansModel stages, or a bare `KMeansModel`
 * directory with the feature names given separately. Metadata is JSON; the centres and
 * scaler vectors are read from the Parquet data files with hyparquet (pure JavaScript) and
 * the decompressors of hyparquet-compressors. The layouts of Spark 2.3 to 4.x are read.
 */
export async function readSparkModelDir(dir: string, featureNames?: string[]): Promise<ImportedModel> {
  const meta = readMeta(dir);
  const extra: Record<string, unknown> = { sparkVersion: meta.sparkVersion };
  if (meta.class === 'org.apache.spark.ml.clustering.KMeansModel') {
    if (!featureNames)
      throw new Error(`${dir} is a bare KMeansModel: pass --features a,b,c (the VectorAssembler's input columns)`);
    const metric = measure(meta);
    return {
      source: 'spark',
      featureNames,
      centers: await kmeansStage(dir),
      metric,
      extra: { ...extra, distanceMeasure: metric },
    };
  }
  if (meta.class !== 'org.apache.spark.ml.PipelineModel')
    throw new Error(`${dir}: ${meta.class ?? 'unknown class'} is neither a PipelineModel nor a KMeansModel`);
  // Stage folders are `<index>_<uid>`, the index zero-padded to the stage count's width.
  const stages = readdirSync(join(dir, 'stages'))
    .filter((name) => /^\d+_/.test(name))
    .sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
  const model: ImportedModel = { source: 'spark', featureNames: featureNames ?? [], centers: [], extra };
  for (const name of stages) {
    const stageDir = join(dir, 'stages', name);
    const stage = readMeta(stageDir);
    const kind = stage.class?.split('.').pop();
    if (kind === 'VectorAssembler') model.featureNames = featureNames ?? (param(stage, 'inputCols') as string[]);
    else if (kind === 'StandardScalerModel') {
      const [row] = await readData(stageDir);
      const std = sparkVector(row?.['std'], `${stageDir} std`);
      const mean = sparkVector(row?.['mean'], `${stageDir} mean`);
      model.scaler = {
        mean: param(stage, 'withMean') === true ? mean : mean.map(() => 0),
        std: param(stage, 'withStd') === false ? std.map(() => 1) : std,
      };
    } else if (kind === 'KMeansModel') {
      model.centers = await kmeansStage(stageDir);
      model.metric = measure(stage);
      extra['distanceMeasure'] = model.metric;
    } else
      throw new Error(
        `${stageDir}: unsupported stage ${stage.class}; the importer reads VectorAssembler → StandardScalerModel → KMeansModel (or use the JSON export)`,
      );
  }
  if (model.centers.length === 0) throw new Error(`${dir}: the pipeline has no KMeansModel stage`);
  if (model.featureNames.length === 0) throw new Error(`${dir}: no VectorAssembler stage; pass --features a,b,c`);
  return model;
}
