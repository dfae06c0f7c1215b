import type { EdgesegEvent } from '../types/event';
import type { PageTypeStats, Profile, SessionState } from '../types/profile';
import { addAffinity, AFFINITY_WEIGHTS } from './affinity';
import { PROFILE_LIMITS, UNKNOWN_PAGE_TYPE } from './empty';
import { entryFor } from './keyed';
import { countEntry } from './session';

const newStats = (): PageTypeStats => ({ n: 0, dwell: 0 });
const statsFor = (map: Record<string, PageTypeStats>, type: string) =>
  entryFor(map, type, PROFILE_LIMITS.pageTypes, newStats);

/** The page type a page view carries, or {@link UNKNOWN_PAGE_TYPE}. */
export function pageTypeOf(event: EdgesegEvent): string {
  const type = event.props['pageType'];
  return typeof type === 'string' && type ? type : UNKNOWN_PAGE_TYPE;
}

/**
 * Folds a page view: counts, dwell of the page being left, landing page, category
 * affinity and the context it reports.
 */
export function applyPage(
  profile: Profile,
  session: SessionState,
  event: EdgesegEvent,
  t: number,
  timeout: number,
): void {
  const type = pageTypeOf(event);
  // Dwell is the time to the next page view in the session, as Google Analytics measured
  // the `*_Duration` columns of the UCI shoppers data the demo is trained on.
  if (session.lastPageType !== null && session.lastPageAt !== null) {
    const seconds = Math.min(t - session.lastPageAt, timeout) / 1000;
    const inSession = statsFor(session.pageTypes, session.lastPageType);
    const lifetime = statsFor(profile.pageTypes, session.lastPageType);
    if (inSession) inSession.dwell += seconds;
    if (lifetime) lifetime.dwell += seconds;
  }
  if (session.pages === 0) {
    session.landing = type;
    countEntry(profile, type);
  }
  session.pages += 1;
  profile.pages += 1;
  const inSession = statsFor(session.pageTypes, type);
  const lifetime = statsFor(profile.pageTypes, type);
  if (inSession) inSession.n += 1;
  if (lifetime) lifetime.n += 1;
  session.lastPageType = type;
  session.lastPageAt = t;
  const p = event.props;
  addAffinity(profile, p['category'], AFFINITY_WEIGHTS.view, t);
  const ctx = profile.context;
  if (typeof p['device'] === 'string') ctx.device = p['device'].slice(0, 16);
  if (typeof p['lang'] === 'string') ctx.language = p['lang'].slice(0, 35);
  if (typeof p['tz'] === 'string') ctx.timeZone = p['tz'].slice(0, 64);
}

/** Scroll depths the scroll collector reports, in the order of `Profile.scroll`. */
export const SCROLL_DEPTHS = [25, 50, 75, 100] as const;

/** Folds a `scroll` event (`depth` 25/50/75/100, once per page and depth). */
export function applyScroll(profile: Profile, depth: unknown): void {
  const index = SCROLL_DEPTHS.indexOf(depth as 25);
  if (index >= 0) profile.scroll[index] = (profile.scroll[index] as number) + 1;
}

/**
 * Folds an `engagement` event: `seconds` of engaged time, at most the gap it could span.
 * The collector records it before the next page view, so it belongs to the session's
 * last page type.
 */
export function applyEngagement(profile: Profile, session: SessionState | null, seconds: unknown, cap: number): void {
  if (typeof seconds !== 'number' || !(seconds > 0)) return;
  const s = Math.min(seconds, cap);
  profile.engaged += s;
  if (!session) return;
  session.engaged += s;
  const type = session.lastPageType;
  if (type === null) return;
  for (const stats of [statsFor(session.pageTypes, type), statsFor(profile.pageTypes, type)])
    if (stats) stats.engaged = (stats.engaged ?? 0) + s;
}
