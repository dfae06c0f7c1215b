import type { TrainingSpec } from '../train/training-spec';
import type { DialectParts } from './dialect';

/** Visitor features the SQL computes (with `rows: "visitors"`): recency, frequency, monetary value, cart. */
export const VISITOR_FEATURES =
  /^(purchases|purchases_(30|90|365)d|revenue|aov|refunds|cart_adds|checkouts|days_since_last_purchase|tenure_days)$/;

const DAY = 86_400_000;

/** One visitor feature over the per-visitor sums of `visitors` (`v`) at `as_of.t`. */
function visitorFeature(name: string, float: string): string {
  const days = (from: string) => `CAST(as_of.t - ${from} AS ${float}) / ${DAY}`;
  const window = /^purchases_(\d+)d$/.exec(name)?.[1];
  if (window) return `v.purchases_${window}d`;
  switch (name) {
    case 'revenue':
      return 'CASE WHEN v.gross - v.refunded > 0 THEN v.gross - v.refunded ELSE 0 END';
    case 'aov':
      return 'CASE WHEN v.purchases - v.other_currency > 0 THEN v.gross / (v.purchases - v.other_currency) END';
    case 'days_since_last_purchase':
      return `CASE WHEN v.last_purchase IS NULL THEN NULL ELSE ${days('v.last_purchase')} END`;
    case 'tenure_days':
      return days('v.first_seen');
    default:
      return `v.${name}`;
  }
}

/**
 * One row per visitor at `asOf` (default: the table's last event), from the events up to
 * it, as the reducer's commerce stats give them: the first purchase or refund with an ISO
 * 4217 code fixes the visitor's currency; amounts without a code count in it, amounts in
 * another are left out (purchases still count); revenue is net of refunds, never below 0.
 * Frequency windows count purchases on the UTC days ending with the day of `asOf`.
 */
export function visitorFeaturesSql(table: string, spec: TrainingSpec, d: DialectParts, columns: string[]): string {
  const asOf = spec.asOf === undefined ? `SELECT MAX(t) AS t FROM ${table}` : `SELECT ${Date.parse(spec.asOf)} AS t`;
  const is = (name: string) => `x.kind = 'track' AND x.name = '${name}'`;
  const count = (condition: string) => `SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;
  const inCurrency = `(x.currency IS NULL OR x.currency = c.currency)`;
  const windows = [30, 90, 365]
    .map(
      (n) =>
        `    ${count(`${is('purchase')} AND x.day > FLOOR(CAST(as_of.t AS ${d.float}) / ${DAY}) - ${n}`)} AS purchases_${n}d,`,
    )
    .join('\n');
  const features = spec.features.map((f, j) => `  ${visitorFeature(f.name, d.float)} AS ${columns[j]}`).join(',\n');
  return `WITH as_of AS (${asOf}),
taken AS (
  SELECT e.visitor, e.kind, e.name, e.t, e.id,
    CASE WHEN e.kind = 'track' AND e.name IN ('purchase', 'refund') AND ${d.fullMatch('e.props.currency', '[A-Za-z]{3}')}
      THEN UPPER(e.props.currency) END AS currency,
    CASE WHEN e.props.value > 0 THEN CAST(e.props.value AS ${d.float}) ELSE 0 END AS amount,
    FLOOR(CAST(e.t AS ${d.float}) / ${DAY}) AS day
  FROM ${table} AS e CROSS JOIN as_of
  WHERE e.t <= as_of.t
),
first_currency AS (
  SELECT visitor, currency FROM (
    SELECT visitor, currency, ROW_NUMBER() OVER (PARTITION BY visitor ORDER BY t, id) AS n
    FROM taken WHERE currency IS NOT NULL
  ) AS coded
  WHERE n = 1
),
visitors AS (
  SELECT x.visitor, MIN(x.t) AS first_seen,
    ${count(is('purchase'))} AS purchases,
${windows}
    MAX(CASE WHEN ${is('purchase')} THEN x.t END) AS last_purchase,
    SUM(CASE WHEN ${is('purchase')} AND ${inCurrency} THEN x.amount ELSE 0 END) AS gross,
    SUM(CASE WHEN ${is('refund')} AND ${inCurrency} THEN x.amount ELSE 0 END) AS refunded,
    ${count(`${is('purchase')} AND NOT ${inCurrency}`)} AS other_currency,
    ${count(is('refund'))} AS refunds,
    ${count(is('add_to_cart'))} AS cart_adds,
    ${count(is('begin_checkout'))} AS checkouts
  FROM taken AS x CROSS JOIN as_of
  LEFT JOIN first_currency AS c ON c.visitor = x.visitor
  GROUP BY x.visitor
)
SELECT v.visitor,
${features}
FROM visitors AS v CROSS JOIN as_of
ORDER BY v.visitor
`;
}
