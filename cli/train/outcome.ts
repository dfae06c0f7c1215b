/** An outcome per segment: what share of its rows converted (a 0/1 column), or its mean. */
export interface OutcomeStats {
  /** The input column (or, for raw events, the catalogue feature) read as the outcome. */
  column: string;
  /** `rate` when every value is 0 or 1 (TRUE/FALSE counts as 1/0), else `mean`. */
  kind: 'rate' | 'mean';
  /** Over all rows with a value. */
  overall: number;
  /** Rows without a value (not counted in any rate or mean). */
  missing: number;
  /** Per segment, in bundle order: its rows, their share of all rows (0..1), the outcome. */
  segments: { id: string; rows: number; share: number; value: number | null; missing: number }[];
}

const round = (v: number) => Number(v.toFixed(6));

/**
 * The outcome per segment for rows labelled `labels` (segment index, bundle order) with
 * outcome `values` (NaN: missing). This is what tells a marketer which segment buys.
 */
export function outcomeStats(
  column: string,
  ids: readonly string[],
  labels: ArrayLike<number>,
  values: Float64Array,
): OutcomeStats {
  const k = ids.length;
  const rows = new Float64Array(k);
  const sums = new Float64Array(k);
  const counted = new Float64Array(k);
  let binary = true;
  for (let i = 0; i < values.length; i++) {
    const c = labels[i] as number;
    rows[c] = (rows[c] as number) + 1;
    const v = values[i] as number;
    if (v !== v) continue;
    if (v !== 0 && v !== 1) binary = false;
    sums[c] = (sums[c] as number) + v;
    counted[c] = (counted[c] as number) + 1;
  }
  const total = values.length;
  const allCounted = counted.reduce((a, b) => a + b, 0);
  return {
    column,
    kind: binary ? 'rate' : 'mean',
    overall: allCounted > 0 ? round(sums.reduce((a, b) => a + b, 0) / allCounted) : 0,
    missing: total - allCounted,
    segments: ids.map((id, c) => ({
      id,
      rows: rows[c] as number,
      share: total > 0 ? round((rows[c] as number) / total) : 0,
      value: (counted[c] as number) > 0 ? round((sums[c] as number) / (counted[c] as number)) : null,
      missing: (rows[c] as number) - (counted[c] as number),
    })),
  };
}

/** A value as the table shows it: a rate in percent, a mean with 2–3 significant decimals. */
export function formatOutcome(value: number | null, kind: OutcomeStats['kind']): string {
  if (value === null) return '–';
  if (kind === 'rate') return `${(value * 100).toFixed(1)}%`;
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3);
}

/** The per-segment table `train` and `inspect` print: rows, share of rows, outcome, label. */
export function outcomeTable(stats: OutcomeStats, labels: readonly string[]): string[] {
  const head = `${stats.column} (${stats.kind})`;
  const lines = [
    `${'segment'.padEnd(18)} ${'rows'.padStart(8)} ${'share'.padStart(7)} ${head.padStart(Math.max(12, head.length))}  label`,
  ];
  const line = (id: string, rows: number, share: number, value: number | null, label: string) =>
    `${id.padEnd(18)} ${String(rows).padStart(8)} ${`${(share * 100).toFixed(1)}%`.padStart(7)} ${formatOutcome(value, stats.kind).padStart(Math.max(12, head.length))}  ${label}`.trimEnd();
  stats.segments.forEach((s, i) => lines.push(line(s.id, s.rows, s.share, s.value, labels[i] ?? '')));
  const all = stats.segments.reduce((a, s) => a + s.rows, 0);
  lines.push(
    line(
      'all',
      all,
      all > 0 ? 1 : 0,
      stats.overall,
      stats.missing > 0 ? `(${stats.missing} rows without a value)` : '',
    ),
  );
  return lines;
}
