-- edgeseg sql features (spark): the raw values of training spec demo-rfm, one row per visitor (docs/cli.md "edgeseg sql features").
-- Events table: events (visitor, kind, name, t, id, props), one row per event.
WITH as_of AS (SELECT MAX(t) AS t FROM events),
taken AS (
  SELECT e.visitor, e.kind, e.name, e.t, e.id,
    CASE WHEN e.kind = 'track' AND e.name IN ('purchase', 'refund') AND e.props.currency RLIKE '^[A-Za-z]{3}$'
      THEN UPPER(e.props.currency) END AS currency,
    CASE WHEN e.props.value > 0 THEN CAST(e.props.value AS DOUBLE) ELSE 0 END AS amount,
    FLOOR(CAST(e.t AS DOUBLE) / 86400000) AS day
  FROM events AS e CROSS JOIN as_of
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
    SUM(CASE WHEN x.kind = 'track' AND x.name = 'purchase' THEN 1 ELSE 0 END) AS purchases,
    SUM(CASE WHEN x.kind = 'track' AND x.name = 'purchase' AND x.day > FLOOR(CAST(as_of.t AS DOUBLE) / 86400000) - 30 THEN 1 ELSE 0 END) AS purchases_30d,
    SUM(CASE WHEN x.kind = 'track' AND x.name = 'purchase' AND x.day > FLOOR(CAST(as_of.t AS DOUBLE) / 86400000) - 90 THEN 1 ELSE 0 END) AS purchases_90d,
    SUM(CASE WHEN x.kind = 'track' AND x.name = 'purchase' AND x.day > FLOOR(CAST(as_of.t AS DOUBLE) / 86400000) - 365 THEN 1 ELSE 0 END) AS purchases_365d,
    MAX(CASE WHEN x.kind = 'track' AND x.name = 'purchase' THEN x.t END) AS last_purchase,
    SUM(CASE WHEN x.kind = 'track' AND x.name = 'purchase' AND (x.currency IS NULL OR x.currency = c.currency) THEN x.amount ELSE 0 END) AS gross,
    SUM(CASE WHEN x.kind = 'track' AND x.name = 'refund' AND (x.currency IS NULL OR x.currency = c.currency) THEN x.amount ELSE 0 END) AS refunded,
    SUM(CASE WHEN x.kind = 'track' AND x.name = 'purchase' AND NOT (x.currency IS NULL OR x.currency = c.currency) THEN 1 ELSE 0 END) AS other_currency,
    SUM(CASE WHEN x.kind = 'track' AND x.name = 'refund' THEN 1 ELSE 0 END) AS refunds,
    SUM(CASE WHEN x.kind = 'track' AND x.name = 'add_to_cart' THEN 1 ELSE 0 END) AS cart_adds,
    SUM(CASE WHEN x.kind = 'track' AND x.name = 'begin_checkout' THEN 1 ELSE 0 END) AS checkouts
  FROM taken AS x CROSS JOIN as_of
  LEFT JOIN first_currency AS c ON c.visitor = x.visitor
  GROUP BY x.visitor
)
SELECT v.visitor,
  CASE WHEN v.last_purchase IS NULL THEN NULL ELSE CAST(as_of.t - v.last_purchase AS DOUBLE) / 86400000 END AS `recency`,
  v.purchases AS `frequency`,
  CASE WHEN v.gross - v.refunded > 0 THEN v.gross - v.refunded ELSE 0 END AS `monetary`
FROM visitors AS v CROSS JOIN as_of
ORDER BY v.visitor

