import { affinityAt } from '../profile/affinity';
import { purchasesWithin } from '../profile/commerce';
import type { Profile } from '../types/profile';

const DAY = 86_400_000;

/** `a / b`, or `undefined` (imputed by the spec) when there is nothing to divide by. */
export const ratio = (a: number, b: number): number | undefined => (b > 0 ? a / b : undefined);

/** Page types a name stands for: a bundle's group, else the type itself. */
export function typesOf(key: string, groups: Record<string, string[]>): string[] {
  return Object.hasOwn(groups, key) ? (groups[key] as string[]) : [key];
}

/** Sums `field` of a keyed record over the page types `key` stands for. */
export function sumOver<T>(
  map: Record<string, T>,
  key: string,
  groups: Record<string, string[]>,
  read: (v: T) => number,
): number {
  let total = 0;
  for (const type of typesOf(key, groups)) if (Object.hasOwn(map, type)) total += read(map[type] as T);
  return total;
}

/**
 * Whole-profile metrics: sessions, exits, RFM, cart, affinity, engagement. `rest` is the
 * part of the name after the first dot (`exit_rate.product` → `product`).
 */
export function profileMetric(
  head: string,
  rest: string,
  p: Profile,
  now: number,
  groups: Record<string, string[]>,
): number | undefined {
  const c = p.commerce;
  const session = p.session;
  switch (head) {
    case 'avg_session_duration':
      return ratio(p.closedSeconds + (session ? (session.last - session.start) / 1000 : 0), p.sessions);
    case 'pages_per_session':
      return ratio(p.pages, p.sessions);
    case 'exit_rate':
      // Each ended session has one exit page: exits per page view of the ended sessions.
      if (!rest) return ratio(p.closedSessions, p.closedPages);
      return ratio(
        sumOver(p.flow, rest, groups, (f) => f.exits),
        sumOver(p.pageTypes, rest, groups, (s) => s.n),
      );
    case 'entry_bounce_rate':
      return ratio(
        sumOver(p.flow, rest, groups, (f) => f.bounces),
        sumOver(p.flow, rest, groups, (f) => f.entries),
      );
    case 'new_visitor':
      return p.sessions <= 1 ? 1 : 0;
    case 'tenure_days':
      return Math.max(0, now - p.firstSeen) / DAY;
    case 'days_since_last_visit':
      return p.previousVisit === null ? undefined : Math.max(0, now - p.previousVisit) / DAY;
    case 'days_since_last_purchase':
      return c.lastPurchase === null ? undefined : Math.max(0, now - c.lastPurchase) / DAY;
    case 'purchases':
      return c.purchases;
    case 'purchases_30d':
      return purchasesWithin(p, now, 30);
    case 'purchases_90d':
      return purchasesWithin(p, now, 90);
    case 'purchases_365d':
      return purchasesWithin(p, now, 365);
    case 'revenue':
      return Math.max(0, c.revenue - c.refunded);
    case 'aov':
      return ratio(c.revenue, c.purchases - c.otherCurrency);
    case 'refunds':
      return c.refunds;
    case 'cart_adds':
      return c.cartAdds;
    case 'checkouts':
      return c.checkouts;
    case 'cart_abandonment':
      return ratio(c.abandoned, c.cartSessions);
    case 'affinity':
      return affinityAt(p, rest, now);
    case 'engaged':
      return p.engaged;
    case 'scroll': {
      const index = ['25', '50', '75', '100'].indexOf(rest);
      return index < 0 ? undefined : ratio(p.scroll[index] as number, p.pages);
    }
    case 'source':
      return ratio(Object.hasOwn(p.sources, rest) ? (p.sources[rest] as number) : 0, p.sessions);
    default:
      return undefined;
  }
}

/** Names {@link profileMetric} resolves with no suffix, and those that take one. */
export const METRICS =
  /^(avg_session_duration|pages_per_session|exit_rate|new_visitor|tenure_days|days_since_last_visit|days_since_last_purchase|purchases|purchases_30d|purchases_90d|purchases_365d|revenue|aov|refunds|cart_adds|checkouts|cart_abandonment|engaged)$/;
export const KEYED_METRICS = /^(exit_rate|entry_bounce_rate|affinity|source)\.[^.]{1,64}$|^scroll\.(25|50|75|100)$/;
