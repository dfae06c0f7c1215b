/** Counts and dwell seconds for one page type. */
export interface PageTypeStats {
  /** Page views. */
  n: number;
  /** Seconds between this page type's views and the next page view in the same session. */
  dwell: number;
}

/** The session in progress. Sessions end after `sessionTimeout` minutes without events. */
export interface SessionState {
  start: number;
  last: number;
  pages: number;
  pageTypes: Record<string, PageTypeStats>;
  /** The type of the last page viewed, to attribute its dwell when the next page arrives. */
  lastPageType: string | null;
  lastPageAt: number | null;
}

/**
 * The visitor profile: a bounded summary reduced from events by {@link reduceProfile}.
 * It is plain JSON so it can be stored, exported and replayed in Node unchanged.
 */
export interface Profile {
  /** Schema version of this object; see `store/migrations.ts`. */
  v: 1;
  firstSeen: number;
  lastSeen: number;
  events: number;
  pages: number;
  sessions: number;
  /** Sessions that ended with a single page view. */
  bounces: number;
  /** Sessions that have ended (the denominator of the bounce rate). */
  closedSessions: number;
  pageTypes: Record<string, PageTypeStats>;
  /** Counts of `track()` events by name. */
  tracks: Record<string, number>;
  traits: Record<string, string | number | boolean>;
  session: SessionState | null;
}
