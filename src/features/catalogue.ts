import type { PageTypeStats, Profile } from '../types/profile';
import type { FeatureContext } from './context';
import { KEYED_METRICS, METRICS, profileMetric, sumOver } from './profile-metrics';

function sumStats(
  map: Record<string, PageTypeStats>,
  key: string,
  groups: Record<string, string[]>,
  field: 'n' | 'dwell' | 'engaged',
): number {
  return sumOver(map, key, groups, (s) => s[field] ?? 0);
}

/**
 * The feature catalogue: every name a bundle's feature spec may use, resolved from a
 * profile. `undefined` means "no value" and is imputed by the spec.
 *
 * - `pages`, `events`, `sessions`: lifetime counts
 * - `pages.<type|group>`, `dwell.<type|group>`: lifetime page views and seconds
 * - `session.pages`, `session.duration`, `session.pages.<type|group>`, `session.dwell.<type|group>`
 * - `bounce_rate`: share of ended sessions with one page; `returning`: 1 after the first session
 * - `weekend`: 1 on Saturday and Sunday; `event.<name>`: `track()` count; `trait.<name>`: numeric trait
 * - `hour` (local, 0–23) and `weekday` (0 = Sunday) of the decision
 * - sessions and pages: `avg_session_duration`, `pages_per_session`, `exit_rate[.<type|group>]`,
 *   `entry_bounce_rate.<type|group>`, `new_visitor`, `tenure_days`, `days_since_last_visit`
 * - RFM and cart: `days_since_last_purchase`, `purchases`, `purchases_30d|90d|365d`, `revenue`,
 *   `aov`, `refunds`, `cart_adds`, `checkouts`, `cart_abandonment`, `session.cart_adds`, `session.purchases`
 * - `affinity.<category>` (decayed), `source.<class>` (share of sessions), `engaged`,
 *   `session.engaged`, `scroll.<25|50|75|100>` (share of page views)
 * docs/profile.md lists them with their meaning and the shoppers columns they match.
 */
export function resolveFeature(name: string, profile: Profile | null, ctx: FeatureContext): number | undefined {
  const dot = name.indexOf('.');
  const head = dot < 0 ? name : name.slice(0, dot);
  const rest = dot < 0 ? '' : name.slice(dot + 1);
  if (ctx.withheld?.(name)) return undefined;
  if (head === 'weekend') return ctx.weekday === 0 || ctx.weekday === 6 ? 1 : 0;
  if (head === 'weekday') return ctx.weekday;
  if (head === 'hour') return new Date(ctx.now).getHours();
  if (!profile) return undefined;
  const session = profile.session;
  switch (head) {
    case 'pages':
      return rest ? sumStats(profile.pageTypes, rest, ctx.pageGroups, 'n') : profile.pages;
    case 'dwell':
      return sumStats(profile.pageTypes, rest, ctx.pageGroups, 'dwell');
    case 'engaged':
      return rest ? sumStats(profile.pageTypes, rest, ctx.pageGroups, 'engaged') : profile.engaged;
    case 'events':
      return profile.events;
    case 'sessions':
      return profile.sessions;
    case 'returning':
      return profile.sessions > 1 ? 1 : 0;
    case 'bounce_rate':
      return profile.closedSessions > 0 ? profile.bounces / profile.closedSessions : undefined;
    case 'event':
      return Object.hasOwn(profile.tracks, rest) ? profile.tracks[rest] : 0;
    case 'trait': {
      const value = Object.hasOwn(profile.traits, rest) ? profile.traits[rest] : undefined;
      return typeof value === 'number' ? value : typeof value === 'boolean' ? Number(value) : undefined;
    }
    case 'session': {
      if (!session) return 0;
      if (rest === 'pages') return session.pages;
      if (rest === 'duration') return (session.last - session.start) / 1000;
      if (rest.startsWith('pages.')) return sumStats(session.pageTypes, rest.slice(6), ctx.pageGroups, 'n');
      if (rest.startsWith('dwell.')) return sumStats(session.pageTypes, rest.slice(6), ctx.pageGroups, 'dwell');
      if (rest.startsWith('engaged.')) return sumStats(session.pageTypes, rest.slice(8), ctx.pageGroups, 'engaged');
      if (rest === 'engaged') return session.engaged;
      if (rest === 'cart_adds') return session.cartAdds;
      if (rest === 'purchases') return session.purchases;
      return undefined;
    }
    default:
      return profileMetric(head, rest, profile, ctx.now, ctx.pageGroups);
  }
}

/** True when `name` is a catalogue name, so bundles naming unknown features are refused. */
export function isKnownFeature(name: string): boolean {
  return (
    /^(pages|events|sessions|returning|bounce_rate|weekend|weekday|hour|session\.(pages|duration|engaged|cart_adds|purchases))$/.test(
      name,
    ) ||
    /^(pages|dwell|engaged|event|trait|session\.pages|session\.dwell|session\.engaged)\.[^.]{1,64}$/.test(name) ||
    METRICS.test(name) ||
    KEYED_METRICS.test(name)
  );
}
