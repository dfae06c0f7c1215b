import { bump, isSafeKey } from '../lib/safe-key';
import type { EdgesegEvent } from '../types/event';
import type { PageTypeStats, Profile, SessionState } from '../types/profile';

/** Bounds that keep a profile small whatever a page sends. */
export const PROFILE_LIMITS = { pageTypes: 64, tracks: 128, traits: 50 } as const;

/** The page type of a view with none: a page still counts, under this name. */
export const UNKNOWN_PAGE_TYPE = 'other';

export interface ReduceOptions {
  /** Milliseconds without events after which a new session starts. */
  sessionTimeout: number;
}

/** A profile with nothing in it, first seen at `t`. */
export function emptyProfile(t: number): Profile {
  return {
    v: 1,
    firstSeen: t,
    lastSeen: t,
    events: 0,
    pages: 0,
    sessions: 0,
    bounces: 0,
    closedSessions: 0,
    pageTypes: {},
    tracks: {},
    traits: {},
    session: null,
  };
}

function statsFor(map: Record<string, PageTypeStats>, type: string): PageTypeStats | undefined {
  if (Object.hasOwn(map, type)) return map[type];
  if (!isSafeKey(type) || Object.keys(map).length >= PROFILE_LIMITS.pageTypes) return undefined;
  return (map[type] = { n: 0, dwell: 0 });
}

function closeSession(profile: Profile): void {
  if (!profile.session) return;
  profile.closedSessions += 1;
  if (profile.session.pages <= 1) profile.bounces += 1;
  profile.session = null;
}

function openSession(profile: Profile, t: number): SessionState {
  profile.sessions += 1;
  return (profile.session = { start: t, last: t, pages: 0, pageTypes: {}, lastPageType: null, lastPageAt: null });
}

function applyPage(profile: Profile, session: SessionState, type: string, t: number, timeout: number): void {
  // Dwell is the time to the next page view in the session, as Google Analytics measured
  // the `*_Duration` columns of the UCI shoppers data the demo is trained on.
  if (session.lastPageType !== null && session.lastPageAt !== null) {
    const seconds = Math.min(t - session.lastPageAt, timeout) / 1000;
    const inSession = statsFor(session.pageTypes, session.lastPageType);
    const lifetime = statsFor(profile.pageTypes, session.lastPageType);
    if (inSession) inSession.dwell += seconds;
    if (lifetime) lifetime.dwell += seconds;
  }
  session.pages += 1;
  profile.pages += 1;
  const inSession = statsFor(session.pageTypes, type);
  const lifetime = statsFor(profile.pageTypes, type);
  if (inSession) inSession.n += 1;
  if (lifetime) lifetime.n += 1;
  session.lastPageType = type;
  session.lastPageAt = t;
}

function applyTraits(profile: Profile, props: EdgesegEvent['props']): void {
  for (const [key, value] of Object.entries(props)) {
    if (!isSafeKey(key) || value === null) continue;
    if (!Object.hasOwn(profile.traits, key) && Object.keys(profile.traits).length >= PROFILE_LIMITS.traits) continue;
    profile.traits[key] = value;
  }
}

/**
 * Folds one event into `profile`, in place. Deterministic and platform-free: the browser,
 * the CLI `replay` and the tests all call this, so the same events give the same profile
 * everywhere. A clock that goes backwards is clamped to the last time seen.
 */
export function applyEvent(profile: Profile, event: EdgesegEvent, options: ReduceOptions): Profile {
  const t = Math.max(event.t, profile.lastSeen);
  let session = profile.session;
  if (!session || t - session.last > options.sessionTimeout) {
    closeSession(profile);
    session = openSession(profile, t);
  }
  session.last = t;
  profile.lastSeen = t;
  profile.events += 1;
  if (event.kind === 'page') {
    const type = typeof event.props['pageType'] === 'string' ? event.props['pageType'] : UNKNOWN_PAGE_TYPE;
    applyPage(profile, session, type, t, options.sessionTimeout);
  } else if (event.kind === 'track') {
    if (Object.hasOwn(profile.tracks, event.name) || Object.keys(profile.tracks).length < PROFILE_LIMITS.tracks) {
      bump(profile.tracks, event.name);
    }
  } else {
    applyTraits(profile, event.props);
  }
  return profile;
}

/** A deep copy, so callers can fold events without touching a profile others hold. */
export function cloneProfile(profile: Profile): Profile {
  return JSON.parse(JSON.stringify(profile)) as Profile;
}

/** Folds `events` into a copy of `profile` (or a new one) and returns it. */
export function reduceProfile(profile: Profile | null, events: Iterable<EdgesegEvent>, options: ReduceOptions): Profile | null {
  let next = profile ? cloneProfile(profile) : null;
  for (const event of events) {
    next ??= emptyProfile(event.t);
    applyEvent(next, event, options);
  }
  return next;
}
