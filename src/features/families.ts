import type { DataCategory, FeatureDeclaration } from '../types/privacy';

const f = (category: DataCategory, means: string, ...names: string[]): FeatureDeclaration[] =>
  names.map((name) => ({ name, means, category }));

/**
 * Every family of features a bundle may name, for the privacy manifest: the numeric
 * catalogue (`isKnownFeature`, `resolveFeature`) and the string lookups of one-hot features
 * and rules (`resolveCategory`). `<x>` stands for a page type or group, an event, trait,
 * category or traffic-source name. A test resolves each and fails when the catalogue knows a
 * name no family here covers. All are computed on the device from the stored profile.
 */
export const FEATURE_FAMILIES: readonly FeatureDeclaration[] = [
  ...f('behaviour', 'page views, lifetime and per page type', 'pages', 'pages.<x>'),
  ...f('behaviour', 'seconds on pages, per page type', 'dwell.<x>'),
  ...f('behaviour', 'engaged (active, visible) seconds, lifetime and per page type', 'engaged', 'engaged.<x>'),
  ...f('behaviour', 'events and sessions counted over the lifetime', 'events', 'sessions', 'returning', 'new_visitor'),
  ...f('behaviour', 'how often a named event was recorded', 'event.<x>'),
  ...f(
    'behaviour',
    'the current session: pages, duration, engaged time, pages and time per page type, cart adds, purchases',
    'session.pages',
    'session.duration',
    'session.engaged',
    'session.cart_adds',
    'session.purchases',
    'session.pages.<x>',
    'session.dwell.<x>',
    'session.engaged.<x>',
  ),
  ...f(
    'behaviour',
    'visit patterns: bounce and exit rates, session length, tenure, days since the last visit, scroll depth reached',
    'bounce_rate',
    'avg_session_duration',
    'pages_per_session',
    'exit_rate',
    'exit_rate.<x>',
    'entry_bounce_rate.<x>',
    'tenure_days',
    'days_since_last_visit',
    'scroll.<x>',
  ),
  ...f('behaviour', 'interest in product categories, decayed over time', 'affinity.<x>', 'top_category'),
  ...f(
    'commerce',
    'purchases, revenue, order value, refunds, cart adds, checkouts, cart abandonment',
    'days_since_last_purchase',
    'purchases',
    'purchases_30d',
    'purchases_90d',
    'purchases_365d',
    'revenue',
    'aov',
    'refunds',
    'cart_adds',
    'checkouts',
    'cart_abandonment',
  ),
  ...f('acquisition', "share of sessions per traffic class, this session's class", 'source.<x>', 'traffic_source'),
  ...f('traits', 'a first-party trait the site passed with identify()', 'trait.<x>'),
  ...f('context', 'local time of the decision', 'hour', 'weekday', 'weekend'),
  ...f('context', 'device class, browser language, time zone', 'device', 'language', 'time_zone'),
  ...f(
    'behaviour',
    "the page being viewed, the session's landing page, new or returning",
    'page_type',
    'landing_page_type',
    'visitor_type',
  ),
];
