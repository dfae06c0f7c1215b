import { transformFeature } from '../../src/features/compute-features';
import type { FeatureSpec } from '../../src/types/bundle';
import type { Matrix } from './matrix';
import { CsvTable, type CellReader, type RawColumns } from './csv';
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
  /** The extra columns asked for (an outcome), one value per matrix row. */
  extras: Float64Array[];
}

/** The part of a feature's transform that comes before scaling: imputation, clip, log1p. */
function unscaled(feature: TrainingFeature): FeatureSpec {
  const spec: FeatureSpec = { name: feature.name };
  if (feature.impute !== undefined) spec.impute = feature.impute;
  if (feature.clip) spec.clip = feature.clip;
  if (feature.transform) spec.transform = feature.transform;
  return spec;
}

type Summary = { mean: number; std: number; min: number; max: number };

/**
 * Per column of an n × d row-major array, row by row (cache-friendly): mean, population
 * deviation (two passes, for precision), min and max. A NaN counts as its column's `fill`.
 */
function columnSummaries(values: Float64Array, n: number, d: number, fill: Float64Array): Summary[] {
  const sum = new Float64Array(d);
  const min = new Float64Array(d).fill(Infinity);
  const max = new Float64Array(d).fill(-Infinity);
  for (let i = 0, at = 0; i < n; i++) {
    for (let j = 0; j < d; j++, at++) {
      let v = values[at] as number;
      if (v !== v) v = fill[j] as number;
      sum[j] = (sum[j] as number) + v;
      if (v < (min[j] as number)) min[j] = v;
      if (v > (max[j] as number)) max[j] = v;
    }
  }
  const mean = sum.map((total) => total / n);
  const squares = new Float64Array(d);
  for (let i = 0, at = 0; i < n; i++) {
    for (let j = 0; j < d; j++, at++) {
      let v = values[at] as number;
      if (v !== v) v = fill[j] as number;
      const dv = v - (mean[j] as number);
      squares[j] = (squares[j] as number) + dv * dv;
    }
  }
  return Array.from({ length: d }, (_, j) => ({
    mean: mean[j] as number,
    std: Math.sqrt((squares[j] as number) / n),
    min: min[j] as number,
    max: max[j] as number,
  }));
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
 * Fits the scaling on the pre-scaled column's summary and returns the feature spec the bundle ships.
 * A constant column gets an exact zero spread, which the scorer maps to 0 for any value.
 */
function fitSpec(feature: TrainingFeature, s: Summary): { spec: FeatureSpec; constant: boolean } {
  const spec = unscaled(feature);
  if (feature.weight !== undefined) spec.weight = feature.weight;
  if (feature.label !== undefined) spec.label = feature.label;
  const kind = feature.scale ?? 'z';
  const constant = isConstant(s);
  if (kind === 'z')
    spec.scale = constant ? { type: 'z', mean: s.min, std: 0 } : { type: 'z', mean: s.mean, std: s.std };
  else if (kind === 'minmax') spec.scale = { type: 'minmax', min: s.min, max: constant ? s.min : s.max };
  return { spec, constant: constant && kind !== 'none' };
}

/** Raw values of the rows read, and of the extra columns (an outcome) for the same rows. */
export interface RawRows extends RawColumns {
  /** One array per extra column, NaN where missing. */
  extras: Float64Array[];
}

/**
 * Raw values, n × d row-major; NaN marks a missing value (imputed by `transformFeature`).
 * Every cell is read by the spec's `rawValue`; a CSV table reads plain decimals straight
 * from its text first, which gives the same numbers without a string per cell. `extra`
 * columns (an outcome) are read from the same rows, so they line up with the matrix.
 */
export function readRows(table: Table, spec: TrainingSpec, skipBad: boolean, extra: readonly string[] = []): RawRows {
  const d = spec.features.length;
  const list = (header: string[]) => `${header.slice(0, 12).join(', ')}${header.length > 12 ? ', …' : ''}`;
  const features: TrainingFeature[] = [...spec.features, ...extra.map((name) => ({ name, column: name }))];
  const columns = features.map((f, j) => {
    const index = table.header.indexOf(columnOf(f));
    if (index < 0)
      throw new Error(
        `column "${columnOf(f)}" (${j < d ? `feature ${f.name}` : 'the outcome'}) is not in the input (columns: ${list(table.header)})`,
      );
    return index;
  });
  const read = features.map((f) => (cell: unknown) => {
    try {
      return rawValue(f, cell);
    } catch (error) {
      throw new Error(`column "${columnOf(f)}": ${(error as Error).message}`);
    }
  });
  const w = features.length;
  let rows: RawColumns;
  if (table instanceof CsvTable)
    rows = table.readColumns(
      columns,
      read,
      features.map((f) => !f.map),
      skipBad,
    );
  else {
    const raws = new Float64Array(table.rows.length * w);
    let n = 0;
    let skipped = 0;
    for (const row of table.rows) {
      const cells = row.cells;
      try {
        for (let j = 0; j < w; j++)
          raws[n * w + j] = (read[j] as CellReader)(cells[columns[j] as number] as string) ?? NaN;
        n++;
      } catch (error) {
        if (!skipBad) throw new Error(`line ${row.line}: ${(error as Error).message} (--skip-bad to skip such rows)`);
        skipped++;
      }
    }
    rows = { raws, n, skipped };
  }
  if (w === d) return { ...rows, extras: [] };
  // Split the extra columns off, leaving the n × d feature values the rest expects.
  const { raws, n } = rows;
  const extras = extra.map((_, e) => Float64Array.from({ length: n }, (_, i) => raws[i * w + d + e] as number));
  const values = new Float64Array(n * d);
  for (let i = 0; i < n; i++) values.set(raws.subarray(i * w, i * w + d), i * d);
  return { raws: values, n, skipped: rows.skipped, extras };
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
  options: { skipBad: boolean; allowConstant: boolean; extra?: readonly string[] },
): FeatureMatrix {
  const { raws, n, skipped, extras } = readRows(table, spec, options.skipBad, options.extra);
  if (n === 0) throw new Error(skipped === 0 ? 'the input has no data rows' : 'no usable rows (all were skipped)');
  const d = spec.features.length;
  // The raw values' summaries, missing ones imputed (what `training.features` reports).
  const imputes = Float64Array.from(spec.features, (f) => f.impute ?? 0);
  const raw = columnSummaries(raws, n, d, imputes);
  const missing = new Array<number>(d).fill(0);
  for (let at = 0; at < n * d; at++) if (raws[at] !== raws[at]) missing[at % d] = (missing[at % d] as number) + 1;
  // Shared memory, so worker threads can read the matrix without a copy. It first holds
  // the values before scaling (impute, clip, transform), on which the scaling is fitted.
  const matrix: Matrix = { n, d, data: new Float64Array(new SharedArrayBuffer(n * d * 8)) };
  const before = spec.features.map(unscaled);
  for (let at = 0; at < n * d; at++) matrix.data[at] = transformFeature(before[at % d] as FeatureSpec, raws[at]);
  const pre = columnSummaries(matrix.data, n, d, imputes);
  const stats: FeatureStats[] = [];
  const specs = spec.features.map((f, j) => {
    const s = raw[j] as Summary;
    stats.push({ name: f.name, column: columnOf(f), ...s, missing: missing[j] as number });
    const { spec: fitted, constant } = fitSpec(f, pre[j] as Summary);
    if (constant && !options.allowConstant) {
      throw new Error(
        `feature ${f.name} (column "${columnOf(f)}") is constant (${s.min} in all ${n} rows): it cannot separate segments; check the column, drop the feature, or pass --allow-constant`,
      );
    }
    return fitted;
  });
  for (let at = 0; at < n * d; at++) matrix.data[at] = transformFeature(specs[at % d] as FeatureSpec, raws[at]);
  return { specs, matrix, stats, skipped, extras };
}
