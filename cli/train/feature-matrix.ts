import { transformFeature } from '../../src/features/compute-features';
import type { FeatureSpec } from '../../src/types/bundle';
import type { Matrix } from './matrix';
import type { Table } from './table';
import { columnOf, rawValue, type TrainingFeature, type TrainingSpec } from './training-spec';

/** Per feature: the raw training values' summary (after imputation), for the bundle's `training` field. */
export interface FeatureStats {
  name: string;
  column: string;
  mean: number;
  std: number;
  min: number;
  max: number;
  missing: number;
}

export interface FeatureMatrix {
  /** The fitted feature specs the bundle ships. */
  specs: FeatureSpec[];
  matrix: Matrix;
  stats: FeatureStats[];
  skipped: number;
}

/** The part of a feature's transform that comes before scaling: imputation, clip, log1p. */
function unscaled(feature: TrainingFeature): FeatureSpec {
  const spec: FeatureSpec = { name: feature.name };
  if (feature.impute !== undefined) spec.impute = feature.impute;
  if (feature.clip) spec.clip = feature.clip;
  if (feature.transform) spec.transform = feature.transform;
  return spec;
}

function summary(values: Float64Array): { mean: number; std: number; min: number; max: number } {
  let mean = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    mean += v;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  mean /= values.length;
  let variance = 0;
  for (const v of values) variance += (v - mean) * (v - mean);
  return { mean, std: Math.sqrt(variance / values.length), min, max };
}

/**
 * True when a transformed column carries no information. Summing a constant that is not
 * exactly representable (0.1, 7.3, log1p(1)) leaves a deviation of ~1e-15 rather than 0;
 * scaling by that would blow a live value up to ~1e14, so a deviation within rounding of
 * the mean counts as constant too.
 */
export function isConstant(s: { mean: number; std: number; min: number; max: number }): boolean {
  return s.max - s.min === 0 || s.std <= 1e-12 * Math.max(1, Math.abs(s.mean));
}

/**
 * Fits the scaling on the pre-scaled column and returns the feature spec the bundle ships.
 * A constant column gets an exact zero spread, which the scorer maps to 0 for any value.
 */
function fitSpec(feature: TrainingFeature, column: Float64Array): { spec: FeatureSpec; constant: boolean } {
  const spec = unscaled(feature);
  if (feature.weight !== undefined) spec.weight = feature.weight;
  if (feature.label !== undefined) spec.label = feature.label;
  const kind = feature.scale ?? 'z';
  const s = summary(column);
  const constant = isConstant(s);
  if (kind === 'z')
    spec.scale = constant ? { type: 'z', mean: s.min, std: 0 } : { type: 'z', mean: s.mean, std: s.std };
  else if (kind === 'minmax') spec.scale = { type: 'minmax', min: s.min, max: constant ? s.min : s.max };
  return { spec, constant: constant && kind !== 'none' };
}

/** Raw values, n × d row-major; NaN marks a missing value (imputed by `transformFeature`). */
function readRows(
  table: Table,
  spec: TrainingSpec,
  skipBad: boolean,
): { raws: Float64Array; n: number; skipped: number } {
  const d = spec.features.length;
  const columns = spec.features.map((f) => {
    const index = table.header.indexOf(columnOf(f));
    if (index < 0)
      throw new Error(
        `column "${columnOf(f)}" (feature ${f.name}) is not in the input (columns: ${table.header.slice(0, 12).join(', ')}${table.header.length > 12 ? ', …' : ''})`,
      );
    return index;
  });
  const raws = new Float64Array(table.rows.length * d);
  let n = 0;
  let skipped = 0;
  for (const row of table.rows) {
    const cells = row.cells;
    try {
      for (let j = 0; j < d; j++) {
        const f = spec.features[j] as TrainingFeature;
        try {
          raws[n * d + j] = rawValue(f, cells[columns[j] as number]) ?? NaN;
        } catch (error) {
          throw new Error(`column "${columnOf(f)}": ${(error as Error).message}`);
        }
      }
      n++;
    } catch (error) {
      if (!skipBad) throw new Error(`line ${row.line}: ${(error as Error).message} (--skip-bad to skip such rows)`);
      skipped++;
    }
  }
  return { raws, n, skipped };
}

/**
 * Turns input rows into the training matrix: raw values per the spec, scaling fitted on
 * them, then every row through the browser's own `transformFeature` with the fitted
 * specs, so a live visitor and a training row with the same values get the same vector.
 * A constant feature (zero spread) is refused unless `allowConstant`: it would score 0
 * for everyone and only hide a wrong column.
 */
export function featureMatrix(
  table: Table,
  spec: TrainingSpec,
  options: { skipBad: boolean; allowConstant: boolean },
): FeatureMatrix {
  const { raws, n, skipped } = readRows(table, spec, options.skipBad);
  if (n === 0)
    throw new Error(table.rows.length === 0 ? 'the input has no data rows' : 'no usable rows (all were skipped)');
  const d = spec.features.length;
  const column = (j: number, spec: FeatureSpec) => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = transformFeature(spec, raws[i * d + j]);
    return out;
  };
  const stats: FeatureStats[] = [];
  const specs = spec.features.map((f, j) => {
    const before = unscaled(f);
    const s = summary(column(j, { name: f.name, impute: f.impute ?? 0 }));
    let missing = 0;
    for (let i = 0; i < n; i++) if (Number.isNaN(raws[i * d + j])) missing++;
    stats.push({ name: f.name, column: columnOf(f), ...s, missing });
    const { spec: fitted, constant } = fitSpec(f, column(j, before));
    if (constant && !options.allowConstant) {
      throw new Error(
        `feature ${f.name} (column "${columnOf(f)}") is constant (${s.min} in all ${n} rows): it cannot separate segments; check the column, drop the feature, or pass --allow-constant`,
      );
    }
    return fitted;
  });
  const matrix: Matrix = { n, d, data: new Float64Array(n * d) };
  for (let i = 0; i < n * d; i++) matrix.data[i] = transformFeature(specs[i % d] as FeatureSpec, raws[i]);
  return { specs, matrix, stats, skipped };
}
