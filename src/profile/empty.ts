import type { CommerceStats, Profile } from '../types/profile';

/** Bounds that keep a profile small whatever a page sends. */
export const PROFILE_LIMITS = {
  pageTypes: 64,
  tracks: 128,
  traits: 50,
  categories: 50,
  sources: 16,
  days: 366,
} as const;

/** The page type of a view with none: a page still counts, under this name. */
export const UNKNOWN_PAGE_TYPE = 'other';

/** Default half-life of category affinities: 30 days. */
export const DEFAULT_HALF_LIFE = 30 * 86_400_000;

function emptyCommerce(): CommerceStats {
  return {
    cartAdds: 0,
    cartRemoves: 0,
    checkouts: 0,
    purchases: 0,
    refunds: 0,
    currency: null,
    revenue: 0,
    refunded: 0,
    otherCurrency: 0,
    lastPurchase: null,
    days: [],
    cartSessions: 0,
    abandoned: 0,
  };
}

/** A profile with nothing in it, first seen at `t`. */
export function emptyProfile(t: number, halfLife = DEFAULT_HALF_LIFE): Profile {
  return {
    v: 2,
    firstSeen: t,
    lastSeen: t,
    events: 0,
    pages: 0,
    sessions: 0,
    bounces: 0,
    closedSessions: 0,
    closedPages: 0,
    closedSeconds: 0,
    previousVisit: null,
    pageTypes: {},
    flow: {},
    tracks: {},
    traits: {},
    sources: {},
    engaged: 0,
    scroll: [0, 0, 0, 0],
    commerce: emptyCommerce(),
    halfLife,
    affinity: {},
    context: { device: null, language: null, timeZone: null },
    session: null,
  };
}

/**
 * Brings a stored profile of an older shape (v1: pages, sessions, bounces, tracks,
 * traits) up to the current one: fields it lacks start empty, the counts it has stay.
 * Anything that is not a profile object gives `null` (a first visit) rather than a crash.
 */
export function upgradeProfile(stored: unknown): Profile | null {
  if (!stored || typeof stored !== 'object') return null;
  const old = stored as Partial<Profile> & { v?: number };
  if (old.v === 2) return old as Profile;
  if (typeof old.firstSeen !== 'number' || typeof old.lastSeen !== 'number') return null;
  const fresh = emptyProfile(old.firstSeen);
  const session = old.session ? { ...openedSession(old.session.start), ...old.session } : null;
  return { ...fresh, ...old, v: 2, session, closedPages: old.closedPages ?? 0 } as Profile;
}

/** A session opened at `t` with nothing in it yet. */
export function openedSession(t: number): NonNullable<Profile['session']> {
  return {
    start: t,
    last: t,
    pages: 0,
    pageTypes: {},
    lastPageType: null,
    lastPageAt: null,
    landing: null,
    source: 'direct',
    campaign: null,
    interactions: 0,
    engaged: 0,
    cartAdds: 0,
    checkout: false,
    purchases: 0,
  };
}
