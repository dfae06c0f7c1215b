-- edgeseg sql features (spark): the raw values of training spec demo-shop, one row per session (docs/cli.md "edgeseg sql features").
-- Events table: events (visitor, kind, name, t, id, props), one row per event.
WITH ordered AS (
  SELECT e.visitor, e.kind, e.name, e.t, e.id,
    CASE WHEN e.kind <> 'page' THEN NULL WHEN e.props.pageType IS NULL OR e.props.pageType = '' THEN 'other'
      ELSE e.props.pageType END AS page_type,
    CASE WHEN e.kind = 'page' AND e.props.utm_source IS NOT NULL
      THEN CONCAT(e.props.utm_source, '|', COALESCE(e.props.utm_medium, ''), '|', COALESCE(e.props.utm_campaign, ''))
      END AS campaign,
    CASE WHEN e.kind = 'identify' OR (e.kind = 'track' AND e.name IN ('scroll', 'engagement')) THEN 0 ELSE 1 END AS active,
    CASE WHEN e.t - LAG(e.t) OVER (PARTITION BY e.visitor ORDER BY e.t, e.id) > 1800000 THEN 1 ELSE 0 END AS gap
  FROM events AS e
),
runs AS (
  SELECT ordered.*, SUM(gap) OVER (PARTITION BY visitor ORDER BY t, id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS run FROM ordered
),
marked AS (
  SELECT runs.*,
    SUM(active) OVER (PARTITION BY visitor, run ORDER BY t, id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS actives,
    LAG(campaign) OVER (PARTITION BY visitor, run, campaign IS NULL ORDER BY t, id) AS previous_campaign
  FROM runs
),
opened AS (
  SELECT marked.*,
    CASE WHEN active = 1 AND actives = 1 THEN 1
      WHEN campaign IS NOT NULL AND (previous_campaign IS NULL OR previous_campaign <> campaign) THEN 1
      ELSE 0 END AS opens
  FROM marked
  WHERE actives > 0
),
sessioned AS (
  SELECT opened.*, SUM(opens) OVER (PARTITION BY visitor ORDER BY t, id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS session FROM opened
),
paged AS (
  SELECT sessioned.*,
    CASE WHEN kind = 'page' THEN LEAD(t) OVER (PARTITION BY visitor, session, kind ORDER BY t, id) END AS next_page
  FROM sessioned
),
dwelled AS (
  SELECT paged.*,
    CASE WHEN next_page IS NULL THEN 0 WHEN next_page - t > 1800000 THEN 1800
      ELSE CAST(next_page - t AS DOUBLE) / 1000 END AS dwell
  FROM paged
)
SELECT visitor, session, MIN(t) AS session_start, MAX(t) AS session_end,
    SUM(CASE WHEN page_type IN ('account', 'login', 'register', 'orders', 'wishlist') THEN 1 ELSE 0 END) AS `Administrative`,
    COALESCE(SUM(CASE WHEN page_type IN ('account', 'login', 'register', 'orders', 'wishlist') THEN dwell ELSE 0 END), 0) AS `Administrative_Duration`,
    SUM(CASE WHEN page_type IN ('about', 'contact', 'faq', 'shipping', 'returns', 'help', 'blog') THEN 1 ELSE 0 END) AS `Informational`,
    COALESCE(SUM(CASE WHEN page_type IN ('about', 'contact', 'faq', 'shipping', 'returns', 'help', 'blog') THEN dwell ELSE 0 END), 0) AS `Informational_Duration`,
    SUM(CASE WHEN page_type IN ('product', 'category', 'search', 'cart', 'checkout') THEN 1 ELSE 0 END) AS `ProductRelated`,
    COALESCE(SUM(CASE WHEN page_type IN ('product', 'category', 'search', 'cart', 'checkout') THEN dwell ELSE 0 END), 0) AS `ProductRelated_Duration`
FROM dwelled
GROUP BY visitor, session
ORDER BY visitor, session

