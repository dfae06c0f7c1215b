/** Counts and dwell seconds for one page type. */
export interface PageTypeStats {
  /** Page views. */
  n: number;
  /** Seconds between this page type's views and the next page view in the same session. */
  dwell: number;
  /** Engaged seconds on this page type (visible, focused, with input); absent until there are some. */
  engaged?: number;
}

/** How sessions enter and leave through one page type (the shoppers data's bounce and exit rates). */
export interface PageFlow {
  /** Sessions whose first page was of this type. */
  entries: number;
  /** Ended sessions whose last page was of this type. */
  exits: number;
  /** Ended sessions that saw only this one page and no interaction. */
  bounces: number;
}

/** The session in progress. Sessions end after `sessionTimeout` minutes without events, or on a new campaign. */
export interface SessionState {
  start: number;
  last: number;
  pages: number;
  pageTypes: Record<string, PageTypeStats>;
  /** The type of the last page viewed, to attribute its dwell when the next page arrives. */
  lastPageType: string | null;
  lastPageAt: number | null;
  /** The type of the first page (the landing page), `null` before one. */
  landing: string | null;
  /** Traffic class of the session (`direct`, `organic`, `email`, ...); the field keeps its stored name. */
  source: string;
  /** `source|medium|campaign` of the campaign that opened the session, `null` without one. */
  campaign: string | null;
  /** `track()` events other than scroll and engagement: a session with one makes no bounce. */
  interactions: number;
  /** Engaged seconds (page visible, focused, not idle). */
  engaged: number;
  /** `add_to_cart` events this session. */
  cartAdds: number;
  checkout: boolean;
  purchases: number;
}

/** Purchases and refunds: the monetary and frequency parts of RFM, and the cart. */
export interface CommerceStats {
  cartAdds: number;
  cartRemoves: number;
  checkouts: number;
  purchases: number;
  refunds: number;
  /** ISO 4217 code of the first purchase; revenue is kept in this currency only. */
  currency: string | null;
  /** Gross revenue of purchases in `currency`. */
  revenue: number;
  /** Amount refunded (in `currency`); monetary value is `revenue − refunded`. */
  refunded: number;
  /** Purchases in another currency: counted, but not summed into `revenue`. */
  otherCurrency: number;
  /** Epoch ms of the last purchase, `null` before one. */
  lastPurchase: number | null;
  /** `[day, purchases]` pairs (UTC day number) of the last 365 days, oldest first: frequency windows. */
  days: [number, number][];
  /** Ended sessions that had an `add_to_cart`, and those of them without a purchase. */
  cartSessions: number;
  abandoned: number;
}

/** A category's interest score, decayed exponentially with the profile's half-life. */
export interface Affinity {
  /** Score as of `t`. */
  s: number;
  t: number;
}

/** The last context a page view reported (coarse, non-identifying). */
export interface VisitContext {
  device: string | null;
  language: string | null;
  timeZone: string | null;
}

/**
 * The visitor profile: a bounded summary reduced from events by {@link reduceProfile}.
 * It is plain JSON so it can be stored, exported and replayed in Node unchanged.
 * docs/profile.md describes every field and its mapping to the UCI shoppers columns.
 */
export interface Profile {
  /** Schema version of this object; a v1 profile is upgraded by `upgradeProfile`. */
  v: 2;
  firstSeen: number;
  lastSeen: number;
  events: number;
  pages: number;
  sessions: number;
  /** Sessions that ended with a single page view and no interaction. */
  bounces: number;
  /** Sessions that have ended (the denominator of the bounce rate). */
  closedSessions: number;
  /** Page views in ended sessions (the denominator of the exit rate). */
  closedPages: number;
  /** Summed duration of ended sessions, seconds. */
  closedSeconds: number;
  /** Last event of the session before the current one (recency of the previous visit). */
  previousVisit: number | null;
  pageTypes: Record<string, PageTypeStats>;
  flow: Record<string, PageFlow>;
  /** Counts of `track()` events by name. */
  tracks: Record<string, number>;
  traits: Record<string, string | number | boolean>;
  /** Sessions by traffic class; the field keeps its stored name. */
  sources: Record<string, number>;
  /** Lifetime engaged seconds. */
  engaged: number;
  /** Page views that reached 25, 50, 75 and 100% scroll depth. */
  scroll: [number, number, number, number];
  commerce: CommerceStats;
  /** Half-life of category affinities, ms (from config, kept so features decay the same way). */
  halfLife: number;
  affinity: Record<string, Affinity>;
  context: VisitContext;
  session: SessionState | null;
}
