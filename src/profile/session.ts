import type { Profile, SessionState } from '../types/profile';
import { openedSession, PROFILE_LIMITS } from './empty';
import { entryFor } from './keyed';
import { bump } from '../lib/safe-key';

/** Ends the session in progress: bounce, exit, duration, traffic class and cart abandonment are counted now. */
export function closeSession(profile: Profile): void {
  const session = profile.session;
  if (!session) return;
  profile.closedSessions += 1;
  profile.closedPages += session.pages;
  profile.closedSeconds += (session.last - session.start) / 1000;
  profile.previousVisit = session.last;
  const bounced = session.pages <= 1 && session.interactions === 0;
  if (bounced) profile.bounces += 1;
  const exit = session.lastPageType;
  const flow = exit === null ? undefined : entryFor(profile.flow, exit, PROFILE_LIMITS.pageTypes, newFlow);
  if (flow) {
    flow.exits += 1;
    if (bounced) flow.bounces += 1;
  }
  const c = profile.commerce;
  if (session.cartAdds > 0) {
    c.cartSessions += 1;
    if (session.purchases === 0) c.abandoned += 1;
  }
  profile.session = null;
}

const newFlow = () => ({ entries: 0, exits: 0, bounces: 0 });

/** Starts a session at `t` from traffic class `traffic` (and campaign key, if any). */
export function openSession(profile: Profile, t: number, traffic: string, campaign: string | null): SessionState {
  profile.sessions += 1;
  const session = openedSession(t);
  session.source = traffic;
  session.campaign = campaign;
  const map = profile.sources;
  if (Object.hasOwn(map, traffic) || Object.keys(map).length < PROFILE_LIMITS.sources) bump(map, traffic);
  return (profile.session = session);
}

/** Counts a landing page type for the session's entry. */
export function countEntry(profile: Profile, type: string): void {
  const flow = entryFor(profile.flow, type, PROFILE_LIMITS.pageTypes, newFlow);
  if (flow) flow.entries += 1;
}
