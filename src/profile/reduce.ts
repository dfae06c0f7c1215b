import { bump, isSafeKey } from '../lib/safe-key';
import type { EdgesegEvent } from '../types/event';
import type { Profile } from '../types/profile';
import { applyCommerce, COMMERCE_EVENTS } from './commerce';
import { DEFAULT_HALF_LIFE, emptyProfile, PROFILE_LIMITS, upgradeProfile } from './empty';
import { applyEngagement, applyPage, applyScroll } from './pages';
import { closeSession, openSession } from './session';

/** How events are folded; the client builds it from the config. */
export interface ReduceOptions {
  /** Milliseconds without events after which a new session starts. */
  sessionTimeout: number;
  /** Half-life of category affinities, ms. Default 30 days. */
  halfLife?: number;
  /** A page view with a different campaign starts a new session (as Google Analytics does). Default true. */
  campaignSessions?: boolean;
}

/** Folds events into a stored profile; pure (the profile reducer). */
export type FoldProfile = (stored: Profile | null, events: readonly EdgesegEvent[]) => Profile | null;

/** Events that record what the page did by itself: they never start a session or make one a non-bounce. */
const PASSIVE = new Set(['scroll', 'engagement']);

function applyTraits(profile: Profile, props: EdgesegEvent['props']): void {
  for (const [key, value] of Object.entries(props)) {
    if (!isSafeKey(key) || value === null) continue;
    if (!Object.hasOwn(profile.traits, key) && Object.keys(profile.traits).length >= PROFILE_LIMITS.traits) continue;
    profile.traits[key] = value;
  }
}

/** The campaign key of a page view with campaign parameters, else `null`. */
function campaignOf(event: EdgesegEvent): string | null {
  const p = event.props;
  if (event.kind !== 'page' || typeof p['utm_source'] !== 'string') return null;
  return `${p['utm_source']}|${String(p['utm_medium'] ?? '')}|${String(p['utm_campaign'] ?? '')}`;
}

/**
 * Whether `event`, folded at time `t`, opens a session (ending the one in progress). Training
 * on raw events asks it too, to take each session's row before the next one opens.
 */
export function startsSession(profile: Profile, event: EdgesegEvent, t: number, options: ReduceOptions): boolean {
  const session = profile.session;
  if (event.kind === 'identify' || (event.kind === 'track' && PASSIVE.has(event.name))) return false;
  if (!session || t - session.last > options.sessionTimeout) return true;
  const campaign = campaignOf(event);
  return options.campaignSessions !== false && campaign !== null && campaign !== session.campaign;
}

/**
 * Folds one event into `profile`, in place. Deterministic and platform-free: the browser,
 * the CLI `replay` and the tests all call this, so the same events give the same profile
 * everywhere. A clock that goes backwards is clamped to the last time seen.
 */
export function applyEvent(profile: Profile, event: EdgesegEvent, options: ReduceOptions): Profile {
  const t = Math.max(event.t, profile.lastSeen);
  if (startsSession(profile, event, t, options)) {
    closeSession(profile);
    const traffic = event.props['traffic'];
    openSession(
      profile,
      t,
      typeof traffic === 'string' && traffic !== 'internal' ? traffic : 'direct',
      campaignOf(event),
    );
  }
  let session = profile.session;
  // Traits and passive events extend a live session; after the timeout they stand alone.
  if (session && t - session.last > options.sessionTimeout) session = null;
  if (session) session.last = t;
  profile.lastSeen = t;
  profile.events += 1;
  if (event.kind === 'page' && session) {
    applyPage(profile, session, event, t, options.sessionTimeout);
    return profile;
  }
  if (event.kind === 'identify') {
    applyTraits(profile, event.props);
    return profile;
  }
  if (Object.hasOwn(profile.tracks, event.name) || Object.keys(profile.tracks).length < PROFILE_LIMITS.tracks)
    bump(profile.tracks, event.name);
  if (event.name === 'scroll') applyScroll(profile, event.props['depth']);
  else if (event.name === 'engagement')
    applyEngagement(profile, session, event.props['seconds'], options.sessionTimeout / 1000);
  else if (session) session.interactions += 1;
  if ((COMMERCE_EVENTS as readonly string[]).includes(event.name)) applyCommerce(profile, session, event, t);
  return profile;
}

/** A deep copy, so callers can fold events without touching a profile others hold. */
export function cloneProfile(profile: Profile): Profile {
  return JSON.parse(JSON.stringify(profile)) as Profile;
}

/** Folds `events` into a copy of `profile` (or a new one) and returns it. A v1 profile is upgraded first. */
export function reduceProfile(
  profile: Profile | null,
  events: Iterable<EdgesegEvent>,
  options: ReduceOptions,
): Profile | null {
  let next = upgradeProfile(profile ? cloneProfile(profile) : null);
  for (const event of events) {
    next ??= emptyProfile(event.t, options.halfLife ?? DEFAULT_HALF_LIFE);
    applyEvent(next, event, options);
  }
  return next;
}

/** The reducer with its options bound: what the store folds each batch with, inside its transaction. */
export function createFold(options: ReduceOptions): FoldProfile {
  return (stored, events) => reduceProfile(stored, events, options);
}
