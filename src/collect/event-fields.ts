import type { DataCategory, EventFieldDeclaration } from '../types/privacy';

const d = (category: DataCategory, means: string): EventFieldDeclaration => ({ means, category });

const COMMERCE = {
  value: d('commerce', 'order or cart value (given, or Σ price × quantity of the items)'),
  currency: d('commerce', 'currency code'),
  items: d('commerce', 'number of items'),
  quantity: d('commerce', 'total quantity'),
  products: d('commerce', 'product ids, |-joined (item names are dropped)'),
  categories: d('commerce', 'product categories, |-joined'),
};

/**
 * The properties edgeseg's own collectors put on events (src/collect/*), per event name,
 * for the privacy manifest. `track()`, `page()` and `identify()` calls add what the site
 * passes (flat, at most 32 properties of 256 characters). A browser test compares every
 * property of every automatic event it stores with this list.
 */
export const AUTO_EVENT_FIELDS: Record<string, Record<string, EventFieldDeclaration>> = {
  page_view: {
    path: d('behaviour', 'the page path (never the query string or the title)'),
    pageType: d('behaviour', 'the page type the site declares or the rules derive'),
    category: d('behaviour', 'the product category the page declares'),
    product: d('behaviour', 'the product id the page declares'),
    utm_source: d('acquisition', 'campaign parameter (utm_term is never read)'),
    utm_medium: d('acquisition', 'campaign parameter'),
    utm_campaign: d('acquisition', 'campaign parameter'),
    utm_content: d('acquisition', 'campaign parameter'),
    traffic: d('acquisition', 'traffic class: email, paid, social, organic, campaign, referral, internal or direct'),
    referrer: d('acquisition', 'the referring host name (never its path)'),
    hour: d('context', 'local hour (first page view of a load)'),
    weekday: d('context', 'local weekday (first page view of a load)'),
    device: d('context', 'mobile, tablet or desktop (never the user agent)'),
    lang: d('context', 'browser language'),
    tz: d('context', 'time zone'),
  },
  click: {
    label: d('behaviour', 'the data-edgeseg-label of a clicked element the site marked (never page text)'),
    category: d('behaviour', 'its data-edgeseg-category'),
    product: d('behaviour', 'its data-edgeseg-product'),
    currency: d('commerce', 'its data-edgeseg-currency'),
    value: d('commerce', 'its data-edgeseg-value'),
  },
  scroll: { depth: d('behaviour', 'scroll depth reached: 25, 50, 75 or 100 percent, once per page view') },
  engagement: { seconds: d('behaviour', 'engaged seconds on the page (visible and active)') },
  add_to_cart: COMMERCE,
  remove_from_cart: COMMERCE,
  begin_checkout: COMMERCE,
  purchase: COMMERCE,
  refund: COMMERCE,
};
