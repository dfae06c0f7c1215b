import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import type { ImportedModel } from './imported-model';

type Meta = {
  class?: string;
  uid?: string;
  paramMap?: Record<string, unknown>;
  defaultParamMap?: Record<string, unknown>;
  sparkVersion?: string;
};

function readMeta(dir: string): Meta {
  const path = join(dir, 'metadata', 'part-00000');
  try {
    return JSON.parse(readFileSync(path, 'utf8').split('\n')[0] ?? '') as Meta;
  } catch (error) {
    throw new Error(`${path}: not a Spark ML metadata file (${(error as Error).message})`);
  }
}

const param = (meta: Meta, name: string): unknown => meta.paramMap?.[name] ?? meta.defaultParamMap?.[name];

/** Rows of every Parquet part file in DIR/data. */
async function readData(dir: string): Promise<Record<string, unknown>[]> {
  const data = join(dir, 'data');
  const parts = readdirSync(data)
    .filter((f) => f.endsWith('.parquet'))
    .sort();
  if (parts.length === 0) throw new Error(`${data}: no Parquet part files`);
  const rows: Record<string, unknown>[] = [];
  for (const part of parts) {
    const bytes = readFileSync(join(data, part));
    rows.push(
      ...((await parquetReadObjects({
        file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
      })) as Record<string, unknown>[]),
    );
  }
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
 * scaler vectors are read from the Parquet data files with hyparquet (pure JavaScript).
 */
export async function readSparkModelDir(dir: string, featureNames?: string[]): Promise<ImportedModel> {
  const meta = readMeta(dir);
  const extra: Record<string, unknown> = { sparkVersion: meta.sparkVersion };
  if (meta.class === 'org.apache.spark.ml.clustering.KMeansModel') {
    if (!featureNames)
      throw new Error(`${dir} is a bare KMeansModel: pass --features a,b,c (the VectorAssembler's input columns)`);
    return { source: 'spark', featureNames, centers: await kmeansStage(dir), extra };
  }
  if (meta.class !== 'org.apache.spark.ml.PipelineModel')
    throw new Error(`${dir}: ${meta.class ?? 'unknown class'} is neither a PipelineModel nor a KMeansModel`);
  const stages = readdirSync(join(dir, 'stages')).sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
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
    } else if (kind === 'KMeansModel') model.centers = await kmeansStage(stageDir);
    else
      throw new Error(
        `${stageDir}: unsupported stage ${stage.class}; the importer reads VectorAssembler → StandardScalerModel → KMeansModel (or use the JSON export)`,
      );
  }
  if (model.centers.length === 0) throw new Error(`${dir}: the pipeline has no KMeansModel stage`);
  if (model.featureNames.length === 0) throw new Error(`${dir}: no VectorAssembler stage; pass --features a,b,c`);
  return model;
}
