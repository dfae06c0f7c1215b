import type { Cap } from '../types/config';

/**
 * Exposure counts per variant. Kept in the `caps` kv record with consent, in memory
 * otherwise. A count is reset when its day or session changes.
 */
export interface CapCounts {
  /** Local date the `d` counts are for. */
  day: string;
  /** Start time of the session the `s` counts are for. */
  session: number;
  d: Record<string, number>;
  s: Record<string, number>;
}

/** Counts for `now`, with stale periods reset. */
export function currentCounts(saved: CapCounts | undefined, now: number, sessionStart: number): CapCounts {
  const day = new Date(now).toDateString();
  const sameDay = saved?.day === day;
  const sameSession = saved?.session === sessionStart;
  return { day, session: sessionStart, d: sameDay ? { ...saved.d } : {}, s: sameSession ? { ...saved.s } : {} };
}

/** Whether showing `variant` once more would exceed its cap. */
export function isCapped(cap: Cap | undefined, counts: CapCounts, variant: string): boolean {
  if (!cap) return false;
  return (
    (cap.session !== undefined && (counts.s[variant] ?? 0) >= cap.session) ||
    (cap.day !== undefined && (counts.d[variant] ?? 0) >= cap.day)
  );
}

/** Counts one exposure of `variant` (one per page view, however many slots show it). */
export function countExposure(counts: CapCounts, variant: string): void {
  counts.s[variant] = (counts.s[variant] ?? 0) + 1;
  counts.d[variant] = (counts.d[variant] ?? 0) + 1;
}
