import type { PropValue } from '../types/event';

/** Campaign parameters kept (bounded). `utm_term` is left out: search keywords can be personal. */
const UTM = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_content'] as const;

/** Parameters email tools add (Mailchimp, HubSpot, Marketo, Salesforce, Klaviyo). Only their presence is read. */
const EMAIL_PARAMS = ['mc_cid', 'mc_eid', '_hsenc', '_hsmi', 'mkt_tok', 'sfmc_id', '_kx'];
/** Ad click ids: their presence marks paid traffic; their values are never read. */
const PAID_PARAMS = ['gclid', 'gbraid', 'wbraid', 'dclid', 'msclkid'];
const SOCIAL_PARAMS = ['fbclid', 'ttclid', 'li_fat_id', 'twclid'];

const SEARCH =
  /(^|\.)(google\.[a-z.]+|bing\.com|duckduckgo\.com|yahoo\.[a-z.]+|baidu\.com|yandex\.[a-z.]+|ecosia\.org|qwant\.com|startpage\.com|search\.brave\.com|naver\.com|seznam\.cz)$/;
const SOCIAL =
  /(^|\.)(facebook\.com|fb\.com|instagram\.com|t\.co|twitter\.com|x\.com|linkedin\.com|lnkd\.in|pinterest\.[a-z.]+|reddit\.com|tiktok\.com|youtube\.com|threads\.net|mastodon\.social|bsky\.app)$/;
const EMAIL_HOSTS =
  /(^|\.)(mail\.google\.com|outlook\.live\.com|outlook\.office\.com|mail\.yahoo\.com|webmail\.[a-z.]+)$/;

/**
 * The traffic class of a page view: `email`, `paid`, `social`, `organic`,
 * `campaign` (other UTM-tagged), `referral`, `internal` (from this site) or `direct`.
 */
export function trafficClass(params: URLSearchParams, referrerHost: string | null, ownHost: string): string {
  const medium = (params.get('utm_medium') ?? '').toLowerCase();
  const has = (names: readonly string[]) => names.some((name) => params.has(name));
  if (/e-?mail|newsletter/.test(medium) || has(EMAIL_PARAMS) || (referrerHost && EMAIL_HOSTS.test(referrerHost)))
    return 'email';
  if (/^(cpc|ppc|cpm|cpv|paid|display|banner|retargeting)/.test(medium) || has(PAID_PARAMS)) return 'paid';
  if (/social|^sm$/.test(medium) || has(SOCIAL_PARAMS) || (referrerHost && SOCIAL.test(referrerHost))) return 'social';
  if (medium === 'organic' || (referrerHost && SEARCH.test(referrerHost))) return 'organic';
  if (params.has('utm_source') || params.has('utm_campaign')) return 'campaign';
  if (referrerHost && referrerHost !== ownHost) return 'referral';
  return referrerHost ? 'internal' : 'direct';
}

/**
 * Campaign properties of a page view: UTM parameters, the referrer's host (never its
 * path or query) and the traffic class. `referrer` is `''` for SPA navigations, which
 * are internal unless their URL carries campaign parameters.
 */
export function campaignProps(location: Location, referrer: string, spa: boolean): Record<string, PropValue> {
  const params = new URLSearchParams(location.search);
  const props: Record<string, PropValue> = {};
  for (const name of UTM) {
    const value = params.get(name)?.trim();
    if (value) props[name] = value.slice(0, 64);
  }
  let host: string | null = null;
  try {
    host = referrer ? new URL(referrer).hostname : null;
  } catch {
    // An unparsable referrer counts as none.
  }
  const traffic = trafficClass(params, host, location.hostname);
  props['traffic'] = spa && traffic === 'direct' ? 'internal' : traffic;
  if (host && host !== location.hostname) props['referrer'] = host.slice(0, 128);
  return props;
}
