import { pageGroupIndex } from '../../src/features/context';
import { typesOf } from '../../src/features/profile-metrics';
import { isSafeKey } from '../../src/lib/safe-key';
import { columnOf, type TrainingSpec } from '../train/training-spec';
import { DIALECT_PARTS, type Dialect, type DialectParts } from './dialect';
import { visitorFeaturesSql, VISITOR_FEATURES } from './visitor-features-sql';

/** Options of the features SQL. */
export interface FeaturesSqlOptions {
  dialect: Dialect;
  /** The raw events table: `visitor`, `kind`, `name`, `t`, `id`, `props` (docs/cli.md, "edgeseg sql features"). */
  table: string;
  spec: TrainingSpec;
}

/** Session features the SQL computes (with `rows: "sessions"`, the default), as the catalogue names them. */
export const SESSION_FEATURES = /^session\.(pages|duration|cart_adds|purchases|(pages|dwell)\.[^.]{1,64})$/;

/** Events that never open a session: the reducer's passive tracks and traits (src/profile/reduce.ts). */
const PASSIVE = `e.kind = 'identify' OR (e.kind = 'track' AND e.name IN ('scroll', 'engagement'))`;

/** The SQL list of the page types a group or type name stands for; types the profile never keys are left out. */
function typeList(key: string, groups: Record<string, string[]>): string | null {
  const types = typesOf(key, groups).filter(isSafeKey);
  const quoted = types.find((t) => /['\\]/.test(t));
  if (quoted !== undefined) throw new Error(`page type ${JSON.stringify(quoted)}: quotes and backslashes are refused`);
  return types.length === 0 ? null : types.map((t) => `'${t}'`).join(', ');
}

/** One session feature, as an aggregate over the session's events (`paged`). */
function sessionFeature(name: string, groups: Record<string, string[]>, d: DialectParts): string {
  const count = (condition: string | null) => (condition ? `SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)` : '0');
  const [, field, key = ''] = /^session\.(pages|dwell|duration|cart_adds|purchases)(?:\.(.+))?$/.exec(name) ?? [];
  const types = key ? typeList(key, groups) : null;
  if (field === 'duration') return `CAST(MAX(t) - MIN(t) AS ${d.float}) / 1000`;
  if (field === 'cart_adds') return count(`kind = 'track' AND name = 'add_to_cart'`);
  if (field === 'purchases') return count(`kind = 'track' AND name = 'purchase'`);
  if (field === 'pages') return key ? count(types && `page_type IN (${types})`) : count(`kind = 'page'`);
  return types ? `COALESCE(SUM(CASE WHEN page_type IN (${types}) THEN dwell ELSE 0 END), 0)` : '0';
}

/**
 * Sessions as the reducer cuts them, in window functions: an event more than the timeout
 * after the visitor's previous one starts a run; a run's first active event opens a
 * session (scroll, engagement and identify events before it belong to none), and so does
 * a page from a campaign other than the run's last campaign page. Dwell is the time to
 * the session's next page view, at most the timeout, credited to the page being left.
 */
function sessionSql(table: string, spec: TrainingSpec, d: DialectParts, columns: string[]): string {
  const timeout = (spec.sessionTimeoutMinutes ?? 30) * 60_000;
  const groups = pageGroupIndex(spec.pageGroups);
  const order = 'ORDER BY t, id';
  const running = `${order} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW`;
  const features = spec.features.map((f, j) => `    ${sessionFeature(f.name, groups, d)} AS ${columns[j]}`).join(',\n');
  return `WITH ordered AS (
  SELECT e.visitor, e.kind, e.name, e.t, e.id,
    CASE WHEN e.kind <> 'page' THEN NULL WHEN e.props.pageType IS NULL OR e.props.pageType = '' THEN 'other'
      ELSE e.props.pageType END AS page_type,
    CASE WHEN e.kind = 'page' AND e.props.utm_source IS NOT NULL
      THEN CONCAT(e.props.utm_source, '|', COALESCE(e.props.utm_medium, ''), '|', COALESCE(e.props.utm_campaign, ''))
      END AS campaign,
    CASE WHEN ${PASSIVE} THEN 0 ELSE 1 END AS active,
    CASE WHEN e.t - LAG(e.t) OVER (PARTITION BY e.visitor ORDER BY e.t, e.id) > ${timeout} THEN 1 ELSE 0 END AS gap
  FROM ${table} AS e
),
runs AS (
  SELECT ordered.*, SUM(gap) OVER (PARTITION BY visitor ${running}) AS run FROM ordered
),
marked AS (
  SELECT runs.*,
    SUM(active) OVER (PARTITION BY visitor, run ${running}) AS actives,
    LAG(campaign) OVER (PARTITION BY visitor, run, campaign IS NULL ${order}) AS previous_campaign
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
  SELECT opened.*, SUM(opens) OVER (PARTITION BY visitor ${running}) AS session FROM opened
),
paged AS (
  SELECT sessioned.*,
    CASE WHEN kind = 'page' THEN LEAD(t) OVER (PARTITION BY visitor, session, kind ${order}) END AS next_page
  FROM sessioned
),
dwelled AS (
  SELECT paged.*,
    CASE WHEN next_page IS NULL THEN 0 WHEN next_page - t > ${timeout} THEN ${timeout / 1000}
      ELSE CAST(next_page - t AS ${d.float}) / 1000 END AS dwell
  FROM paged
)
SELECT visitor, session, MIN(t) AS session_start, MAX(t) AS session_end,
${features}
FROM dwelled
GROUP BY visitor, session
ORDER BY visitor, session
`;
}

/**
 * SQL computing a training spec's raw feature values from raw events, one row per session
 * (or per visitor, for `rows: "visitors"`), with the spec's column names: its output can
 * be trained on with the same spec, as the raw events can. It cuts sessions, credits
 * dwell and sums commerce exactly as the browser's reducer does (tested against it).
 */
export function featuresSql({ dialect, table, spec }: FeaturesSqlOptions): string {
  const d = DIALECT_PARTS[dialect];
  const perVisitor = spec.rows === 'visitors';
  const known = perVisitor ? VISITOR_FEATURES : SESSION_FEATURES;
  const names = spec.features.map(columnOf);
  for (const f of spec.features) {
    if (!known.test(f.name))
      throw new Error(
        `feature ${f.name}: edgeseg sql features computes ${perVisitor ? 'per visitor (rows: "visitors") purchases, purchases_30d|90d|365d, revenue, aov, refunds, cart_adds, checkouts, days_since_last_purchase and tenure_days' : 'per session session.pages, session.duration, session.pages.<type|group>, session.dwell.<type|group>, session.cart_adds and session.purchases'}; train on the raw events for the others`,
      );
  }
  const reserved = perVisitor ? ['visitor'] : ['visitor', 'session', 'session_start', 'session_end'];
  names.forEach((name, j) => {
    if (/["`\\]/.test(name) || reserved.includes(name) || names.indexOf(name) !== j)
      throw new Error(
        `column "${name}": SQL output columns must be distinct, free of quotes, and not ${reserved.join(', ')}`,
      );
  });
  const columns = names.map(d.quote);
  const header =
    `-- edgeseg sql features (${dialect}): the raw values of training spec ${spec.id ?? '(no id)'}, ` +
    `one row per ${perVisitor ? 'visitor' : 'session'} (docs/cli.md "edgeseg sql features").\n` +
    `-- Events table: ${table} (visitor, kind, name, t, id, props), one row per event.\n`;
  return header + (perVisitor ? visitorFeaturesSql(table, spec, d, columns) : sessionSql(table, spec, d, columns));
}
