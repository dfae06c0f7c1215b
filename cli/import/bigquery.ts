import { parseCsv } from '../train/csv';
import type { ImportedModel } from './imported-model';

type Row = Record<string, unknown>;

/** Rows from `bq query --format=json` (an array), an NDJSON export, or a CSV export. */
export function bigqueryRows(text: string): Row[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) return JSON.parse(trimmed) as Row[];
  if (trimmed.startsWith('{'))
    return trimmed
      .split(/\r?\n/)
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Row);
  const { csv, bad } = parseCsv(trimmed, ',');
  if (bad.length > 0) throw new Error(`line ${bad[0]?.line}: ${bad[0]?.reason}`);
  return csv.rows.map((r) => {
    const cells = r.cells;
    return Object.fromEntries(csv.header.map((h, i) => [h, cells[i]]));
  });
}

const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN);

function isCategorical(v: unknown): boolean {
  return (Array.isArray(v) && v.length > 0) || (typeof v === 'string' && v.trim() !== '' && v.trim() !== '[]');
}

/**
 * With hyperparameter tuning, ML.CENTROIDS returns every trial's centroids, told apart by
 * `trial_id`; mixing them would build a model no trial trained. One trial is kept: the
 * only one, or the one `--trial` names.
 */
function oneTrial(rows: Row[], trial: number | undefined): Row[] {
  const trials = [
    ...new Set(
      rows
        .map((r) => r['trial_id'])
        .filter((t) => t !== undefined && t !== null)
        .map(num),
    ),
  ];
  trials.sort((a, b) => a - b);
  if (trial === undefined) {
    if (trials.length > 1)
      throw new Error(
        `rows of ${trials.length} hyperparameter-tuning trials (${trials.join(', ')}): pass --trial N (ML.TRIAL_INFO says which is optimal)`,
      );
    return rows;
  }
  const kept = rows.filter((r) => num(r['trial_id']) === trial);
  if (kept.length === 0)
    throw new Error(
      `no rows of trial ${trial} (trials: ${trials.length > 0 ? trials.join(', ') : 'none, the model was not tuned'})`,
    );
  return kept;
}

/**
 * BigQuery ML: the rows of `ML.CENTROIDS(MODEL m)` (`centroid_id`, `feature`,
 * `numerical_value`, `categorical_value`), in the original feature units. With
 * `standardize_features` (BigQuery's default) the model measured distances on
 * standardised features, so the scaling comes from `ML.FEATURE_INFO(MODEL m)` rows
 * (`input`, `mean`, `stddev`) and the centroids are standardised with it; the mean also
 * becomes each feature's imputed value, as BigQuery imputes NULLs. `bq --format=json`
 * renders numbers as strings, and `bq --format=csv` can only export the three scalar
 * columns (`centroid_id`, `feature`, `numerical_value`): both are read.
 */
export function readBigquery(allRows: Row[], featureInfo?: Row[], trial?: number): ImportedModel {
  if (!Array.isArray(allRows) || allRows.length === 0) throw new Error('no ML.CENTROIDS rows');
  const centroidRows = oneTrial(allRows, trial);
  const ids: number[] = [];
  const names: string[] = [];
  const values = new Map<string, number>();
  centroidRows.forEach((row, i) => {
    const id = num(row['centroid_id']);
    const feature = row['feature'];
    if (!Number.isInteger(id) || typeof feature !== 'string')
      throw new Error(`row ${i + 1}: needs centroid_id and feature (is this ML.CENTROIDS output?)`);
    const noNumber =
      row['numerical_value'] === null || row['numerical_value'] === undefined || row['numerical_value'] === '';
    // The three-column CSV export has no categorical_value: an empty number is the sign.
    if (noNumber && (isCategorical(row['categorical_value']) || row['categorical_value'] === undefined)) {
      throw new Error(
        `feature "${feature}" is categorical: edgeseg centroids take numerical features only (encode it as 0/1 columns before CREATE MODEL)`,
      );
    }
    const v = num(row['numerical_value']);
    if (!Number.isFinite(v))
      throw new Error(
        `row ${i + 1} (centroid ${id}, ${feature}): numerical_value ${JSON.stringify(row['numerical_value'])} is not a number`,
      );
    if (!ids.includes(id)) ids.push(id);
    if (!names.includes(feature)) names.push(feature);
    values.set(`${id}\u0000${feature}`, v);
  });
  ids.sort((a, b) => a - b);
  const centers = ids.map((id) =>
    names.map((f) => {
      const v = values.get(`${id}\u0000${f}`);
      if (v === undefined) throw new Error(`centroid ${id} has no value for feature "${f}"`);
      return v;
    }),
  );
  const model: ImportedModel = {
    source: 'bigquery',
    featureNames: names,
    centers,
    extra: { centroidIds: ids, ...(trial !== undefined ? { trialId: trial } : {}) },
  };
  if (featureInfo) {
    const info = new Map(featureInfo.map((r) => [String(r['input']), r]));
    const mean = names.map((f) => num(info.get(f)?.['mean']));
    const std = names.map((f) => num(info.get(f)?.['stddev']));
    const missing = names.filter((_, j) => !Number.isFinite(mean[j]) || !Number.isFinite(std[j]));
    if (missing.length > 0) throw new Error(`ML.FEATURE_INFO has no mean/stddev for: ${missing.join(', ')}`);
    model.scaler = { mean, std };
    // BigQuery ML fills a NULL numerical input with the column's training mean.
    model.impute = mean;
    model.centers = centers.map((row) =>
      row.map((v, j) => ((std[j] as number) > 0 ? (v - (mean[j] as number)) / (std[j] as number) : 0)),
    );
  }
  return model;
}
