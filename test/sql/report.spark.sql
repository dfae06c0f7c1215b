-- edgeseg report (spark): docs/report.md. Events table: events, one row per report.
WITH deduped AS (
  SELECT * FROM (
    SELECT e.*, ROW_NUMBER() OVER (PARTITION BY e.id ORDER BY e.receivedAt) AS copy
    FROM events AS e
  ) AS numbered
  WHERE copy = 1
),
arm_views AS (
  SELECT deduped.id, a.experiment, a.arm, COALESCE(deduped.segment, '(none)') AS segment,
    deduped.rr.epsilon AS epsilon, deduped.goals
  FROM deduped LATERAL VIEW explode(deduped.arms) a_view AS a
  WHERE a.exposed
),
counted AS (
  SELECT id, experiment, arm, segment, epsilon, goals FROM arm_views
  UNION ALL
  SELECT id, experiment, arm, '*' AS segment, epsilon, goals FROM arm_views
),
goal_names AS (
  SELECT DISTINCT g.goal FROM counted LATERAL VIEW explode(counted.goals) g_view AS g
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
    SUM(CASE WHEN g.converted AND epsilon IS NULL THEN COALESCE(CAST(g.value AS DOUBLE), 0) ELSE 0 END) AS value_sum,
    SUM(CASE WHEN g.converted AND epsilon IS NULL THEN COALESCE(CAST(g.value AS DOUBLE), 0) * COALESCE(CAST(g.value AS DOUBLE), 0) ELSE 0 END) AS value_squares
  FROM counted LATERAL VIEW explode(counted.goals) g_view AS g
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
    SUM(n * ((CAST(reported AS DOUBLE) / n - (1 - p)) / (2 * p - 1))) AS conversions,
    SUM(CAST(n AS DOUBLE) * n * (CAST(reported AS DOUBLE) / n * (1 - CAST(reported AS DOUBLE) / n) / n) / ((2 * p - 1) * (2 * p - 1))) AS variance
  FROM randomized GROUP BY experiment, arm, segment, goal
),
estimates AS (
  SELECT x.experiment, x.arm, x.segment, x.goal, x.views, x.exact_views, x.exact_converted,
    COALESCE(r.randomized_views, 0) AS randomized_views,
    x.exact_converted + COALESCE(r.reported, 0) AS conversions,
    x.exact_converted + COALESCE(r.conversions, 0) AS estimated_conversions,
    (x.exact_converted + COALESCE(r.conversions, 0)) / x.views AS rate,
    SQRT(CASE WHEN x.exact_views = 0 THEN 0 ELSE x.exact_converted * (1 - CAST(x.exact_converted AS DOUBLE) / x.exact_views) END
      + COALESCE(r.variance, 0)) / x.views AS se,
    r.randomized_views IS NOT NULL AS debiased,
    CASE WHEN x.exact_views = 0 THEN NULL ELSE x.value_sum / x.exact_views END AS value_per_view,
    CASE WHEN x.exact_views = 0 THEN 0 ELSE GREATEST(0, (CAST(x.exact_converted AS DOUBLE) / x.exact_views + 3.8414588206941245 / (2 * x.exact_views)) / (1 + 3.8414588206941245 / x.exact_views) - 1.9599639845400538 / (1 + 3.8414588206941245 / x.exact_views) * SQRT(CAST(x.exact_converted AS DOUBLE) / x.exact_views * (1 - CAST(x.exact_converted AS DOUBLE) / x.exact_views) / x.exact_views + 3.8414588206941245 / (4 * x.exact_views * x.exact_views))) END AS wilson_low,
    CASE WHEN x.exact_views = 0 THEN 1 ELSE LEAST(1, (CAST(x.exact_converted AS DOUBLE) / x.exact_views + 3.8414588206941245 / (2 * x.exact_views)) / (1 + 3.8414588206941245 / x.exact_views) + 1.9599639845400538 / (1 + 3.8414588206941245 / x.exact_views) * SQRT(CAST(x.exact_converted AS DOUBLE) / x.exact_views * (1 - CAST(x.exact_converted AS DOUBLE) / x.exact_views) / x.exact_views + 3.8414588206941245 / (4 * x.exact_views * x.exact_views))) END AS wilson_high
  FROM exact AS x
  LEFT JOIN debiased AS r ON r.experiment = x.experiment AND r.arm = x.arm AND r.segment = x.segment AND r.goal = x.goal
)
SELECT t.experiment, t.arm, t.segment, t.goal, t.views, t.randomized_views, t.conversions, t.estimated_conversions,
  t.rate,
  CASE WHEN t.debiased THEN t.rate - 1.9599639845400538 * t.se ELSE t.wilson_low END AS rate_low,
  CASE WHEN t.debiased THEN t.rate + 1.9599639845400538 * t.se ELSE t.wilson_high END AS rate_high,
  t.debiased, t.value_per_view,
  CASE WHEN c.arm IS NULL THEN NULL ELSE t.rate - c.rate END AS uplift,
  CASE WHEN c.arm IS NULL THEN NULL WHEN t.debiased OR c.debiased
    THEN t.rate - c.rate - 1.9599639845400538 * SQRT(t.se * t.se + c.se * c.se)
    ELSE t.rate - c.rate - SQRT((t.rate - t.wilson_low) * (t.rate - t.wilson_low) + (c.wilson_high - c.rate) * (c.wilson_high - c.rate)) END AS uplift_low,
  CASE WHEN c.arm IS NULL THEN NULL WHEN t.debiased OR c.debiased
    THEN t.rate - c.rate + 1.9599639845400538 * SQRT(t.se * t.se + c.se * c.se)
    ELSE t.rate - c.rate + SQRT((t.wilson_high - t.rate) * (t.wilson_high - t.rate) + (c.rate - c.wilson_low) * (c.rate - c.wilson_low)) END AS uplift_high,
  CASE WHEN c.arm IS NULL THEN NULL WHEN t.debiased OR c.debiased THEN 'wald-debiased' ELSE 'newcomb-wilson' END AS uplift_method
FROM estimates AS t
LEFT JOIN estimates AS c
  ON t.arm <> 'control' AND c.arm = 'control' AND c.experiment = t.experiment AND c.segment = t.segment AND c.goal = t.goal
ORDER BY t.experiment, CASE WHEN t.arm = 'control' THEN 0 ELSE 1 END, t.arm, t.segment, t.goal

