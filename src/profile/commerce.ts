import type { EdgesegEvent } from '../types/event';
import type { Profile, SessionState } from '../types/profile';
import { addAffinity, AFFINITY_WEIGHTS } from './affinity';
import { PROFILE_LIMITS } from './empty';

/** The commerce events the reducer understands (GA4 names), plus `refund`. */
export const COMMERCE_EVENTS = ['add_to_cart', 'remove_from_cart', 'begin_checkout', 'purchase', 'refund'] as const;

const DAY = 86_400_000;

/** A finite, non-negative amount, else 0 (a page's typo must not make revenue NaN). */
function amount(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

function currencyOf(value: unknown): string | null {
  return typeof value === 'string' && /^[A-Za-z]{3}$/.test(value) ? value.toUpperCase() : null;
}

/**
 * Whether an amount in `currency` adds to the profile's revenue: the first purchase fixes
 * the profile's currency; an amount without one is taken to be in it.
 */
function sameCurrency(profile: Profile, currency: string | null): boolean {
  const c = profile.commerce;
  if (currency && !c.currency) c.currency = currency;
  return !currency || currency === c.currency;
}

function countDay(profile: Profile, t: number): void {
  const days = profile.commerce.days;
  const day = Math.floor(t / DAY);
  const last = days[days.length - 1];
  if (last && last[0] >= day) last[1] += 1;
  else days.push([day, 1]);
  // Only the last 365 days matter to the frequency windows.
  while (days.length > PROFILE_LIMITS.days || (days[0] && days[0][0] <= day - 365)) days.shift();
}

/** Purchases in the `windowDays` days ending with the day of `now` (today counts as day 1). */
export function purchasesWithin(profile: Profile, now: number, windowDays: number): number {
  const today = Math.floor(now / DAY);
  let n = 0;
  for (const [day, count] of profile.commerce.days) if (day > today - windowDays && day <= today) n += count;
  return n;
}

/**
 * Folds a commerce event. `value` is the order total (or the line's, for cart events),
 * `currency` an ISO 4217 code, `categories` what `items` were flattened to. A `refund`
 * (a cancellation or return) lowers the monetary value, never the purchase count.
 */
export function applyCommerce(profile: Profile, session: SessionState | null, event: EdgesegEvent, t: number): void {
  const c = profile.commerce;
  const p = event.props;
  const categories = p['categories'] ?? p['category'];
  switch (event.name) {
    case 'add_to_cart':
      c.cartAdds += 1;
      if (session) session.cartAdds += 1;
      addAffinity(profile, categories, AFFINITY_WEIGHTS.cart, t);
      break;
    case 'remove_from_cart':
      c.cartRemoves += 1;
      break;
    case 'begin_checkout':
      c.checkouts += 1;
      if (session) session.checkout = true;
      break;
    case 'purchase': {
      c.purchases += 1;
      c.lastPurchase = t;
      if (session) session.purchases += 1;
      if (sameCurrency(profile, currencyOf(p['currency']))) c.revenue += amount(p['value']);
      else c.otherCurrency += 1;
      countDay(profile, t);
      addAffinity(profile, categories, AFFINITY_WEIGHTS.purchase, t);
      break;
    }
    case 'refund':
      c.refunds += 1;
      if (sameCurrency(profile, currencyOf(p['currency']))) c.refunded += amount(p['value']);
      break;
  }
}
