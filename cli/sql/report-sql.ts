import { ALL_SEGMENTS, CONTROL_ARM } from '../report/build-report';
import { zFor } from '../report/stats';
import { NO_SEGMENT, type ViewScope } from '../report/tally';
import { DIALECT_PARTS, type Dialect } from './dialect';

/** Options of the report SQL. */
export interface ReportSqlOptions {
  dialect: Dialect;
  /** The events table (one row per report, the collector's fields). */
  table: string;
  scope: ViewScope;
  confidence: number;
}

/**
 * SQL computing the rows of `edgeseg report` (docs/report.md) from an events table:
 * views, conversions (as reported and de-biased), rate with Wilson or de-biased Wald
 * interval, value per view, and the uplift over control with Newcomb's hybrid Wilson
 * interval (Wald on de-biased rates when randomized). Reports are deduplicated by id.
 */
export function reportSql({ dialect, table, scope, confidence }: ReportSqlOptions): string {
  const d = DIALECT_PARTS[dialect];
  const f = (expr: string): string => `CAST(${expr} AS ${d.float})`;
  const z = zFor(confidence);
  const z2 = z * z;
  // Wilson bounds of x / n, as SQL over the column names given.
  const wilson = (x: string, n: string, sign: '-' | '+'): string =>
    `CASE WHEN ${n} = 0 THEN ${sign === '-' ? 0 : 1} ELSE ${sign === '-' ? 'GREATEST(0' : 'LEAST(1'}, ` +
    `(${f(x)} / ${n} + ${z2} / (2 * ${n})) / (1 + ${z2} / ${n}) ${sign} ` +
    `${z} / (1 + ${z2} / ${n}) * SQRT(${f(x)} / ${n} * (1 - ${f(x)} / ${n}) / ${n} + ${z2} / (4 * ${n} * ${n}))) END`;
  const exposedOnly = scope === 'exposed' ? '\n  WHERE a.exposed' : '';
  return `-- edgeseg report (${dialect}): docs/report.md. Events table: ${table}, one row per report.
WITH deduped AS (
  SELECT * FROM (
    SELECT e.*, ROW_NUMBER() OVER (PARTITION BY e.id ORDER BY e.receivedAt) AS copy
    FROM ${table} AS e
  ) AS numbered
  WHERE copy = 1
),
arm_views AS (
  SELECT deduped.id, a.experiment, a.arm, COALESCE(deduped.segment, '${NO_SEGMENT}') AS segment,
    deduped.rr.epsilon AS epsilon, deduped.goals
  FROM ${d.unnest('deduped', 'arms', 'a')}${exposedOnly}
),
counted AS (
  SELECT id, experiment, arm, segment, epsilon, goals FROM arm_views
  UNION ALL
  SELECT id, experiment, arm, '${ALL_SEGMENTS}' AS segment, epsilon, goals FROM arm_views
),
goal_names AS (
  SELECT DISTINCT g.goal FROM ${d.unnest('counted', 'goals', 'g')}
),
cells AS (
  SELECT experiment, arm, segment, COUNT(*) AS views,
    SUM(CASE WHEN epsilon IS NULL THEN 1 ELSE 0 END) AS exact_views
  FROM counted GROUP BY experiment, arm, segment
),
rr_views AS (
  SELECT experiment, arm, segment, epsilon, COUNT(*) AS n
  FROM counted WHERE epsilon IS NOT NULL GROUP BY experiment, arm, segment, epsilon
),
goal_hits AS (
  SELECT experiment, arm, segment, g.goal, epsilon,
    SUM(CASE WHEN g.converted THEN 1 ELSE 0 END) AS converted,
    SUM(CASE WHEN g.converted AND epsilon IS NULL THEN COALESCE(${f('g.value')}, 0) ELSE 0 END) AS value_sum,
    SUM(CASE WHEN g.converted AND epsilon IS NULL THEN COALESCE(${f('g.value')}, 0) * COALESCE(${f('g.value')}, 0) ELSE 0 END) AS value_squares
  FROM ${d.unnest('counted', 'goals', 'g')}
  GROUP BY experiment, arm, segment, g.goal, epsilon
),
exact AS (
  SELECT c.experiment, c.arm, c.segment, n.goal, c.views, c.exact_views,
    COALESCE(h.converted, 0) AS exact_converted, COALESCE(h.value_sum, 0) AS value_sum,
    COALESCE(h.value_squares, 0) AS value_squares
  FROM cells AS c CROSS JOIN goal_names AS n
  LEFT JOIN goal_hits AS h
    ON h.experiment = c.experiment AND h.arm = c.arm AND h.segment = c.segment AND h.goal = n.goal AND h.epsilon IS NULL
),
randomized AS (
  SELECT r.experiment, r.arm, r.segment, n.goal, r.n, COALESCE(h.converted, 0) AS reported,
    EXP(r.epsilon) / (1 + EXP(r.epsilon)) AS p
  FROM rr_views AS r CROSS JOIN goal_names AS n
  LEFT JOIN goal_hits AS h
    ON h.experiment = r.experiment AND h.arm = r.arm AND h.segment = r.segment AND h.goal = n.goal AND h.epsilon = r.epsilon
),
debiased AS (
  SELECT experiment, arm, segment, goal, SUM(n) AS randomized_views, SUM(reported) AS reported,
    SUM(n * ((${f('reported')} / n - (1 - p)) / (2 * p - 1))) AS conversions,
    SUM(${f('n')} * n * (${f('reported')} / n * (1 - ${f('reported')} / n) / n) / ((2 * p - 1) * (2 * p - 1))) AS variance
  FROM randomized GROUP BY experiment, arm, segment, goal
),
estimates AS (
  SELECT x.experiment, x.arm, x.segment, x.goal, x.views, x.exact_views, x.exact_converted,
    COALESCE(r.randomized_views, 0) AS randomized_views,
    x.exact_converted + COALESCE(r.reported, 0) AS conversions,
    x.exact_converted + COALESCE(r.conversions, 0) AS estimated_conversions,
    (x.exact_converted + COALESCE(r.conversions, 0)) / x.views AS rate,
    SQRT(CASE WHEN x.exact_views = 0 THEN 0 ELSE x.exact_converted * (1 - ${f('x.exact_converted')} / x.exact_views) END
      + COALESCE(r.variance, 0)) / x.views AS se,
    r.randomized_views IS NOT NULL AS debiased,
    CASE WHEN x.exact_views = 0 THEN NULL ELSE x.value_sum / x.exact_views END AS value_per_view,
    ${wilson('x.exact_converted', 'x.exact_views', '-')} AS wilson_low,
    ${wilson('x.exact_converted', 'x.exact_views', '+')} AS wilson_high
  FROM exact AS x
  LEFT JOIN debiased AS r ON r.experiment = x.experiment AND r.arm = x.arm AND r.segment = x.segment AND r.goal = x.goal
)
SELECT t.experiment, t.arm, t.segment, t.goal, t.views, t.randomized_views, t.conversions, t.estimated_conversions,
  t.rate,
  CASE WHEN t.debiased THEN t.rate - ${z} * t.se ELSE t.wilson_low END AS rate_low,
  CASE WHEN t.debiased THEN t.rate + ${z} * t.se ELSE t.wilson_high END AS rate_high,
  t.debiased, t.value_per_view,
  CASE WHEN c.arm IS NULL THEN NULL ELSE t.rate - c.rate END AS uplift,
  CASE WHEN c.arm IS NULL THEN NULL WHEN t.debiased OR c.debiased
    THEN t.rate - c.rate - ${z} * SQRT(t.se * t.se + c.se * c.se)
    ELSE t.rate - c.rate - SQRT((t.rate - t.wilson_low) * (t.rate - t.wilson_low) + (c.wilson_high - c.rate) * (c.wilson_high - c.rate)) END AS uplift_low,
  CASE WHEN c.arm IS NULL THEN NULL WHEN t.debiased OR c.debiased
    THEN t.rate - c.rate + ${z} * SQRT(t.se * t.se + c.se * c.se)
    ELSE t.rate - c.rate + SQRT((t.wilson_high - t.rate) * (t.wilson_high - t.rate) + (c.rate - c.wilson_low) * (c.rate - c.wilson_low)) END AS uplift_high,
  CASE WHEN c.arm IS NULL THEN NULL WHEN t.debiased OR c.debiased THEN 'wald-debiased' ELSE 'newcomb-wilson' END AS uplift_method
FROM estimates AS t
LEFT JOIN estimates AS c
  ON t.arm <> '${CONTROL_ARM}' AND c.arm = '${CONTROL_ARM}' AND c.experiment = t.experiment AND c.segment = t.segment AND c.goal = t.goal
ORDER BY t.experiment, CASE WHEN t.arm = '${CONTROL_ARM}' THEN 0 ELSE 1 END, t.arm, t.segment, t.goal
`;
}
